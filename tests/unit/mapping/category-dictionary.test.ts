import { expect, test } from 'vitest';
import { CategoryDictionary, MAX_CATEGORIES } from '../../../src/lib/mapping/category-dictionary';

test('CategoryDictionary indexes and new names', () => {
	const dictionary = new CategoryDictionary();
	expect([dictionary.index('a'), dictionary.index('b'), dictionary.index('a')]).toEqual([0, 1, 0]);
	expect(dictionary.takeNew()).toEqual(['a', 'b']);
	expect(dictionary.index('c')).toBe(2);
	expect(dictionary.takeNew()).toEqual(['c']);
	expect(dictionary.takeNew()).toEqual([]);
	expect([dictionary.name(1), dictionary.name(-1), dictionary.name(3)]).toEqual([
		'b',
		undefined,
		undefined
	]);
});

test('CategoryDictionary full rejects new names', () => {
	const dictionary = new CategoryDictionary(MAX_CATEGORIES);
	for (let i = 0; i < MAX_CATEGORIES; i++) dictionary.index(`id-${i}`);
	expect(dictionary.takeNew()).toHaveLength(MAX_CATEGORIES);

	const later = Array.from({ length: 5000 }, (_, i) =>
		dictionary.index(`id-${MAX_CATEGORIES + i}`)
	);
	expect(later.every((index) => index === -1)).toBe(true);
	expect(dictionary.size).toBe(MAX_CATEGORIES);
	expect(dictionary.rejected).toBe(5000);
	expect(dictionary.takeNew()).toEqual([]);
	// Names already held keep their index after the dictionary filled.
	expect(dictionary.index('id-0')).toBe(0);
	expect(dictionary.index(`id-${MAX_CATEGORIES - 1}`)).toBe(MAX_CATEGORIES - 1);
	expect(dictionary.rejected).toBe(5000);
});

test.each([0, -1, 1.5, NaN])('CategoryDictionary invalid limit %s', (limit) => {
	expect(() => new CategoryDictionary(limit)).toThrow(RangeError);
});
