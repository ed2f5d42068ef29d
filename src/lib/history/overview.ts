import { sessionChunks, type HistoryDb } from './schema';

/** Min and max of a session's first series per time bucket, for a small chart of it. */
export interface SessionOverview {
	/** Time span of the buckets, epoch ms. */
	start: number;
	end: number;
	/** One entry per bucket; NaN where a bucket has no finite value. */
	min: Float64Array;
	max: Float64Array;
}

/**
 * Reduces a session's first value series to `buckets` equal time buckets, reading one chunk at
 * a time, so that the page can draw and brush the whole session without its records.
 *
 * @throws Error when no session has that id.
 */
export async function sessionOverview(
	db: HistoryDb,
	id: string,
	buckets: number
): Promise<SessionOverview> {
	const session = await db.get('sessions', id);
	if (session === undefined) throw new Error(`session ${id} not found in history`);
	const count = Math.max(1, Math.floor(buckets));
	const min = new Float64Array(count).fill(NaN);
	const max = new Float64Array(count).fill(NaN);
	const { start, end } = session;
	const overview = { start, end, min, max };
	if (!Number.isFinite(start) || !Number.isFinite(end)) return overview;

	const span = Math.max(1, end - start);
	for (const key of await db.getAllKeys('chunks', sessionChunks(id))) {
		const chunk = await db.get('chunks', key);
		if (chunk === undefined || chunk.values.length === 0) continue;
		const column = chunk.values[0];
		for (let i = 0; i < chunk.count; i++) {
			const value = column[i];
			if (!Number.isFinite(value)) continue;
			const bucket = Math.min(count - 1, Math.floor(((chunk.time[i] - start) / span) * count));
			if (bucket < 0) continue;
			if (!(value >= min[bucket])) min[bucket] = value;
			if (!(value <= max[bucket])) max[bucket] = value;
		}
	}
	return overview;
}
