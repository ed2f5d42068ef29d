import { randomLcg, randomNormal } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { CATEGORY_SPREAD_SAMPLE, CategorySpread } from '../../../src/lib/analysis/category-spread';

/** Feeds `values` with their categories as one batch. */
function spreadOf(values: number[], categories: number[]): CategorySpread {
	const spread = new CategorySpread();
	spread.add(Float64Array.from(values), Int32Array.from(categories), values.length);
	return spread;
}

describe('CategorySpread', () => {
	it('finds sensors at different levels apart', () => {
		// Two sensors take turns: one near 20, one near 0.1, each with a little noise.
		const noise = randomNormal.source(randomLcg(3))(0, 0.05);
		const values = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 20 : 0.1) + noise());
		const categories = values.map((_, i) => i % 2);
		const { ratio, categories: groups } = spreadOf(values, categories).result;
		expect(groups).toBe(2);
		expect(ratio).toBeGreaterThan(0.99);
	});

	it('finds labels of one signal close to 0', () => {
		// One noisy signal whose records get one of four labels at random.
		const random = randomLcg(5);
		const noise = randomNormal.source(randomLcg(7))(50, 2);
		const values = Array.from({ length: 2000 }, () => noise());
		const categories = values.map(() => Math.floor(random() * 4));
		expect(spreadOf(values, categories).result.ratio).toBeLessThan(0.01);
	});

	it('matches the ratio worked by hand', () => {
		// Means 2 and 5, overall 3.5. Within: (1+0+1) + (1+0+1) = 4 over 6 − 2 degrees of freedom.
		// Total: 4 + 6 × 1.5² = 17.5 over 6 − 1. ε² = 1 − (4 / 4) / (17.5 / 5) = 1 − 1 / 3.5.
		const { ratio } = spreadOf([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]).result;
		expect(ratio).toBeCloseTo(1 - 1 / 3.5, 12);
	});

	it('leaves out records without a category or a number', () => {
		const { ratio, categories } = spreadOf(
			[1, 2, 3, NaN, 100, 4, 5, 6, Infinity],
			[0, 0, 0, 0, -1, 1, 1, 1, 1]
		).result;
		expect(categories).toBe(2);
		expect(ratio).toBeCloseTo(1 - 1 / 3.5, 12);
	});

	it('reads many labels on noise close to 0', () => {
		// 500 labels on 2,000 random values: unadjusted, the between-label share is about 0.25.
		const noise = randomNormal.source(randomLcg(11))(0, 1);
		const values = Array.from({ length: 2000 }, () => noise());
		const categories = values.map((_, i) => i % 500);
		expect(spreadOf(values, categories).result.ratio).toBeLessThan(0.1);
	});

	it('gives NaN without two categories of three values', () => {
		expect(spreadOf([1, 2, 3, 9, 9], [0, 0, 0, 1, 1]).result).toEqual({
			ratio: NaN,
			categories: 1
		});
		expect(spreadOf([4, 4, 4, 4, 4, 4], [0, 0, 0, 1, 1, 1]).result.ratio).toBeNaN();
	});

	it('stops at the sample size and starts over after clear', () => {
		const spread = new CategorySpread();
		const half = CATEGORY_SPREAD_SAMPLE / 2;
		const apart = Float64Array.from({ length: CATEGORY_SPREAD_SAMPLE }, (_, i) => (i % 2) * 10);
		const alternate = Int32Array.from({ length: CATEGORY_SPREAD_SAMPLE }, (_, i) => i % 2);
		spread.add(apart, alternate, CATEGORY_SPREAD_SAMPLE);
		// Later records of one label at random levels would pull the ratio down; they are not read.
		const mixed = Float64Array.from({ length: half }, (_, i) => (i * 7919) % 13);
		spread.add(mixed, new Int32Array(half), half);
		expect(spread.result.ratio).toBe(1);

		spread.clear();
		expect(spread.result).toEqual({ ratio: NaN, categories: 0 });
	});
});
