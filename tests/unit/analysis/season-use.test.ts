import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisSuite } from '../../../src/lib/analysis/analysis-suite';
import { chooseForecast } from '../../../src/lib/analysis/forecast-choice';
import { holtWinters } from '../../../src/lib/analysis/holt-winters';
import {
	describeCoverage,
	describeForecast,
	describeSeasonality
} from '../../../src/lib/analysis/season-text';
import {
	MIN_SEASON_VALUES,
	detectSeasonality,
	seasonUse
} from '../../../src/lib/analysis/seasonality';
import { Generator, defaultSimOptions } from '../../../src/lib/sim/generator';

const case34 = 'tests/fixtures/cases/case-34-stat-iforest-dbscan.jsonl';

/** Generates `count` values of the simulator's default stream at `rate` records a second. */
function simulated(rate: number, count: number, seed = 1): Float64Array {
	const generator = new Generator({ ...defaultSimOptions(seed), rate }, 0);
	const sample = { time: 0, value: 0, category: 0 };
	return Float64Array.from({ length: count }, () => {
		generator.nextInto(sample);
		return sample.value;
	});
}

/** Builds a series of `count` records with a value only in the first `finite`. */
function mostlyMissing(count: number, finite: number): number[] {
	return Array.from({ length: count }, (_, i) => (i < finite ? 12 + (i % 3) : NaN));
}

describe('seasonUse', () => {
	it('seasonUse rejects a few values among many records', () => {
		const values = mostlyMissing(189, 6);
		const found = detectSeasonality(values, 500);
		expect(found.issue).toBe('insufficient-data');
		expect(found.period).toBe(0);
		expect(seasonUse(found, 6)).toBe('too-few-values');
	});

	it('seasonUse needs the minimum count of values', () => {
		const cycle = (count: number) =>
			Array.from({ length: count }, (_, i) => Math.sin((2 * Math.PI * i) / 4));
		const short = cycle(MIN_SEASON_VALUES - 1);
		expect(seasonUse(detectSeasonality(short), short.length)).toBe('too-few-values');
		const enough = cycle(MIN_SEASON_VALUES);
		const found = detectSeasonality(enough);
		expect(found.period).toBe(4);
		expect(seasonUse(found, enough.length)).toBe('usable');
	});

	it('seasonUse needs two full cycles of values', () => {
		expect(seasonUse({ period: 30, strength: 1 }, 59)).toBe('too-few-values');
		expect(seasonUse({ period: 30, strength: 1 }, 600)).toBe('usable');
	});

	it('seasonUse calls the simulated stream weak', () => {
		const values = simulated(50, 738);
		const found = detectSeasonality(values, 500);
		expect(found.period).toBeGreaterThan(0);
		expect(seasonUse(found, values.length)).toBe('weak');
	});

	it('seasonUse passes a clear cycle', () => {
		const values = simulated(1, 600);
		const found = detectSeasonality(values, 500);
		expect(found.period).toBe(60);
		expect(seasonUse(found, values.length)).toBe('usable');
	});
});

describe('holtWinters without trend', () => {
	it('holtWinters without trend is simple exponential smoothing', () => {
		const x = [10, 12, 11, 13];
		const r = holtWinters(x, { alpha: 0.5, period: 0, trend: false, horizon: 2, level: 0.95 });
		// Level 10, then 11, 11, 12; one-step errors 2, 0, 2.
		expect(Array.from(r.fitted)).toEqual([NaN, 10, 11, 11]);
		expect(r.sigma).toBeCloseTo(Math.sqrt(8 / 3), 12);
		expect(Array.from(r.forecast)).toEqual([12, 12]);
		// c_1 = α, so the second step's variance is σ² (1 + α²).
		const z = 1.959963984540054;
		expect(r.upper[0] - 12).toBeCloseTo(z * r.sigma, 9);
		expect(r.upper[1] - 12).toBeCloseTo(z * r.sigma * Math.sqrt(1.25), 9);
	});
});

describe('chooseForecast', () => {
	const params = { alpha: 0.5, beta: 0.1, gamma: 0.1, horizon: 48 };

	it('chooseForecast keeps a trend that predicts better', () => {
		const ramp = Array.from({ length: 200 }, (_, i) => 2 * i + (i % 2 === 0 ? 0.5 : -0.5));
		const choice = chooseForecast(ramp, 0, 'no-period', params);
		expect(choice.method).toBe('holt');
		expect(choice.trendSigma).toBeLessThan(choice.levelSigma);
	});

	it('chooseForecast uses a season only when usable', () => {
		const values = simulated(1, 600);
		expect(chooseForecast(values, 60, 'usable', params).method).toBe('holt-winters');
		expect(chooseForecast(values, 60, 'weak', params).period).toBe(0);
	});
});

describe('AnalysisSuite season and forecast', () => {
	it('AnalysisSuite ignores a period of six values', () => {
		const suite = new AnalysisSuite();
		suite.load(readFileSync(case34, 'utf8'), 'case-34.jsonl', { value: 'v', time: 'ts' });
		const result = suite.run();

		expect(result.summary.count).toBe(189);
		expect(result.summary.finite).toBe(6);
		expect(result.seasonality.period).toBe(0);
		expect(result.seasonality.strength).toBe(0);
		expect(result.forecast.period).toBe(0);
		expect(result.seasonality.use).toBe('too-few-values');
		expect(result.forecast.method).not.toBe('holt-winters');
		expect(result.forecast.issue).toBeUndefined();
		expect(describeSeasonality(result)).toBe(
			'too few values to look for a period: 6 values of 189 records'
		);
		expect(describeForecast(result)).toContain('there are too few values to look for a period');
		expect(describeForecast(result)).toContain('Fitted to 6 values of 189 records.');
	});

	it('AnalysisSuite forecasts a weak period without season', () => {
		const values = simulated(50, 738);
		const time = Float64Array.from(values, (_, i) => i * 20);
		const suite = new AnalysisSuite();
		suite.loadColumns(time, values, 'simulated');
		const result = suite.run();

		expect(result.seasonality.period).toBeGreaterThan(0);
		expect(result.forecast.period).toBe(0);

		// The band at the last step stays of the order of the series' range.
		const { min, max } = result.summary;
		const range = max - min;
		const last = result.params.horizon - 1;
		expect(result.forecast.upper[last] - result.forecast.lower[last]).toBeLessThan(2 * range);
		expect(result.forecast.lower[last]).toBeGreaterThan(min - range / 2);
		expect(result.forecast.upper[last]).toBeLessThan(max + range / 2);

		expect(result.seasonality.use).toBe('weak');
		expect(result.forecast.method).toBe('simple');
		expect(describeForecast(result)).toContain(
			`the period ${result.seasonality.period} is weak and may be noise`
		);
	});
});

describe('describeCoverage', () => {
	it('describeCoverage names values and records', () => {
		expect(describeCoverage(6, 189)).toBe('6 values of 189 records');
		expect(describeCoverage(1, 1)).toBe('1 value of 1 record');
		expect(describeCoverage(1500, 2000)).toBe('1,500 values of 2,000 records');
	});
});

describe('describeForecast without values', () => {
	it('describeForecast claims no model for two values', () => {
		const suite = new AnalysisSuite();
		suite.loadColumns(Float64Array.from([0, 1000]), Float64Array.from([3, 4]), 'two');
		const result = suite.run();
		expect(describeForecast(result)).toBe(
			'No forecast: too few values to fit one (2 values of 2 records).'
		);
	});
});
