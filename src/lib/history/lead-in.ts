import type { StoredChunk } from './chunk';

/**
 * Number of records a replay sends at once before a seek position. The chart then shows context,
 * and moving averages and detectors whose windows are at most this long (20 and 100 records by
 * default) start warm, while a seek stays quick. Selection counts whole chunks, so a lead-in has
 * up to one chunk more than this, or fewer where a selected chunk also contains records at or
 * after the seek position.
 */
export const LEAD_IN_RECORDS = 10_000;

/** Fields of a stored chunk that lead-in selection reads, without its columns. */
export type ChunkSummary = Pick<StoredChunk, 'count' | 'minTime' | 'maxTime'>;

/**
 * Selects the chunks whose records older than `from` make up the lead-in: the last chunks, in
 * sequence order, that contain any record older than `from`, until they contain at least `limit`
 * records in all. Returns their indices into `chunks`, ascending.
 *
 * Chunks keep records in arrival order, so a late record older than `from` can sit in a chunk
 * after the one where `from` falls. Such a chunk is selected too. Records at or after `from` in
 * a selected chunk are not part of the lead-in, because the replay sends them after it.
 */
export function selectLeadInChunks(
	chunks: readonly ChunkSummary[],
	from: number,
	limit = LEAD_IN_RECORDS
): number[] {
	const selected: number[] = [];
	let records = 0;
	for (let index = chunks.length - 1; index >= 0 && records < limit; index--) {
		const chunk = chunks[index];
		if (chunk.count === 0 || !(chunk.minTime < from)) continue;
		selected.push(index);
		records += chunk.count;
	}
	return selected.reverse();
}

/**
 * Finds the runs of consecutive records older than `from` in the first `count` records of
 * `time`, as [start, end) index pairs in order.
 */
export function olderRuns(time: Float64Array, count: number, from: number): [number, number][] {
	const runs: [number, number][] = [];
	let index = 0;
	while (index < count) {
		if (!(time[index] < from)) {
			index++;
			continue;
		}
		const start = index;
		while (index < count && time[index] < from) index++;
		runs.push([start, index]);
	}
	return runs;
}
