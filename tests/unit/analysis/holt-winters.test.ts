import { describe, expect, it } from 'vitest';
import { holtWinters } from '../../../src/lib/analysis/holt-winters';
import { expectClose } from '../helpers/close';
import { expectSeriesClose, reference, referenceSeries } from '../helpers/reference';

describe('holtWinters', () => {
	const x = referenceSeries();

	it('holtWinters seasonal forecast matches numpy', () => {
		const r = holtWinters(x, { alpha: 0.3, beta: 0.05, gamma: 0.2, period: 24, horizon: 12 });
		expectClose(r.sigma, reference.holtWinters.sigma, undefined, 'sigma');
		expectSeriesClose(r.forecast, reference.holtWinters.forecast, 'forecast');
		expectSeriesClose(r.lower, reference.holtWinters.lower, 'lower');
		expectSeriesClose(r.upper, reference.holtWinters.upper, 'upper');
	});

	it('holtWinters without season is Holt linear', () => {
		const r = holtWinters(x, { alpha: 0.5, beta: 0.1, period: 0, horizon: 5 });
		expectClose(r.sigma, reference.holt.sigma, undefined, 'sigma');
		expectSeriesClose(r.forecast, reference.holt.forecast, 'forecast');
	});

	it('holtWinters band widens with horizon', () => {
		const r = holtWinters(x, { period: 24, horizon: 30 });
		const width = Array.from(r.upper, (u, i) => u - r.lower[i]);
		for (let i = 1; i < width.length; i++) expect(width[i]).toBeGreaterThanOrEqual(width[i - 1]);
	});

	it('holtWinters reports insufficient data', () => {
		expect(holtWinters([1, 2, NaN], { period: 0 }).issue).toBe('insufficient-data');
		expect(holtWinters(new Array(40).fill(1), { period: 24 }).issue).toBe('insufficient-data');
	});

	it('holtWinters constant series forecasts the constant', () => {
		const r = holtWinters(new Array(30).fill(-0.087), { period: 0, horizon: 3 });
		expect(Array.from(r.forecast)).toEqual([-0.087, -0.087, -0.087]);
		expect(r.sigma).toBe(0);
	});

	/** A cycle of 24 values with amplitude 10, without noise, at positions 0 to n − 1. */
	const cycle = (n: number) =>
		Float64Array.from({ length: n }, (_, i) => 10 * Math.sin((2 * Math.PI * i) / 24));
	const maxGap = (a: ArrayLike<number>, b: ArrayLike<number>) =>
		Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

	it('holtWinters season stays in phase over gaps', () => {
		const whole = cycle(240);
		const holed = whole.slice();
		holed.fill(NaN, 100, 105);
		const options = { alpha: 0.3, beta: 0.05, gamma: 0.2, period: 24, horizon: 24 };
		const expected = cycle(264).subarray(240);
		// Dropping the five values shifted every later phase by five hours: the forecast was off
		// by up to 10 (the amplitude).
		expect(maxGap(holtWinters(holed, options).forecast, expected)).toBeLessThan(0.05);
		expect(maxGap(holtWinters(whole, options).forecast, expected)).toBeLessThan(0.05);
	});

	it('holtWinters forecasts past trailing gaps', () => {
		const values = cycle(240);
		values.fill(NaN, 236);
		const r = holtWinters(values, { alpha: 0.3, beta: 0.05, gamma: 0.2, period: 24, horizon: 6 });
		expect(maxGap(r.forecast, cycle(246).subarray(240))).toBeLessThan(0.05);
		expect(r.fitted[237]).toBeCloseTo(cycle(240)[237], 1);
	});

	it('holtWinters band counts trailing gaps as steps', () => {
		const options = { alpha: 0.3, beta: 0.05, gamma: 0.2, period: 24 };
		const holed = x.slice();
		holed.fill(NaN, holed.length - 4);
		const r = holtWinters(holed, { ...options, horizon: 6 });
		// The same fit without the four missing values at its end, forecast four steps further.
		const observed = holtWinters(x.slice(0, x.length - 4), { ...options, horizon: 10 });

		for (let h = 0; h < 6; h++) {
			expect(r.forecast[h]).toBeCloseTo(observed.forecast[h + 4], 9);
			expect(r.lower[h]).toBeCloseTo(observed.lower[h + 4], 9);
			expect(r.upper[h]).toBeCloseTo(observed.upper[h + 4], 9);
		}
	});

	it('holtWinters starts at first finite value', () => {
		const values = Float64Array.from([NaN, NaN, 1, 2, NaN, 4, 5]);
		const r = holtWinters(values, { alpha: 0.5, beta: 0.5, period: 0, horizon: 2 });
		// Level 1 and trend 1 per step fit the line exactly, the missing value at position 4 included.
		expect(Array.from(r.fitted)).toEqual([NaN, NaN, NaN, 2, 3, 4, 5]);
		expect(r.sigma).toBe(0);
		expect(Array.from(r.forecast)).toEqual([6, 7]);
	});

	it('holtWinters insufficient fit leaves fitted NaN', () => {
		// Both start seasons have values, but the second has only 3 of the 24 errors the fit needs.
		const values = cycle(48);
		values.fill(NaN, 27);
		const r = holtWinters(values, { period: 24, horizon: 2 });

		expect(r.issue).toBe('insufficient-data');
		expect(r.fitted).toHaveLength(48);
		expect(Array.from(r.fitted).filter((v) => !Number.isNaN(v))).toEqual([]);
	});

	it('holtWinters rejects bad parameters', () => {
		expect(() => holtWinters(x, { alpha: 1.2 })).toThrow(/alpha 1.2/);
		expect(() => holtWinters(x, { horizon: 0 })).toThrow(/horizon 0/);
	});
});
