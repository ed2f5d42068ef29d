import { scaleLinear, scaleTime } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearMap } from '../../../src/lib/chart/linear-map';
import { fuzzRuns } from '../helpers/fuzz-runs';

const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true });

describe('linearMap', () => {
	it('linearMap gives the pixels of scaleLinear', () => {
		fc.assert(
			fc.property(finite, finite, finite, finite, fc.array(finite), (d0, d1, r0, r1, values) => {
				const map = linearMap({ domain: [d0, d1], range: [r0, r1], ticks: [] });
				const scale = scaleLinear().domain([d0, d1]).range([r0, r1]);
				for (const value of values) expect(map(value)).toBe(scale(value));
			}),
			{ numRuns: fuzzRuns() }
		);
	});

	it('linearMap gives the pixels of scaleTime', () => {
		const from = Date.UTC(2024, 0, 20, 10);
		const to = from + 3_600_000;
		const map = linearMap({ domain: [from, to], range: [0, 728], ticks: [] });
		const scale = scaleTime().domain([from, to]).range([0, 728]);
		for (let time = from - 60_000; time <= to + 60_000; time += 997) {
			expect(map(time)).toBe(scale(time));
		}
	});

	it('linearMap maps an empty domain to mid-range', () => {
		const map = linearMap({ domain: [5, 5], range: [256, 6], ticks: [] });
		expect(map(5)).toBe(131);
		expect(map(-40)).toBe(131);
	});

	it('linearMap handles a reversed domain', () => {
		const map = linearMap({ domain: [10, 0], range: [0, 100], ticks: [] });
		expect(map(10)).toBe(0);
		expect(map(0)).toBe(100);
		expect(map(2.5)).toBe(75);
	});

	it('linearMap returns NaN for NaN', () => {
		const map = linearMap({ domain: [0, 1], range: [0, 100], ticks: [] });
		expect(map(NaN)).toBeNaN();
	});
});
