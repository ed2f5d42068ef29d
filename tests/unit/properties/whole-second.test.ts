import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isWholeSecond } from '../../../src/lib/analysis/whole-second';
import { fuzzRuns } from '../helpers/fuzz-runs';

/** The largest epoch time a Date can hold, in ms. */
const DATE_LIMIT = 8.64e15;

const anyTime = fc.double({ min: -DATE_LIMIT, max: DATE_LIMIT, noNaN: true });
const wholeSecond = fc
	.integer({ min: -DATE_LIMIT / 1000, max: DATE_LIMIT / 1000 })
	.map((s) => s * 1000);
/** Times one ms or a fraction of one away from a whole second. */
const nearSecond = fc
	.tuple(wholeSecond, fc.constantFrom(-1, 1, -0.5, 0.25, 999, -999))
	.map(([time, offset]) => time + offset);

test('isWholeSecond matches the remainder', () => {
	fc.assert(
		fc.property(fc.oneof(anyTime, wholeSecond, nearSecond), (time) => {
			expect(isWholeSecond(time)).toBe(time % 1000 === 0);
		}),
		{ numRuns: fuzzRuns(20_000) }
	);
});

test('isWholeSecond on edge times', () => {
	expect(isWholeSecond(0)).toBe(true);
	expect(isWholeSecond(-0)).toBe(true);
	expect(isWholeSecond(1_704_067_200_000)).toBe(true);
	expect(isWholeSecond(1_704_067_200_001)).toBe(false);
	expect(isWholeSecond(1_704_067_199_999.5)).toBe(false);
	expect(isWholeSecond(-1000)).toBe(true);
	expect(isWholeSecond(-1)).toBe(false);
	expect(isWholeSecond(DATE_LIMIT)).toBe(true);
	expect(isWholeSecond(DATE_LIMIT - 1)).toBe(false);
	expect(isWholeSecond(NaN)).toBe(false);
});
