import { describe, expect, it } from 'vitest';
import {
	exponentialMovingAverage,
	simpleMovingAverage
} from '../../../src/lib/analysis/moving-averages';
import { rollingStats } from '../../../src/lib/analysis/rolling-stats';
import { expectSeriesClose, reference, referenceSeries } from '../helpers/reference';

describe('rollingStats', () => {
	const x = referenceSeries();
	const r = rollingStats(x, 10, [0.1, 0.25, 0.75, 0.9]);

	it.each(['mean', 'std', 'min', 'max', 'median'] as const)(
		'rollingStats %s matches numpy',
		(key) => {
			expectSeriesClose(r[key], reference.rolling10[key], key);
		}
	);

	it('rollingStats quantiles match numpy linear', () => {
		for (let j = 0; j < 4; j++) {
			expectSeriesClose(r.quantiles[j], reference.rolling10.quantiles[j], `quantile ${j}`);
		}
	});

	it('rollingStats marks partial windows', () => {
		expect(Array.from(r.count)).toEqual(reference.rolling10.count);
		expect(r.partial[8]).toBe(1);
		expect(r.partial[9]).toBe(0);
		expect(r.partial[60]).toBe(0);
	});

	it('rollingStats skips NaN and infinities', () => {
		// std needs two values, so it starts at index 1.
		for (const key of ['mean', 'std', 'min', 'max', 'median'] as const) {
			expect(r[key].slice(1).every(Number.isFinite), key).toBe(true);
		}
		expect(Number.isNaN(r.std[0])).toBe(true);
	});

	it('rollingStats constant series has zero spread', () => {
		const flat = rollingStats(new Array(20).fill(-0.087), 5);
		expect(flat.std[19]).toBe(0);
		expect(flat.mean[19]).toBeCloseTo(-0.087, 15);
	});

	it('rollingStats with no finite values gives NaN', () => {
		const none = rollingStats([NaN, Infinity], 3);
		expect(Number.isNaN(none.mean[1])).toBe(true);
		expect(none.count[1]).toBe(0);
		expect(none.partial[1]).toBe(1);
	});

	it('rollingStats rejects a bad window', () => {
		expect(() => rollingStats([1], 0)).toThrow(/window 0/);
		expect(() => rollingStats([1], 3, [1.5])).toThrow(/quantile 1.5/);
	});
});

describe('moving averages', () => {
	const x = referenceSeries();

	it('simpleMovingAverage matches numpy', () => {
		expectSeriesClose(simpleMovingAverage(x, 10).values, reference.sma10, 'sma');
	});

	it('exponentialMovingAverage matches numpy', () => {
		expectSeriesClose(exponentialMovingAverage(x, 10).values, reference.ema10, 'ema');
	});

	it('exponentialMovingAverage marks partial start', () => {
		const ema = exponentialMovingAverage(x, 10);
		expect(ema.partial[8]).toBe(1);
		expect(ema.partial[9]).toBe(0);
	});

	it('moving averages are not poisoned by NaN', () => {
		for (const average of [simpleMovingAverage(x, 10), exponentialMovingAverage(x, 10)]) {
			expect(Array.from(average.values.slice(49)).every(Number.isFinite)).toBe(true);
		}
	});

	it('exponentialMovingAverage starts with NaN before data', () => {
		const ema = exponentialMovingAverage([NaN, 4, 6], 3);
		expect(Number.isNaN(ema.values[0])).toBe(true);
		expect(ema.values[1]).toBe(4);
		expect(ema.values[2]).toBe(5);
	});
});
