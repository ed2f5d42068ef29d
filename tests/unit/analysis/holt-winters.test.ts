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

	it('holtWinters rejects bad parameters', () => {
		expect(() => holtWinters(x, { alpha: 1.2 })).toThrow(/alpha 1.2/);
		expect(() => holtWinters(x, { horizon: 0 })).toThrow(/horizon 0/);
	});
});
