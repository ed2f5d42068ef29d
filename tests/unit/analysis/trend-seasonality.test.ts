import { describe, expect, it } from 'vitest';
import { normalQuantile, studentTQuantile } from '../../../src/lib/analysis/distribution-quantiles';
import { leastSquaresTrend } from '../../../src/lib/analysis/least-squares-trend';
import {
	detectSeasonality,
	isWeakSeason,
	seasonNoiseStrength
} from '../../../src/lib/analysis/seasonality';
import { expectClose } from '../helpers/close';
import { expectSeriesClose, reference, referenceSeries } from '../helpers/reference';

const x = referenceSeries();
const index = Float64Array.from(x, (_, i) => i);

describe('distribution quantiles', () => {
	it('studentTQuantile matches scipy', () => {
		for (const [df, expected] of Object.entries(reference.tQuantiles)) {
			expectClose(studentTQuantile(0.975, Number(df)), expected as number, undefined, `df ${df}`);
		}
	});

	it('normalQuantile matches scipy', () => {
		for (const [p, expected] of Object.entries(reference.normalQuantiles)) {
			expectClose(normalQuantile(Number(p)), expected as number, undefined, `p ${p}`);
		}
	});

	it('quantiles are odd around one half', () => {
		expect(normalQuantile(0.025)).toBe(-normalQuantile(0.975));
		expect(studentTQuantile(0.5, 4)).toBe(0);
	});
});

describe('leastSquaresTrend', () => {
	const r = leastSquaresTrend(index, x);

	it.each(['slope', 'intercept', 'slopeStdError', 'slopeLow', 'slopeHigh', 'rSquared'] as const)(
		'leastSquaresTrend %s matches scipy',
		(key) => {
			expectClose(r[key], reference.trend[key], undefined, key);
		}
	);

	it('leastSquaresTrend detrended series matches', () => {
		expectSeriesClose(r.detrended, reference.trend.detrended, 'detrended');
	});

	it('leastSquaresTrend counts finite pairs only', () => {
		expect(r.n).toBe(197);
		expect(r.issue).toBeUndefined();
	});

	it('leastSquaresTrend reports insufficient data', () => {
		expect(leastSquaresTrend([0, 1, 2], [1, NaN, 3]).issue).toBe('insufficient-data');
		expect(leastSquaresTrend([5, 5, 5, 5], [1, 2, 3, 4]).issue).toBe('insufficient-data');
	});

	it('leastSquaresTrend constant series has no variance', () => {
		const flat = leastSquaresTrend([0, 1, 2, 3, 4], [-0.087, -0.087, -0.087, -0.087, -0.087]);
		expect(flat.issue).toBe('no-variance');
		expect(flat.slope).toBe(0);
		expect(flat.slopeLow).toBe(0);
		expect(flat.slopeHigh).toBe(0);
	});

	it('leastSquaresTrend rejects mismatched lengths', () => {
		expect(() => leastSquaresTrend([1, 2], [1])).toThrow(/x has 2, y has 1/);
	});
});

/** `count` values of Gaussian-like noise (sums of 12 uniforms), seeded, plus `signal(i)`. */
function noisy(count: number, seed: number, signal: (i: number) => number = () => 0): number[] {
	let state = seed;
	const uniform = () => (state = (state * 16807) % 2147483647) / 2147483647;
	return Array.from({ length: count }, (_, i) => {
		let sum = 0;
		for (let k = 0; k < 12; k++) sum += uniform();
		return sum - 6 + signal(i);
	});
}

describe('detectSeasonality', () => {
	const r = detectSeasonality(x, 60);

	it('detectSeasonality autocorrelation matches numpy', () => {
		expectSeriesClose(r.acf.slice(0, 61), reference.seasonality60.acf, 'acf');
	});

	it('detectSeasonality period and strength match', () => {
		expect(r.period).toBe(reference.seasonality60.period);
		expectClose(r.strength, reference.seasonality60.strength, undefined, 'strength');
	});

	it('detectSeasonality adjusted series matches', () => {
		expectSeriesClose(r.seasonal, reference.seasonality60.seasonal, 'seasonal');
		expectSeriesClose(r.adjusted, reference.seasonality60.adjusted, 'adjusted');
	});

	it('detectSeasonality finds a clean period', () => {
		const sine = Array.from({ length: 240 }, (_, i) => Math.sin((2 * Math.PI * i) / 12));
		const clean = detectSeasonality(sine);
		expect(clean.period).toBe(12);
		expect(clean.strength).toBeGreaterThan(0.99);
	});

	// A cycle of 60 records with noise of its own amplitude, as the producer's default stream
	// read at one record a second. The highest autocorrelation peak of seed 3 is at lag 59, of
	// seed 19 at 63, of seed 8 at 119 and of seed 17 at 2.
	const cycle60 = (seed: number) => noisy(5000, seed, (i) => Math.sin((2 * Math.PI * i) / 60));

	it('detectSeasonality finds a cycle its peak misses', () => {
		for (const seed of [3, 9, 11, 19]) {
			const found = detectSeasonality(cycle60(seed), 500);
			expect(found.period, `seed ${seed}`).toBe(60);
			expect(found.strength, `seed ${seed}`).toBeGreaterThan(0.3);
		}
	});

	it('detectSeasonality prefers a cycle to its multiple', () => {
		for (const seed of [2, 4, 8, 15]) {
			expect(detectSeasonality(cycle60(seed), 500).period, `seed ${seed}`).toBe(60);
		}
	});

	it('detectSeasonality looks past a peak at lag 2', () => {
		expect(detectSeasonality(cycle60(17), 500).period).toBe(60);
	});

	it('detectSeasonality handles constant and short series', () => {
		expect(detectSeasonality(new Array(50).fill(20)).issue).toBe('no-variance');
		expect(detectSeasonality([1, 2, 3]).issue).toBe('insufficient-data');
	});
});

describe('isWeakSeason', () => {
	it('seasonNoiseStrength is the expected share of p group means', () => {
		expect(seasonNoiseStrength(24, 1001)).toBe(23 / 1000);
		expect(seasonNoiseStrength(5, 1)).toBe(1);
	});

	it('isWeakSeason calls the period of noise weak and a clear cycle strong', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const values = noisy(1000, seed);
			const found = detectSeasonality(values);
			if (found.period > 0) expect(isWeakSeason(found, values.length), `seed ${seed}`).toBe(true);
		}
		const cycle = noisy(1000, 9, (i) => 2 * Math.sin((2 * Math.PI * i) / 24));
		const found = detectSeasonality(cycle);
		// The highest autocorrelation peak may fall on a multiple of the cycle.
		expect(found.period % 24).toBe(0);
		expect(isWeakSeason(found, cycle.length)).toBe(false);
	});
});
