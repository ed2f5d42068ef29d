import { describe, expect, it } from 'vitest';
import { WeeklySeasonWeight } from '../../../src/lib/analysis/weekly-season-weight';

/** Pushes n pairs of changes that alternate in sign, so each variance is known exactly. */
function pushAlternating(weight: WeeklySeasonWeight, n: number, day: number, week: number): void {
	for (let i = 0; i < n; i++) {
		const sign = i % 2 === 0 ? 1 : -1;
		weight.push(sign * day, sign * week);
	}
}

describe('WeeklySeasonWeight', () => {
	it('WeeklySeasonWeight is the variance ratio', () => {
		const weight = new WeeklySeasonWeight();
		weight.setDay(1);
		// Eight changes of ±1.5 and ±1 have sample variances 9/4 · 8/7 and 8/7: a ratio of 2.25.
		pushAlternating(weight, 8, 1.5, 1);
		expect(weight.weight).toBeCloseTo(2.25, 12);
	});

	it('WeeklySeasonWeight waits for a week of changes', () => {
		const weight = new WeeklySeasonWeight();
		weight.setDay(2);
		pushAlternating(weight, 13, 1.5, 1);
		expect(weight.weight).toBe(0);
		pushAlternating(weight, 1, 1.5, 1);
		expect(weight.weight).toBeGreaterThan(0);
	});

	it('WeeklySeasonWeight is 0 before the day is known', () => {
		const weight = new WeeklySeasonWeight();
		pushAlternating(weight, 100, 1.5, 1);
		expect(weight.weight).toBe(0);
	});

	it('WeeklySeasonWeight is 0 without a weekly pattern', () => {
		const weight = new WeeklySeasonWeight();
		weight.setDay(1);
		pushAlternating(weight, 20, 1, 1);
		expect(weight.weight).toBe(0);
		pushAlternating(weight, 20, 1, 3);
		expect(weight.weight).toBe(0);
	});

	it('WeeklySeasonWeight is capped at 3', () => {
		const weight = new WeeklySeasonWeight();
		weight.setDay(1);
		pushAlternating(weight, 8, 10, 1);
		expect(weight.weight).toBe(3);
	});

	it('WeeklySeasonWeight skips non-finite changes', () => {
		const weight = new WeeklySeasonWeight();
		weight.setDay(1);
		weight.push(NaN, NaN);
		weight.push(Infinity, -Infinity);
		pushAlternating(weight, 8, 1.5, 1);
		expect(weight.weight).toBeCloseTo(2.25, 12);
	});
});
