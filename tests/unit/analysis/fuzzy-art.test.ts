import { describe, expect, it } from 'vitest';
import { complementCode, FuzzyArt } from '../../../src/lib/analysis/fuzzy-art';

function present(art: FuzzyArt, values: number[]): number {
	return art.present(complementCode(values));
}

describe('complementCode', () => {
	it('complementCode appends one minus each value', () => {
		expect(Array.from(complementCode([0.25, 0.75]))).toEqual([0.25, 0.75, 0.75, 0.25]);
	});
});

describe('FuzzyArt', () => {
	it('FuzzyArt opens a category for a first input', () => {
		const art = new FuzzyArt(0.9);
		expect(present(art, [0.2, 0.7])).toBe(0);
		expect(art.categoryCount).toBe(1);
		expect(present(art, [0.2, 0.7])).toBe(1);
		expect(art.categoryCount).toBe(1);
	});

	it('FuzzyArt match below vigilance opens a category', () => {
		const art = new FuzzyArt(0.9);
		present(art, [0.2, 0.7]);
		// (0.4, 0.6, 0.6, 0.4) ∧ (0.2, 0.7, 0.8, 0.3) = (0.2, 0.6, 0.6, 0.3): 1.7 / 2 = 0.85.
		expect(present(art, [0.4, 0.6])).toBeCloseTo(0.85, 12);
		expect(art.categoryCount).toBe(2);
	});

	it('FuzzyArt learns by the element-wise minimum', () => {
		const art = new FuzzyArt(0.8);
		present(art, [0.2, 0.7]);
		expect(present(art, [0.4, 0.6])).toBeCloseTo(0.85, 12);
		expect(art.categoryCount).toBe(1);
		// The weights are now (0.2, 0.6, 0.6, 0.3), so the first input matches 1.7 / 2 only.
		expect(present(art, [0.2, 0.7])).toBeCloseTo(0.85, 12);
	});

	it('FuzzyArt lets the highest choice value learn', () => {
		const art = new FuzzyArt(0.65);
		present(art, [0.5, 0.5]);
		// (0.9, 0.1, 0.1, 0.9) ∧ (0.5, 0.5, 0.5, 0.5) sums to 1.2: a match of 0.6, below 0.65.
		expect(present(art, [0.9, 0.1])).toBeCloseTo(0.6, 12);
		expect(art.categoryCount).toBe(2);
		// (0.6, 0.4) matches the first category by 1.8 / 2 and the second by 1.4 / 2. Both reach
		// the vigilance, and the first has the higher choice value, 1.8 / 2.001 against 1.4 / 2.001.
		expect(present(art, [0.6, 0.4])).toBeCloseTo(0.9, 12);
		expect(art.categoryCount).toBe(2);
		expect(present(art, [0.5, 0.5])).toBeCloseTo(0.9, 12);
		expect(present(art, [0.9, 0.1])).toBe(1);
	});

	it('FuzzyArt replaces the least recently used category', () => {
		const art = new FuzzyArt(0.99, 1, 2);
		present(art, [0]);
		present(art, [1]);
		expect(present(art, [0])).toBe(1);
		present(art, [0.5]);
		expect(art.categoryCount).toBe(2);
		// [1] was replaced: (1, 0) ∧ (0.5, 0.5) = (0.5, 0) gives 0.5, and (1, 0) ∧ (0, 1) gives 0.
		expect(present(art, [1])).toBeCloseTo(0.5, 12);
	});

	it('FuzzyArt rejects an input of the wrong length', () => {
		const art = new FuzzyArt(0.9);
		expect(() => art.present(new Float64Array(3))).toThrow(/length 3, expected an even length/);
		present(art, [0.5]);
		expect(() => present(art, [0.5, 0.5])).toThrow(/length 4, expected length 2/);
	});
});
