import { describe, expect, it } from 'vitest';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { selectFlagged } from '../../../src/lib/store/select-flagged';

function flaggedRing(time: number[], flags: number[]): ColumnRing {
	const ring = new ColumnRing(time.length, 1, { flag: 'uint8' });
	ring.append(time.length, Float64Array.from(time), [Float64Array.from(time, (t) => t * 2)], {
		flag: Uint8Array.from(flags)
	});
	return ring;
}

describe('selectFlagged', () => {
	it('selectFlagged returns flagged points in order', () => {
		const ring = flaggedRing([0, 1, 2, 3, 4], [0, 1, 0, 1, 1]);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 0, 4, 10);

		expect(Array.from(result.time)).toEqual([1, 3, 4]);
		expect(Array.from(result.value)).toEqual([2, 6, 8]);
	});

	it('selectFlagged reads the score of each point', () => {
		const ring = flaggedRing([0, 1, 2, 3, 4], [0, 1, 0, 1, 1]);
		const scores = ring.values(0);
		const result = selectFlagged(
			ring,
			ring.column('flag'),
			ring.values(0),
			0,
			3,
			10,
			undefined,
			scores
		);

		expect(Array.from(result.time)).toEqual([1, 3]);
		expect(Array.from(result.score!)).toEqual([2, 6]);
		expect(
			selectFlagged(ring, ring.column('flag'), ring.values(0), 0, 3, 10).score
		).toBeUndefined();
	});

	it('selectFlagged keeps newest over limit', () => {
		const ring = flaggedRing([0, 1, 2, 3, 4], [1, 1, 1, 1, 1]);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 0, 4, 2);

		expect(Array.from(result.time)).toEqual([3, 4]);
	});

	it('selectFlagged restricts to window', () => {
		const ring = flaggedRing([0, 1, 2, 3, 4], [1, 1, 1, 1, 1]);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 1, 3, 10);

		expect(Array.from(result.time)).toEqual([1, 2, 3]);
	});

	it('selectFlagged scans unsorted ring', () => {
		const ring = flaggedRing([4, 0, 3, 1, 2], [1, 1, 0, 1, 1]);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 1, 4, 10);

		expect(Array.from(result.time)).toEqual([4, 1, 2]);
	});

	it('selectFlagged returns empty without flags', () => {
		const ring = flaggedRing([0, 1, 2], [0, 0, 0]);
		const result = selectFlagged(ring, ring.column('flag'), ring.values(0), 0, 2, 10);

		expect(result.time.length).toBe(0);
		expect(result.value.length).toBe(0);
	});
});
