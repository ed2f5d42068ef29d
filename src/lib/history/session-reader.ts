import type { SessionInfo } from '../protocol';
import { chunkOverlaps, inRange, type TimeRange } from './export-format';
import { sessionChunks, type HistoryDb } from './schema';
import { lineCategory, onLine, type SplitLine } from './split-line';

/** One value series of a recorded session, in record order. */
export interface SessionSeries {
	session: SessionInfo;
	/** Epoch ms per record. */
	time: Float64Array;
	/** Value per record; NaN marks a gap. */
	values: Float64Array;
}

/** Series of a session to read, and the time range of its records. */
export interface SessionSeriesRequest {
	/** Index into the session's `series`, from 0. */
	series?: number;
	range?: TimeRange;
	/** Line of a split session whose records are read; every record when absent. */
	line?: SplitLine;
}

/**
 * Reads one value series of a session, or its records inside `range` and of one split line.
 * Chunks are fetched one
 * per request and copied straight into two typed arrays sized from the session's record count,
 * so a session of millions of records never exists as objects, only as the two columns.
 *
 * @throws Error when no session has that id, or the series index is out of range.
 */
export async function readSessionSeries(
	db: HistoryDb,
	id: string,
	request: SessionSeriesRequest = {}
): Promise<SessionSeries> {
	const session = await db.get('sessions', id);
	if (session === undefined) throw new Error(`session ${id} not found in history`);
	const series = request.series ?? 0;
	if (!Number.isInteger(series) || series < 0 || series >= session.series.length) {
		throw new RangeError(
			`invalid series ${series} for session "${session.name}": it has ${session.series.length}`
		);
	}
	const range = request.range ?? {};

	// The stored record count sizes the arrays. A session still being recorded may have grown
	// since, so they can grow too.
	let time: Float64Array = new Float64Array(Math.max(1024, session.recordCount));
	let values: Float64Array = new Float64Array(time.length);
	let count = 0;
	// Keys first, then one chunk per request, as the exporter does.
	const keys = await db.getAllKeys('chunks', sessionChunks(id));
	for (const key of keys) {
		const chunk = await db.get('chunks', key);
		if (chunk === undefined || !chunkOverlaps(chunk, range)) continue;
		const category = lineCategory(chunk, request.line);
		if (category === undefined) continue;
		if (count + chunk.count > time.length) {
			const size = Math.max(2 * time.length, count + chunk.count);
			time = grow(time, size);
			values = grow(values, size);
		}
		const column = chunk.values[series];
		for (let i = 0; i < chunk.count; i++) {
			if (!inRange(chunk.time[i], range) || !onLine(chunk, i, category)) continue;
			time[count] = chunk.time[i];
			values[count] = column[i];
			count++;
		}
	}
	if (count < time.length) {
		time = time.slice(0, count);
		values = values.slice(0, count);
	}
	return { session, time, values };
}

function grow(array: Float64Array, size: number): Float64Array {
	const larger = new Float64Array(size);
	larger.set(array);
	return larger;
}
