import { bin } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { RunningStats } from '../../../src/lib/analysis/running-stats';
import { windowHistogram } from '../../../src/lib/analysis/window-histogram';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';

/** Builds a one-series ring with values `values` at times 0, 1, 2, … ms. */
function ringOf(values: number[]): ColumnRing {
	const ring = new ColumnRing(1000, 1, {});
	const time = Float64Array.from(values, (_, i) => i);
	ring.append(values.length, time, [Float64Array.from(values)], {});
	return ring;
}

describe('windowHistogram', () => {
	it('windowHistogram counts only the window', () => {
		const h = windowHistogram(ringOf([1, 2, 3, 4, 100]), 0, 1, 3);
		expect(h?.total).toBe(3);
		expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(3);
		expect(h?.mean).toBe(3);
		expect(h?.std).toBe(1);
	});

	it('windowHistogram edges cover the values', () => {
		const h = windowHistogram(ringOf([0, 5, 10, 15, 20]), 0, 0, 4);
		expect(h?.edges[0]).toBeLessThanOrEqual(0);
		expect(h?.edges.at(-1)).toBeGreaterThanOrEqual(20);
		expect(h?.edges.length).toBe((h?.counts.length ?? 0) + 1);
	});

	it('windowHistogram gives whole numbers one bin each', () => {
		const h = windowHistogram(ringOf([1, 2, 2, 3, 3, 3]), 0, 0, 5);

		expect(h?.edges).toEqual([0.5, 1.5, 2.5, 3.5]);
		expect(h?.counts).toEqual([1, 2, 3]);
	});

	it('windowHistogram keeps d3 bins past 2^52', () => {
		// From 2^52 on, k ± 0.5 rounds to a whole number, so bins centred on k cannot be drawn.
		const base = 2 ** 52;
		const values = [base + 1, base + 2, base + 3];
		const h = windowHistogram(ringOf(values), 0, 0, 2);
		const bins = bin().domain([base + 1, base + 3])(values);

		expect(h?.edges).toEqual([bins[0].x0, ...bins.map((b) => b.x1)]);
		expect(h?.counts).toEqual(bins.map((b) => b.length));
	});

	it('windowHistogram wide whole ranges keep nice bins', () => {
		const h = windowHistogram(ringOf([0, 10, 20, 30, 40]), 0, 0, 4);

		expect(h?.edges).toEqual([0, 10, 20, 30, 40]);
		expect(h?.counts).toEqual([1, 1, 1, 2]);
	});

	it('windowHistogram skips gaps', () => {
		const h = windowHistogram(ringOf([1, NaN, 3]), 0, 0, 2);
		expect(h?.total).toBe(2);
	});

	it('windowHistogram of subnormal values has one bin', () => {
		const h = windowHistogram(ringOf([1e-310, 2e-310, 4e-310]), 0, 0, 2);

		expect(h?.total).toBe(3);
		expect(h?.counts).toEqual([3]);
		expect(h?.edges).toEqual([1e-310, 4e-310]);
	});

	it('windowHistogram of a flat window has one bin', () => {
		const h = windowHistogram(ringOf([7, 7, 7]), 0, 0, 2);
		expect(h?.total).toBe(3);
		expect(h?.std).toBe(0);
		expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(3);
	});

	it('windowHistogram of a constant 0.1 series', () => {
		// A plain sum of 0.1s is not a multiple of 0.1, which left σ at about 1e-17.
		const values = new Array<number>(50).fill(0.1);
		const h = windowHistogram(ringOf(values), 0, 0, 49);
		expect(h?.mean).toBe(0.1);
		expect(h?.std).toBe(0);
	});

	it('windowHistogram matches the KPI figures', () => {
		const constant = new Array<number>(50).fill(0.1);
		const spread = Array.from({ length: 200 }, (_, i) => 1e9 + 0.01 * Math.sin(i));
		for (const values of [constant, spread]) {
			const stats = new RunningStats();
			for (const v of values) stats.push(v);
			const h = windowHistogram(ringOf(values), 0, 0, values.length - 1);
			expect(h?.mean).toBeCloseTo(stats.mean, 12);
			expect(h?.std).toBeCloseTo(stats.std, 12);
		}
	});

	it('windowHistogram of an empty window is undefined', () => {
		expect(windowHistogram(ringOf([1, 2]), 0, 10, 20)).toBeUndefined();
		expect(windowHistogram(ringOf([1, 2]), 3, 0, 20)).toBeUndefined();
	});
});
