import { describe, expect, it } from 'vitest';
import {
	EnsembleDetector,
	type EnsembleOptions
} from '../../../src/lib/analysis/ensemble-detector';
import { FeatureExceedance } from '../../../src/lib/analysis/feature-exceedance';
import { ShapeNovelty } from '../../../src/lib/analysis/shape-novelty';
import { createSeededRandom } from '../../../src/lib/sim/seeded-random';

const FIVE_MINUTES = 300_000;

/** Generates a daily cycle of 288 five-minute records with seeded noise. */
function daily(n: number, seed = 7): number[] {
	const random = createSeededRandom(seed);
	return Array.from(
		{ length: n },
		(_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + 4 * (random.uniform() - 0.5)
	);
}

function scoreAll(
	values: number[],
	step = FIVE_MINUTES,
	options: Partial<EnsembleOptions> = {}
): number[] {
	const detector = new EnsembleDetector(options);
	return values.map((v, i) => detector.push(v, i * step));
}

const HALF_HOUR = 1_800_000;
const HALF_HOURS_PER_DAY = 48;

/** Daily profile of a weekday (busy) or a weekend day (quiet) at half-hour record i. */
function weeklyProfile(i: number, weekday: boolean): number {
	const phase = (2 * Math.PI * (i % HALF_HOURS_PER_DAY)) / HALF_HOURS_PER_DAY;
	return weekday ? 60 - 25 * Math.cos(phase) : 40 - 10 * Math.cos(phase);
}

/** Half-hour records over whole weeks: five busy days, two quiet ones, seeded normal noise. */
function weekly(weeks: number, noise: number, seed = 3): number[] {
	const random = createSeededRandom(seed);
	return Array.from({ length: weeks * 7 * HALF_HOURS_PER_DAY }, (_, i) => {
		const weekday = Math.floor(i / HALF_HOURS_PER_DAY) % 7 < 5;
		return weeklyProfile(i, weekday) + noise * random.normal();
	});
}

describe('FeatureExceedance', () => {
	it('FeatureExceedance scores in units of max minus median', () => {
		const feature = new FeatureExceedance(10, 3);
		expect([1, 2, 3].map((x) => feature.push(x))).toEqual([0, 0, 0]);
		// History 1, 2, 3: max 3, median 2, so 5 exceeds the max by 2 units of 1.
		expect(feature.push(5)).toBe(2);
		expect(feature.push(5)).toBe(0);
		expect(feature.push(NaN)).toBe(0);
	});

	it('FeatureExceedance forgets beyond its history', () => {
		const feature = new FeatureExceedance(3, 3);
		for (const x of [100, 1, 2, 3]) feature.push(x);
		// 100 has left the history of 1, 2, 3, so 4 is a new record.
		expect(feature.push(4)).toBe(1);
	});
});

describe('EnsembleDetector', () => {
	it('EnsembleDetector is deterministic', () => {
		const values = daily(3000);
		values[2500] = 120;
		expect(scoreAll(values)).toEqual(scoreAll(values));
	});

	it('EnsembleDetector scores are causal', () => {
		const values = daily(4000, 11);
		values[3000] = 5;
		const full = scoreAll(values);
		for (const cut of [100, 1000, 2999, 3000, 3500]) {
			const prefix = scoreAll(values.slice(0, cut));
			expect(prefix, `first ${cut} records`).toEqual(full.slice(0, cut));
		}
	});

	it('EnsembleDetector flags a spike on a daily cycle', () => {
		const values = daily(3000);
		values[2500] = 120;
		const scores = scoreAll(values);
		const detector = new EnsembleDetector();
		expect(detector.isAnomaly(scores[2500])).toBe(true);
		const top = scores.indexOf(Math.max(...scores));
		expect(top).toBe(2500);
	});

	it('EnsembleDetector flags a dip below the daily level', () => {
		const values = daily(3000);
		for (let i = 2500; i < 2530; i++) values[i] -= 30;
		const scores = scoreAll(values);
		const detector = new EnsembleDetector();
		const first = scores.findIndex((s) => detector.isAnomaly(s));
		expect(first).toBeGreaterThanOrEqual(2500);
		expect(first).toBeLessThan(2530);
	});

	it('EnsembleDetector is quiet on a repeating cycle', () => {
		const detector = new EnsembleDetector();
		const scores = scoreAll(daily(6000));
		const flagged = scores.slice(3000).filter((s) => detector.isAnomaly(s));
		expect(flagged).toEqual([]);
	});

	it('EnsembleDetector scores 0 on a constant series', () => {
		const scores = scoreAll(new Array(3000).fill(42));
		expect(scores.every((s) => s === 0)).toBe(true);
	});

	it('EnsembleDetector flags a spike after a constant run', () => {
		const values = [...new Array(2000).fill(20), 35, 20, 20];
		const scores = scoreAll(values);
		expect(scores.slice(0, 2000).every((s) => s === 0)).toBe(true);
		expect(scores[2000]).toBeGreaterThan(1e6);
	});

	it('EnsembleDetector skips non-finite values', () => {
		const values = daily(2000);
		values[1500] = NaN;
		values[1501] = Infinity;
		values[1502] = -Infinity;
		const scores = scoreAll(values);
		expect(Number.isNaN(scores[1500])).toBe(true);
		expect(Number.isNaN(scores[1501])).toBe(true);
		expect(Number.isNaN(scores[1502])).toBe(true);
		expect(scores.slice(1503).every((s) => Number.isFinite(s))).toBe(true);
	});

	it('EnsembleDetector ignores non-finite values in its history', () => {
		const clean = daily(2000);
		const gappy = [...clean.slice(0, 1000), NaN, ...clean.slice(1000)];
		const cleanScores = scoreAll(clean);
		const gappyScores = scoreAll(gappy);
		// Times shift by one step after the gap, but the step is known by then.
		expect(gappyScores.slice(1001)).toEqual(cleanScores.slice(1000));
	});

	it('EnsembleDetector keeps only local peaks', () => {
		const values = daily(3000);
		// Each value is a new maximum, but by less than the jump to the first one.
		for (let i = 2500; i < 2505; i++) values[i] = 200 + (i - 2500);
		const scores = scoreAll(values);
		expect(scores[2500]).toBeGreaterThan(1);
		expect(scores.slice(2501, 2505)).toEqual([0, 0, 0, 0]);

		const everyScore = new EnsembleDetector({ peakSpan: 0, peakFraction: 0 });
		const unfiltered = values.map((v, i) => everyScore.push(v, i * FIVE_MINUTES));
		expect(unfiltered[2501]).toBeGreaterThan(0);
	});

	it('EnsembleDetector weights early scores by n / (n + ramp)', () => {
		const values = daily(2000);
		values[1200] += 40;
		const everyScore = { peakSpan: 0, peakFraction: 0 };
		const unweighted = scoreAll(values, FIVE_MINUTES, { ...everyScore, ramp: 0 });
		const weighted = scoreAll(values, FIVE_MINUTES, { ...everyScore, ramp: 750 });
		expect(unweighted[1200]).toBeGreaterThan(0);
		// Record i is the (i + 1)-th seen, so the spike gets 1,201 / 1,951 of its score.
		expect(weighted[1200]).toBeCloseTo((unweighted[1200] * 1201) / 1951, 12);
		unweighted.forEach((score, i) => {
			expect(weighted[i], `record ${i}`).toBeCloseTo((score * (i + 1)) / (i + 751), 12);
		});
	});

	it('EnsembleDetector grows its peak span', () => {
		const values = daily(4000);
		values[3000] = 120;
		values[3040] = -20;
		const fixed = scoreAll(values, FIVE_MINUTES, { peakFraction: 0 });
		expect(fixed[3000]).toBeGreaterThan(fixed[3040]);
		expect(fixed[3040]).toBeGreaterThan(0);
		// At record 3,041 the span is 0.025 · 3,041 ≈ 76 records, so the dip 40 records after the
		// higher spike is not a peak.
		const grown = scoreAll(values);
		expect(grown[3000]).toBe(fixed[3000]);
		expect(grown[3040]).toBe(0);
	});

	it('EnsembleDetector adds shape-novelty exceedances', () => {
		const values = daily(3000);
		for (let i = 2000; i < 2060; i++) values[i] = 50 + 35 * Math.sign(Math.sin(i / 3));
		// A history of 1,000 records lets the early windows, which are all new, leave it by record 2,000.
		const unfiltered = { history: 1000, ramp: 0, peakSpan: 0, peakFraction: 0 };
		const withShapes = scoreAll(values, FIVE_MINUTES, { ...unfiltered, shapeSteps: [4, 6] });
		const withoutShapes = scoreAll(values, FIVE_MINUTES, { ...unfiltered, shapeSteps: [] });

		// The same features built by hand: histories of 1,000 / step points, warm-ups of 150 / step.
		const expected = [4, 6].map((step) => {
			const shape = new ShapeNovelty({
				step,
				window: 8,
				history: Math.round(1000 / step),
				vigilance: 0.95,
				capacity: 300
			});
			const exceedance = new FeatureExceedance(Math.round(1000 / step), Math.round(150 / step));
			return values.map((v) => exceedance.push(shape.push(v)));
		});
		const added = withShapes.map((s, i) => s - withoutShapes[i]);
		const handBuilt = values.map((_, i) => expected[0][i] + expected[1][i]);
		expect(handBuilt.some((s) => s > 0)).toBe(true);
		added.forEach((a, i) => expect(a, `record ${i}`).toBeCloseTo(handBuilt[i], 9));
	});

	it('EnsembleDetector flags a weekday shaped like a weekend', () => {
		const values = weekly(12, 10);
		// The Wednesday of week 11 follows the quiet profile, as on a public holiday.
		const start = (10 * 7 + 2) * HALF_HOURS_PER_DAY;
		const end = start + HALF_HOURS_PER_DAY;
		for (let i = start; i < end; i++)
			values[i] = values[i] - weeklyProfile(i, true) + weeklyProfile(i, false);

		const detector = new EnsembleDetector();
		const scores = scoreAll(values, HALF_HOUR);
		const holiday = scores.slice(start, end);
		expect(holiday.some((s) => detector.isAnomaly(s))).toBe(true);
		const rampedUp = scores.slice(detector.options.ramp);
		const top = rampedUp.indexOf(Math.max(...rampedUp)) + detector.options.ramp;
		expect(top).toBeGreaterThanOrEqual(start);
		expect(top).toBeLessThan(end);

		// Each record of that day is within the noise, so only the weekly features see it.
		const withoutWeekly = scoreAll(values, HALF_HOUR, { weeklySpans: [] });
		expect(withoutWeekly.slice(start, end).some((s) => detector.isAnomaly(s))).toBe(false);
	});

	it('EnsembleDetector weekly spans in any order', () => {
		const values = weekly(12, 10);
		const start = (10 * 7 + 2) * HALF_HOURS_PER_DAY;
		for (let i = start; i < start + 8; i++) values[i] += 20;
		const ascending = scoreAll(values, HALF_HOUR, { weeklySpans: [1, 2, 4, 8, 16] });
		const shuffled = scoreAll(values, HALF_HOUR, { weeklySpans: [16, 1, 8, 2, 4] });
		expect(shuffled).toEqual(ascending);
		// Two equal spans make two features, so each must get its deviation, doubling that score.
		const repeated = scoreAll(values, HALF_HOUR, { weeklySpans: [4, 4, 1] });
		const once = scoreAll(values, HALF_HOUR, { weeklySpans: [4, 1] });
		expect(repeated.some((s) => s > 0)).toBe(true);
		expect(repeated).not.toEqual(once);
	});

	it('EnsembleDetector ignores weekly features without a weekly pattern', () => {
		const random = createSeededRandom(5);
		let drift = 0;
		// A daily cycle on a random walk: changes over a week vary more than changes over a day.
		const values = daily(6000).map((v) => v + (drift += 0.05 * random.normal()));
		// Six hours raised by 15, about 13 noise widths, which the weekly features would score.
		for (let i = 5000; i < 5072; i++) values[i] += 15;
		expect(scoreAll(values)).toEqual(scoreAll(values, FIVE_MINUTES, { weeklySpans: [] }));
	});

	it('EnsembleDetector waits for warm-up', () => {
		const scores = scoreAll([1, 100, 1, 100, 1000]);
		expect(scores).toEqual([0, 0, 0, 0, 0]);
	});
});
