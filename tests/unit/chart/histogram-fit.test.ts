import { probit } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { windowHistogram } from '../../../src/lib/analysis/window-histogram';
import { fittedCount } from '../../../src/lib/chart/histogram-fit';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';

describe('fittedCount', () => {
	it('fittedCount scales by a full bin', () => {
		// d3 cuts the first and last bins short: widths 2, 5, 5, 5, 2.
		const histogram = {
			edges: [38, 40, 45, 50, 55, 57],
			counts: [],
			mean: 47.5,
			std: 5,
			total: 1000
		};

		expect(fittedCount(histogram, 47.5)).toBeCloseTo(1000 / Math.sqrt(2 * Math.PI), 9);
	});

	it('fittedCount follows the bars of normal values', () => {
		// Normal quantiles: each full bin contains what the fit puts under it, within a few percent.
		const n = 20_000;
		const values = Float64Array.from({ length: n }, (_, i) => 47.3 + 5.1 * probit((i + 0.5) / n));
		const ring = new ColumnRing(n, 1, {});
		ring.append(
			n,
			Float64Array.from(values, (_, i) => i),
			[values],
			{}
		);
		const histogram = windowHistogram(ring, 0, 0, n)!;
		const { edges, counts } = histogram;
		expect(edges[1] - edges[0]).toBeLessThan(edges[2] - edges[1]);

		for (let i = 1; i + 1 < counts.length; i++) {
			const centre = (edges[i] + edges[i + 1]) / 2;
			if (Math.abs(centre - histogram.mean) > 2 * histogram.std) continue;
			expect(fittedCount(histogram, centre) / counts[i]).toBeCloseTo(1, 1);
		}
		expect(fittedCount({ ...histogram, std: 0 }, 47.3)).toBe(0);
	});
});
