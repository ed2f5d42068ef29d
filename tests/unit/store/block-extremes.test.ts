import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, BlockExtremes } from '../../../src/lib/store/block-extremes';
import { decimate } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { selectFlagged } from '../../../src/lib/store/select-flagged';

describe('BlockExtremes', () => {
	it('BlockExtremes finds first min and max', () => {
		const column = new Float64Array(BLOCK_SIZE * 2).fill(5);
		column[3] = 1;
		column[7] = 1;
		column[10] = 9;
		column[12] = 9;
		const blocks = new BlockExtremes(column);

		expect(blocks.first(0)).toBe(0);
		expect(blocks.last(0)).toBe(BLOCK_SIZE - 1);
		expect(blocks.min(0)).toBe(3);
		expect(blocks.max(0)).toBe(10);
		expect(blocks.first(1)).toBe(BLOCK_SIZE);
		expect(blocks.min(1)).toBe(BLOCK_SIZE);
		expect(blocks.max(1)).toBe(BLOCK_SIZE);
	});

	it('BlockExtremes skips non-finite values', () => {
		const column = new Float64Array(BLOCK_SIZE).fill(NaN);
		column[4] = Infinity;
		column[5] = 2;
		column[9] = -Infinity;
		column[20] = -3;
		const blocks = new BlockExtremes(column);

		expect(blocks.first(0)).toBe(5);
		expect(blocks.last(0)).toBe(20);
		expect(blocks.min(0)).toBe(20);
		expect(blocks.max(0)).toBe(5);
	});

	it('BlockExtremes reports a block without finite values', () => {
		const blocks = new BlockExtremes(new Float64Array(BLOCK_SIZE).fill(NaN));

		expect(blocks.first(0)).toBe(-1);
	});

	it('BlockExtremes summarises a short last block', () => {
		const column = Float64Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => i);
		const blocks = new BlockExtremes(column);

		expect(blocks.first(1)).toBe(BLOCK_SIZE);
		expect(blocks.max(1)).toBe(BLOCK_SIZE + 2);
	});

	it('BlockExtremes follows a stale block', () => {
		const column = new Float64Array(BLOCK_SIZE);
		const blocks = new BlockExtremes(column);
		expect(blocks.first(0)).toBe(0);

		column[30] = 8;
		expect(blocks.max(0)).toBe(0);
		blocks.markStale(30, 1);
		blocks.first(0);
		expect(blocks.max(0)).toBe(30);
	});
});

describe('ColumnRing block summaries', () => {
	/** Builds a ring of `count` records one ms apart, value i % 10, one flag at record `flagAt`. */
	function filledRing(capacity: number, count: number, flagAt: number): ColumnRing {
		const ring = new ColumnRing(capacity, 1, { flag: 'uint8' });
		ring.append(
			count,
			Float64Array.from({ length: count }, (_, i) => i),
			[Float64Array.from({ length: count }, (_, i) => i % 10)],
			{ flag: Uint8Array.from({ length: count }, (_, i) => (i === flagAt ? 1 : 0)) }
		);
		return ring;
	}

	it('decimate sees an append after a view', () => {
		const ring = filledRing(BLOCK_SIZE * 4, BLOCK_SIZE * 4, -1);
		const before = decimate(ring, ring.values(0), 0, BLOCK_SIZE * 4, 1);
		expect(Array.from(before.value)).toEqual([0, 9]);

		// Wraps onto the first block: its records now hold 20 and come last in time. The oldest
		// record left is 64, so the first 0 is at 70.
		const count = BLOCK_SIZE;
		const time = Float64Array.from({ length: count }, (_, i) => BLOCK_SIZE * 4 + i);
		ring.append(count, time, [new Float64Array(count).fill(20)]);
		const after = decimate(ring, ring.values(0), 0, BLOCK_SIZE * 5, 1);

		expect(Array.from(after.value)).toEqual([0, 20]);
		expect(Array.from(after.time)).toEqual([70, BLOCK_SIZE * 4]);
	});

	it('decimate sees a marked in-place write', () => {
		const ring = filledRing(BLOCK_SIZE * 2, BLOCK_SIZE * 2, -1);
		decimate(ring, ring.values(0), 0, BLOCK_SIZE * 2, 1);

		ring.values(0)[70] = -5;
		ring.markWritten(ring.values(0));
		const result = decimate(ring, ring.values(0), 0, BLOCK_SIZE * 2, 1);

		expect(Array.from(result.value)).toEqual([9, -5]);
		expect(Array.from(result.time)).toEqual([9, 70]);
	});

	it('blockExtremes rejects a column of another ring', () => {
		const ring = filledRing(8, 8, -1);

		expect(() => ring.blockExtremes(new Float64Array(8))).toThrow(/not found in the ring/);
	});

	it('selectFlagged finds one flag among blocks', () => {
		const ring = filledRing(BLOCK_SIZE * 8, BLOCK_SIZE * 8, 100);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 0, BLOCK_SIZE * 8, 10);

		expect(Array.from(result.time)).toEqual([100]);
		expect(Array.from(result.value)).toEqual([0]);
	});
});
