import { describe, expect, it } from 'vitest';
import { addPolyline, emptySpans } from '../../../src/lib/chart/column-spans';

/** Spans as [column, top, bottom] for each column the line reaches. */
function reached(columns: number, xs: number[], ys: number[]): [number, number, number][] {
	const spans = emptySpans(columns);
	addPolyline(spans, xs, ys);
	const list: [number, number, number][] = [];
	for (let c = 0; c < columns; c++) {
		if (spans.top[c] <= spans.bottom[c]) list.push([c, spans.top[c], spans.bottom[c]]);
	}
	return list;
}

describe('column spans', () => {
	it('emptySpans reaches no column', () => {
		expect(reached(4, [], [])).toEqual([]);
	});

	it('addPolyline keeps min and max of points in one column', () => {
		expect(reached(3, [1.1, 1.5, 1.9], [5, 2, 8])).toEqual([[1, 2, 8]]);
	});

	it('addPolyline interpolates a segment across columns', () => {
		// From (0.5, 0) to (3.5, 30): y = 10 x - 5.
		expect(reached(5, [0.5, 3.5], [0, 30])).toEqual([
			[0, 0, 5],
			[1, 5, 15],
			[2, 15, 25],
			[3, 25, 30]
		]);
	});

	it('addPolyline joins adjacent columns', () => {
		// A min/max pair per column, as decimation returns them.
		const spans = reached(3, [0.2, 0.8, 1.2, 1.8], [10, 0, 20, 4]);
		// The join from (0.8, 0) to (1.2, 20) crosses x = 1 at y = 10: column 0 reaches down to
		// it, and column 1 goes on from there to 20 and back down to 4.
		expect(spans).toEqual([
			[0, 0, 10],
			[1, 4, 20]
		]);
	});

	it('addPolyline breaks at a NaN', () => {
		const spans = reached(6, [0.5, 1.5, NaN, 4.5, 5.5], [0, 0, NaN, 9, 9]);
		expect(spans.map(([c]) => c)).toEqual([0, 1, 4, 5]);
	});

	it('addPolyline marks a lone point between breaks', () => {
		expect(reached(4, [0.5, NaN, 2.5, NaN], [1, NaN, 7, NaN])).toEqual([
			[0, 1, 1],
			[2, 7, 7]
		]);
	});

	it('addPolyline clips columns outside the spans', () => {
		// From (-2, 0) to (6, 80): only columns 0 to 3 exist.
		expect(reached(4, [-2, 6], [0, 80])).toEqual([
			[0, 20, 30],
			[1, 30, 40],
			[2, 40, 50],
			[3, 50, 60]
		]);
	});

	it('addPolyline takes points in either x order', () => {
		expect(reached(5, [3.5, 0.5], [30, 0])).toEqual(reached(5, [0.5, 3.5], [0, 30]));
	});

	it('addPolyline handles a vertical segment', () => {
		expect(reached(3, [1.5, 1.5], [2, 9])).toEqual([[1, 2, 9]]);
	});
});
