import { median } from 'd3-array';
import { GAP_FACTOR } from '../store/decimate';
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

/**
 * Splits the filled buckets of an overview (those with a finite min) into runs that its chart
 * joins with one line each, as bucket indices in order. A session with fewer records than buckets,
 * or with records further apart than a bucket is wide, leaves empty buckets between filled ones,
 * and a run bridges them. A run ends only where the distance to the next filled bucket exceeds
 * GAP_FACTOR times the median distance between consecutive filled buckets. Such a distance is a
 * pause in the session, and the live chart breaks its line there by the same rule.
 */
export function overviewRuns(overview: Pick<SessionOverview, 'min'>): number[][] {
	const filled: number[] = [];
	for (let i = 0; i < overview.min.length; i++) {
		if (Number.isFinite(overview.min[i])) filled.push(i);
	}
	if (filled.length === 0) return [];

	const steps = filled.slice(1).map((bucket, k) => bucket - filled[k]);
	const maxStep = GAP_FACTOR * (median(steps) ?? 1);
	const runs: number[][] = [[filled[0]]];
	for (let k = 1; k < filled.length; k++) {
		if (steps[k - 1] > maxStep) runs.push([]);
		runs[runs.length - 1].push(filled[k]);
	}
	return runs;
}
