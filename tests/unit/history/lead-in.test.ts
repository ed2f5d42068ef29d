import { describe, expect, test } from 'vitest';
import {
	LEAD_IN_RECORDS,
	olderRuns,
	selectLeadInChunks,
	type ChunkSummary
} from '../../../src/lib/history/lead-in';

/** Chunks of 100 records each, 10 ms apart, the first record at 1000: chunk k spans k s. */
const inOrder: ChunkSummary[] = Array.from({ length: 5 }, (_, k) => ({
	count: 100,
	minTime: 1000 + 1000 * k,
	maxTime: 1990 + 1000 * k
}));

describe('selectLeadInChunks', () => {
	test.each([
		{ case: 'no chunks', chunks: [], from: 3000, limit: 1000, selected: [] },
		{ case: 'seek before the first record', chunks: inOrder, from: 500, limit: 1000, selected: [] },
		{ case: 'seek at the first record', chunks: inOrder, from: 1000, limit: 1000, selected: [] },
		{
			case: 'seek inside the first chunk',
			chunks: inOrder,
			from: 1500,
			limit: 1000,
			selected: [0]
		},
		{ case: 'seek at a chunk start', chunks: inOrder, from: 3000, limit: 1000, selected: [0, 1] },
		{ case: 'seek inside a chunk', chunks: inOrder, from: 3500, limit: 1000, selected: [0, 1, 2] },
		{
			case: 'seek after the end',
			chunks: inOrder,
			from: 9000,
			limit: 1000,
			selected: [0, 1, 2, 3, 4]
		},
		// The walk back stops once the chunks contain the limit, counting every record of each.
		{ case: 'limit of two chunks', chunks: inOrder, from: 4500, limit: 200, selected: [2, 3] },
		{ case: 'limit inside a chunk', chunks: inOrder, from: 4500, limit: 150, selected: [2, 3] },
		{ case: 'limit after the end', chunks: inOrder, from: 9000, limit: 250, selected: [2, 3, 4] },
		{ case: 'limit of one record', chunks: inOrder, from: 4500, limit: 1, selected: [3] },
		{
			// Chunk 3 starts with a late record older than the seek time, which falls in chunk 1.
			case: 'late record in a later chunk',
			chunks: inOrder.map((chunk, k) => (k === 3 ? { ...chunk, minTime: 2100 } : chunk)),
			from: 2500,
			limit: 1000,
			selected: [0, 1, 3]
		},
		{
			case: 'late record uses the limit',
			chunks: inOrder.map((chunk, k) => (k === 3 ? { ...chunk, minTime: 2100 } : chunk)),
			from: 2500,
			limit: 200,
			selected: [1, 3]
		},
		{
			case: 'empty chunk skipped',
			chunks: [inOrder[0], { count: 0, minTime: NaN, maxTime: NaN }, inOrder[1]],
			from: 2500,
			limit: 1000,
			selected: [0, 2]
		}
	])('$case', ({ chunks, from, limit, selected }) => {
		expect(selectLeadInChunks(chunks, from, limit)).toEqual(selected);
	});

	test('default limit', () => {
		const full: ChunkSummary[] = Array.from({ length: 10 }, (_, k) => ({
			count: 4096,
			minTime: 4096 * k,
			maxTime: 4096 * k + 4095
		}));
		// Chunks 5 to 7 contain 12,288 records, the first three from the end that reach 10,000.
		expect(LEAD_IN_RECORDS).toBe(10_000);
		expect(selectLeadInChunks(full, 4096 * 8)).toEqual([5, 6, 7]);
	});
});

describe('olderRuns', () => {
	test.each([
		{ case: 'no records', times: [], from: 10, runs: [] },
		{ case: 'all older', times: [1, 2, 3], from: 10, runs: [[0, 3]] },
		{ case: 'none older', times: [10, 11, 12], from: 10, runs: [] },
		{ case: 'older head', times: [1, 2, 10, 11], from: 10, runs: [[0, 2]] },
		{
			case: 'late records',
			times: [1, 2, 11, 3, 12, 13, 4, 5],
			from: 10,
			runs: [
				[0, 2],
				[3, 4],
				[6, 8]
			]
		}
	])('$case', ({ times, from, runs }) => {
		expect(olderRuns(Float64Array.from(times), times.length, from)).toEqual(runs);
	});

	test('reads only the first count records', () => {
		expect(olderRuns(Float64Array.from([1, 2, 3, 4]), 2, 10)).toEqual([[0, 2]]);
	});
});
