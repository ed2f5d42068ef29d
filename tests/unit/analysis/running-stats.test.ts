import { randomLcg, randomNormal } from 'd3-random';
import { max, mean, min, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { RunningStats } from '../../../src/lib/analysis/running-stats';
import { expectClose } from '../helpers/close';

function statsOf(values: readonly number[]): RunningStats {
	const stats = new RunningStats();
	for (const x of values) stats.push(x);
	return stats;
}

function gaussian(count: number, seed: number, mu: number, sigma: number): number[] {
	const normal = randomNormal.source(randomLcg(seed))(mu, sigma);
	return Array.from({ length: count }, () => normal());
}

describe('RunningStats', () => {
	it.each([
		{ name: 'unit gaussian', values: gaussian(1_000, 1, 0, 1) },
		{ name: 'large offset', values: gaussian(1_000, 2, 1e9, 0.01) },
		{ name: 'tiny scale', values: gaussian(500, 3, 1e-6, 1e-9) },
		{ name: 'two values', values: [3, 8] }
	])('RunningStats matches simple-statistics: $name', ({ values }) => {
		const stats = statsOf(values);

		expect(stats.count).toBe(values.length);
		expectClose(stats.mean, mean(values), 1e-9, 'mean');
		expectClose(stats.std, sampleStandardDeviation(values), 1e-9, 'std');
		expect(stats.min).toBe(min(values));
		expect(stats.max).toBe(max(values));
		expect(stats.last).toBe(values[values.length - 1]);
	});

	it('RunningStats ignores non-finite values', () => {
		const finite = gaussian(300, 4, 5, 2);
		const mixed: number[] = [];
		finite.forEach((x, i) => {
			mixed.push(x);
			if (i % 3 === 0) mixed.push(NaN);
			if (i % 7 === 0) mixed.push(Infinity);
			if (i % 11 === 0) mixed.push(-Infinity);
		});
		mixed.push(NaN);
		const stats = statsOf(mixed);

		expect(stats.count).toBe(finite.length);
		expect(stats.rejected).toBe(mixed.length - finite.length);
		expectClose(stats.mean, mean(finite), 1e-9, 'mean');
		expectClose(stats.std, sampleStandardDeviation(finite), 1e-9, 'std');
		expect(stats.min).toBe(min(finite));
		expect(stats.max).toBe(max(finite));
		expect(stats.last).toBe(finite[finite.length - 1]);
	});

	it.each([
		{ name: 'no values', values: [] as number[], count: 0, mean: NaN, min: NaN },
		{ name: 'only NaN', values: [NaN, Infinity], count: 0, mean: NaN, min: NaN },
		{ name: 'one value', values: [4.5], count: 1, mean: 4.5, min: 4.5 }
	])(
		'RunningStats std NaN for $name',
		({ values, count, mean: expectedMean, min: expectedMin }) => {
			const stats = statsOf(values);

			expect(stats.count).toBe(count);
			expect(stats.std).toBeNaN();
			expect(stats.variance).toBeNaN();
			expect(stats.mean).toEqual(expectedMean);
			expect(stats.min).toEqual(expectedMin);
		}
	);

	it('RunningStats std of constant is zero', () => {
		const stats = statsOf(new Array<number>(1_000).fill(0.1));

		expect(stats.std).toBe(0);
		expect(stats.mean).toBe(0.1);
	});

	it('RunningStats reset clears everything', () => {
		const stats = statsOf([1, 2, NaN]);
		stats.reset();

		expect(stats.count).toBe(0);
		expect(stats.rejected).toBe(0);
		expect(stats.mean).toBeNaN();
		expect(stats.max).toBeNaN();
		expect(stats.last).toBeNaN();
	});

	it('RunningStats remove of max waits for restore', () => {
		const stats = statsOf([2, 9, 5]);
		stats.retire(2);
		stats.remove(9);

		expect(stats.extremesStale).toBe(true);
		stats.restoreExtremes(5, 5);
		expect(stats.extremesStale).toBe(false);
		expect(stats.count).toBe(2);
		expect(stats.min).toBe(2);
		expect(stats.max).toBe(5);
		expect(stats.mean).toBe(3.5);
	});

	it('RunningStats remove inside range keeps extremes', () => {
		const stats = statsOf([2, 9, 5]);
		stats.remove(5);

		expect(stats.extremesStale).toBe(false);
		expect(stats.min).toBe(2);
		expect(stats.max).toBe(9);
	});

	it('RunningStats retire ignores non-finite values', () => {
		const stats = statsOf([3, 4]);
		stats.retire(Infinity);
		stats.retire(NaN);
		stats.remove(4);
		stats.restoreExtremes(3, 3);

		expect(stats.min).toBe(3);
		expect(stats.max).toBe(3);
	});

	it('RunningStats remove of only value empties it', () => {
		const stats = statsOf([7]);
		stats.remove(7);
		stats.push(12);

		expect(stats.count).toBe(1);
		expect(stats.min).toBe(12);
		expect(stats.max).toBe(12);
	});
});
