import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogramTicks, type HistogramTick } from '../../../src/lib/chart/histogram-axis';
import { fuzzRuns } from '../helpers/fuzz-runs';

/**
 * Width of a label at 6 units a character. In Debian 12's Chromium a digit of 10 px system-ui
 * measures 6.4 px.
 */
const measure = (text: string) => [...text].length * 6;

/** The histogram's SVG: 300 units wide, its bars from 8 to 292. */
const width = 300;
const range: [number, number] = [8, 292];

/** Left and right end of each label, in order. */
function extents(ticks: HistogramTick[]): [number, number][] {
	return ticks.map((tick) => {
		const half = measure(tick.label) / 2;
		return [tick.labelX - half, tick.labelX + half];
	});
}

/** Fails unless the labels are inside 0 to `svgWidth` and none touches the next. */
function expectApart(ticks: HistogramTick[], svgWidth: number, name: string): void {
	const spans = extents(ticks);
	for (let i = 0; i < spans.length; i++) {
		expect(spans[i][0], `${name}: start of ${ticks[i].label}`).toBeGreaterThanOrEqual(0);
		expect(spans[i][1], `${name}: end of ${ticks[i].label}`).toBeLessThanOrEqual(svgWidth);
		if (i > 0) {
			expect(spans[i][0], `${name}: ${ticks[i].label} after ${ticks[i - 1].label}`).toBeGreaterThan(
				spans[i - 1][1]
			);
		}
	}
}

describe('histogramTicks', () => {
	it('histogramTicks keeps a subnormal width', () => {
		const ticks = histogramTicks([1e-310, 2e-310], [0, 300], 300);

		expect(ticks.map((tick) => tick.value)).toEqual([1e-310, 2e-310]);
	});

	it('histogramTicks writes huge values with SI prefixes', () => {
		const ticks = histogramTicks([1499999999970, 1500000000030], range, width, measure);

		expect(ticks.map((tick) => tick.label)).toEqual([
			'1.49999999998T',
			'1.50000000000T',
			'1.50000000002T'
		]);
		expectApart(ticks, width, 'huge');
	});

	it('histogramTicks writes tiny values with SI prefixes', () => {
		const ticks = histogramTicks([1e-9, 5e-9], range, width, measure);

		expect(ticks.map((tick) => tick.label)).toEqual(['1n', '2n', '3n', '4n', '5n']);
	});

	it('histogramTicks keeps short labels in full', () => {
		const ticks = histogramTicks([0.5, 0.9], range, width, measure);

		expect(ticks.map((tick) => tick.label)).toEqual(['0.5', '0.6', '0.7', '0.8', '0.9']);
		expect(ticks.map((tick) => Math.round(tick.x))).toEqual([8, 79, 150, 221, 292]);
	});

	it('histogramTicks thins huge negative labels', () => {
		// Three labels of 15 characters at their ticks would overlap, so every second is kept.
		const ticks = histogramTicks([-1500000000030, -1499999999970], range, width, measure);

		expect(ticks.map((tick) => tick.label)).toEqual(['−1.50000000002T', '−1.49999999998T']);
		expectApart(ticks, width, 'huge negative');
	});

	it('histogramTicks moves edge labels inward', () => {
		const ticks = histogramTicks([1499999999970, 1500000000030], range, width, measure);

		expect(ticks[0].x).toBeCloseTo(55.33, 2);
		expect(ticks[0].labelX).toBeCloseTo(55.33, 2);
		const wide = histogramTicks([0, 1e6 - 1], range, width, measure);
		expect(wide[0].label).toBe('0');
		expect(wide[0].x).toBe(8);
		expect(wide[0].labelX).toBe(9);
		expect(wide.at(-1)?.label).toBe('800,000');
		expect(wide.at(-1)?.labelX).toBeLessThanOrEqual(width - 6 - measure('800,000') / 2);
	});

	it('histogramTicks keeps fewer labels when narrow', () => {
		const narrow = histogramTicks([1499999999970, 1500000000030], [4, 116], 120, measure);

		expect(narrow.map((tick) => tick.label)).toEqual(['1.50000000000T']);
		expectApart(narrow, 120, 'narrow');
	});

	it('histogramTicks gives none when one label is too wide', () => {
		expect(histogramTicks([1499999999970, 1500000000030], [2, 58], 60, measure)).toEqual([]);
	});

	it('histogramTicks keeps labels apart at any magnitude', () => {
		const domains: [number, number][] = [
			[-3, 2],
			[-2e-7, -1e-7],
			[0, 1e300],
			[1e20, 1e20 + 3e6],
			[-1e20 - 3e6, -1e20],
			[1.23456789e-300, 1.23456799e-300],
			[-8e307, 8e307],
			[999999.5, 1000000.5]
		];
		for (const domain of domains) {
			for (const svgWidth of [300, 160]) {
				const ticks = histogramTicks(domain, [8, svgWidth - 8], svgWidth, measure);
				expect(ticks.length, `${domain} at ${svgWidth}`).toBeGreaterThanOrEqual(1);
				expectApart(ticks, svgWidth, `${domain} at ${svgWidth}`);
			}
		}
	});

	it('histogramTicks labels fit for random domains', () => {
		// d3-array's ticks raise a RangeError on subnormal domains, so magnitudes stay in ±1e300.
		const finite = fc
			.double({ min: -1e300, max: 1e300, noNaN: true })
			.filter((v) => v === 0 || Math.abs(v) >= 1e-300);
		fc.assert(
			fc.property(finite, finite, fc.integer({ min: 60, max: 600 }), (a, b, svgWidth) => {
				const domain: [number, number] = a <= b ? [a, b] : [b, a];
				const ticks = histogramTicks(domain, [8, svgWidth - 8], svgWidth, measure);
				expectApart(ticks, svgWidth, `${domain} at ${svgWidth}`);
				const labels = ticks.map((tick) => tick.label);
				expect(new Set(labels).size, `${domain}: ${labels.join(' ')}`).toBe(labels.length);
			}),
			{ numRuns: fuzzRuns() }
		);
	});
});
