import { describe, expect, it } from 'vitest';
import { iqrDetect } from '../../../src/lib/analysis/iqr-detector';
import { RollingIqr } from '../../../src/lib/analysis/rolling-iqr';
import { MIN_HISTORY } from '../../../src/lib/analysis/rolling-zscore';
import { expectClose } from '../helpers/close';

/** Returns a detector with `history` pushed into it. */
function withHistory(history: number[], window = 10, k = 1.5): RollingIqr {
	const detector = new RollingIqr(window, k);
	for (const v of history) detector.push(v);
	return detector;
}

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('RollingIqr', () => {
	// Quartiles of 1..10 by linear interpolation (type 7): Q1 at rank 1 + 9·0.25 = 3.25 gives
	// 3.25, Q3 at rank 7.75 gives 7.75. IQR 4.5, so with k = 1.5 the fences are −3.5 and 14.5.
	it.each([
		[20, (20 - 14.5) / 4.5],
		[-8, (-8 + 3.5) / 4.5],
		[14.5, 0],
		[-3.5, 0],
		[5, 0],
		[14.6, (14.6 - 14.5) / 4.5]
	])('RollingIqr scores %d against 1..10', (x, expected) => {
		expectClose(withHistory(oneToTen).score(x), expected, 1e-12);
	});

	it('RollingIqr uses k for the fences', () => {
		// k = 3: fences 3.25 − 13.5 = −10.25 and 7.75 + 13.5 = 21.25.
		const detector = withHistory(oneToTen, 10, 3);

		expect(detector.score(21)).toBe(0);
		expectClose(detector.score(30), (30 - 21.25) / 4.5, 1e-12);
		expectClose(detector.score(-12), (-12 + 10.25) / 4.5, 1e-12);
	});

	it('RollingIqr keeps only the previous window values', () => {
		// 1..12 through a window of 10 leaves 3..12: Q1 = 5.25, Q3 = 9.75, IQR 4.5, upper fence 16.5.
		const detector = withHistory([...oneToTen, 11, 12]);

		expect(detector.filled).toBe(10);
		expect(detector.score(16.5)).toBe(0);
		expectClose(detector.score(21), (21 - 16.5) / 4.5, 1e-12);
	});

	it('RollingIqr scores NaN before MIN_HISTORY values', () => {
		const detector = withHistory(oneToTen.slice(0, MIN_HISTORY - 1));

		expect(detector.score(100)).toBeNaN();
		detector.push(10);
		expect(detector.score(100)).toBeGreaterThan(0);
	});

	it('RollingIqr keeps NaN and ±Infinity out of the history', () => {
		const detector = new RollingIqr(10, 1.5);
		const pushed: number[] = [];
		for (const v of oneToTen) {
			pushed.push(detector.push(v));
			pushed.push(detector.push(NaN));
			pushed.push(detector.push(Infinity));
			pushed.push(detector.push(-Infinity));
		}

		expect(detector.filled).toBe(10);
		expectClose(detector.score(20), (20 - 14.5) / 4.5, 1e-12);
		expect(detector.score(NaN)).toBeNaN();
		expect(detector.score(Infinity)).toBeNaN();
		expect(pushed.filter((score) => !Number.isNaN(score))).toEqual([]);
	});

	it('RollingIqr scores a constant window as the z-score does', () => {
		const detector = withHistory(Array(12).fill(5));

		expect(detector.score(5)).toBe(0);
		expect(detector.score(5 + 1e-13)).toBe(0);
		expect(detector.score(5.1)).toBe(Infinity);
		expect(detector.score(4.9)).toBe(-Infinity);
	});

	it('RollingIqr falls back to the range when the IQR is zero', () => {
		// Sorted [0 ×8, 1, 3]: Q1 = Q3 = 0, so the range 3 is the unit and the fences are ±4.5.
		const detector = withHistory([0, 0, 0, 1, 0, 0, 0, 3, 0, 0]);

		expect(detector.score(1)).toBe(0);
		expect(detector.score(4.5)).toBe(0);
		expectClose(detector.score(6), (6 - 4.5) / 3, 1e-12);
		expectClose(detector.score(-6), (-6 + 4.5) / 3, 1e-12);
	});

	it('RollingIqr takes the fences of iqrDetect over its window', () => {
		const history = [3.2, 7.9, 1.4, 8.8, 5.5, 2.1, 9.7, 4.4, 6.3, 0.8, 12.5, 5.9];
		const detector = withHistory(history, history.length);
		const fences = iqrDetect(history, 1.5);

		expect(detector.score(fences.upperFence)).toBe(0);
		expect(detector.score(fences.lowerFence)).toBe(0);
		expectClose(detector.score(30), (30 - fences.upperFence) / fences.iqr, 1e-12);
		expectClose(detector.score(-20), (-20 - fences.lowerFence) / fences.iqr, 1e-12);
	});

	it.each([
		[9, 1.5, 'invalid IQR window 9: expected an integer of at least 10'],
		[10.5, 1.5, 'invalid IQR window 10.5: expected an integer of at least 10'],
		[10, 0.4, 'invalid IQR k 0.4: expected a number from 0.5 to 5'],
		[10, NaN, 'invalid IQR k NaN: expected a number from 0.5 to 5']
	])('RollingIqr rejects window %d and k %d', (window, k, message) => {
		expect(() => new RollingIqr(window, k)).toThrow(message);
	});
});
