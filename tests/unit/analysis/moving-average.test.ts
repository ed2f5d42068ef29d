import { randomLcg, randomNormal } from 'd3-random';
import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { MovingAverage } from '../../../src/lib/analysis/moving-average';
import { expectClose } from '../helpers/close';

/** Mean of the last `window` finite values up to each index, NaN before the first. */
function naiveMovingAverage(values: readonly number[], window: number): number[] {
	const seen: number[] = [];
	return values.map((x) => {
		if (Number.isFinite(x)) seen.push(x);
		const last = seen.slice(-window);
		return last.length === 0 ? NaN : mean(last);
	});
}

function noisy(count: number, seed: number): number[] {
	const source = randomLcg(seed);
	const normal = randomNormal.source(source)(100, 15);
	return Array.from({ length: count }, () => {
		const r = source();
		if (r < 0.05) return NaN;
		if (r < 0.06) return Infinity;
		return normal();
	});
}

describe('MovingAverage', () => {
	it.each([5, 20, 50])('MovingAverage matches naive reference at w=%i', (window) => {
		const values = noisy(2_000, window);
		const expected = naiveMovingAverage(values, window);
		const average = new MovingAverage(window);

		values.forEach((x, i) => expectClose(average.push(x), expected[i], 1e-9, `index ${i}`));
	});

	it('MovingAverage partial window averages seen values', () => {
		const average = new MovingAverage(5);

		expect(average.push(2)).toBe(2);
		expect(average.isPartial).toBe(true);
		expect(average.push(4)).toBe(3);
		expect(average.push(9)).toBe(5);
		expect(average.isPartial).toBe(true);
	});

	it('MovingAverage full window is not partial', () => {
		const average = new MovingAverage(5);
		for (const x of [1, 2, 3, 4]) average.push(x);
		expect(average.isPartial).toBe(true);

		expect(average.push(5)).toBe(3);
		expect(average.isPartial).toBe(false);
		expect(average.push(11)).toBe(5);
	});

	it('MovingAverage skips NaN inputs', () => {
		const average = new MovingAverage(3);

		expect(average.push(NaN)).toBeNaN();
		expect(average.push(3)).toBe(3);
		expect(average.push(NaN)).toBe(3);
		expect(average.push(6)).toBe(4.5);
		expect(average.filled).toBe(2);
	});

	it('MovingAverage stays accurate on long runs', () => {
		// Values far from zero make the add-and-subtract sum drift unless it is re-summed.
		const average = new MovingAverage(7);
		let last = NaN;
		for (let i = 0; i < 100_000; i++) last = average.push(1e8 + (i % 13) * 0.001);
		const window = Array.from({ length: 7 }, (_, k) => 1e8 + ((99_993 + k) % 13) * 0.001);

		expectClose(last, mean(window), 1e-12, 'last average');
	});

	it('MovingAverage reset forgets values', () => {
		const average = new MovingAverage(5);
		average.push(10);
		average.reset();

		expect(average.current).toBeNaN();
		expect(average.push(2)).toBe(2);
	});

	it.each([0, -1, 2.5, NaN])('MovingAverage rejects window %s', (window) => {
		expect(() => new MovingAverage(window)).toThrow(RangeError);
	});
});
