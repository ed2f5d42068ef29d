import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../src/lib/sim/seeded-random';

function draws(seed: number, count: number): number[] {
	const random = createSeededRandom(seed);
	return Array.from({ length: count }, (_, i) =>
		i % 2 === 0 ? random.uniform() : random.normal()
	);
}

describe('createSeededRandom', () => {
	it('createSeededRandom same seed repeats draws', () => {
		expect(draws(12, 1000)).toEqual(draws(12, 1000));
	});

	it.each([
		[0, 1],
		[1, 2],
		[2 ** 31, 2 ** 31 + 1],
		[0xfffffffe, 0xffffffff]
	])('createSeededRandom seeds %d and %d differ', (first, second) => {
		expect(draws(first, 100)).not.toEqual(draws(second, 100));
	});

	it('createSeededRandom uniform stays in [0, 1)', () => {
		const random = createSeededRandom(3);
		const values = Array.from({ length: 100_000 }, () => random.uniform());

		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
	});

	it('createSeededRandom normal has unit spread', () => {
		const random = createSeededRandom(4);
		const values = Array.from({ length: 100_000 }, () => random.normal());
		const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
		const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;

		expect(Math.abs(mean)).toBeLessThan(0.02);
		expect(Math.sqrt(variance)).toBeCloseTo(1, 1);
	});
});
