import { describe, expect, it } from 'vitest';
import { ShapeNovelty, type ShapeNoveltyOptions } from '../../../src/lib/analysis/shape-novelty';

function novelties(values: number[], options: Partial<ShapeNoveltyOptions> = {}): number[] {
	const shape = new ShapeNovelty({
		step: 1,
		window: 2,
		history: 10,
		vigilance: 0.9,
		capacity: 10,
		...options
	});
	return values.map((v) => shape.push(v));
}

describe('ShapeNovelty', () => {
	it('ShapeNovelty waits for a full window', () => {
		const scores = novelties([1, 2, 3, 4, 5, 6, 7], { step: 2, window: 3 });
		// Points complete at records 2, 4 and 6, and the third completes the window.
		expect(scores.slice(0, 5).every((s) => Number.isNaN(s))).toBe(true);
		expect(scores[5]).toBe(1);
		expect(Number.isNaN(scores[6])).toBe(true);
	});

	it('ShapeNovelty scores windows by their best match', () => {
		const scores = novelties([0, 1, 0, 1, 0.5]);
		expect(Number.isNaN(scores[0])).toBe(true);
		// Windows (0, 1) and (1, 0) have level and shape features (0, 1, 0, 1) and (1, 0, 1, 0),
		// which share nothing, so each is new. Window (0, 1) then repeats exactly.
		expect(scores.slice(1, 4)).toEqual([1, 1, 0]);
		// Window (1, 0.5): levels (1, 0.5) and shape (1, 0), coded (1, .5, 1, 0, 0, .5, 0, 1).
		// Its overlap with the coded (1, 0, 1, 0) is 3.5 of 4: a match of 0.875.
		expect(scores[4]).toBeCloseTo(0.125, 12);
	});

	it('ShapeNovelty keeps the extreme of a step', () => {
		const options = { step: 2, window: 1 };
		// Points −10, then 10 (moving average 0), then the record further from the moving average
		// (0 + 2) / 2 = 1 among 6 and −2: 6, the same point as two records of 6.
		const spike = novelties([-10, -10, 10, 10, 6, -2], options);
		const high = novelties([-10, -10, 10, 10, 6, 6], options);
		expect(spike).toEqual(high);
		// With one point per window the shape is flat (0.5). The levels are 0.5 (one point), 1 and
		// 0.8, coded (.5, .5, .5, .5), (1, .5, 0, .5) and (.8, .5, .2, .5). The second matches the
		// first by 1.5 / 2, and the third matches them by 1.7 / 2 and 1.8 / 2.
		expect(spike[1]).toBe(1);
		expect(spike[3]).toBeCloseTo(0.25, 12);
		expect(spike[5]).toBeCloseTo(0.1, 12);
		// The mean of the last step, 2, would be a level of 0.6, which matches the first by 1.9 / 2.
		expect(novelties([-10, -10, 10, 10, 2, 2], options)[5]).toBeCloseTo(0.05, 12);
	});

	it('ShapeNovelty skips non-finite values', () => {
		const clean = novelties([0, 1, 0, 1, 0.5]);
		const gappy = novelties([0, 1, NaN, 0, Infinity, 1, 0.5]);
		expect(Number.isNaN(gappy[2])).toBe(true);
		expect(Number.isNaN(gappy[4])).toBe(true);
		expect([gappy[0], gappy[1], gappy[3], gappy[5], gappy[6]]).toEqual(clean);
	});
});
