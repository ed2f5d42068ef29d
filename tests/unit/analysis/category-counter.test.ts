import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CategoryCounter } from '../../../src/lib/analysis/category-counter';

describe('CategoryCounter', () => {
	it('CategoryCounter sorts by count descending', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a', 'b', 'c']);
		counter.countColumn(Int32Array.of(0, 1, 1, 2, 2, 2), 6);

		expect(counter.top(10)).toEqual([
			{ name: 'c', count: 3 },
			{ name: 'b', count: 2 },
			{ name: 'a', count: 1 }
		]);
	});

	it('CategoryCounter breaks ties by dictionary order', () => {
		const counter = new CategoryCounter();
		counter.addNames(['x', 'y']);
		counter.countColumn(Int32Array.of(1, 0), 2);

		expect(counter.top(10).map((c) => c.name)).toEqual(['x', 'y']);
	});

	it('CategoryCounter grows dictionary across batches', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a']);
		counter.countColumn(Int32Array.of(0), 1);
		counter.addNames(['b']);
		counter.countColumn(Int32Array.of(1, 1, 0), 3);

		expect(counter.size).toBe(2);
		expect(counter.top(10)).toEqual([
			{ name: 'a', count: 2 },
			{ name: 'b', count: 2 }
		]);
	});

	it('CategoryCounter skips invalid indices', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a']);
		counter.countColumn(Int32Array.of(-1, 5, 0, 0), 4);

		expect(counter.top(10)).toEqual([{ name: 'a', count: 2 }]);
	});

	it('CategoryCounter counts only first count', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a']);
		counter.countColumn(Int32Array.of(0, 0, 0), 2);
		counter.countColumn(Int32Array.of(0), 5);

		expect(counter.top(10)).toEqual([{ name: 'a', count: 3 }]);
	});

	it('CategoryCounter limits and omits empty', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a', 'b', 'c', 'unused']);
		counter.countColumn(Int32Array.of(0, 1, 2, 2), 4);

		expect(counter.top(2).map((c) => c.name)).toEqual(['c', 'a']);
		expect(counter.top(10).map((c) => c.name)).not.toContain('unused');
	});

	it('CategoryCounter clear empties dictionary', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a']);
		counter.countColumn(Int32Array.of(0), 1);
		counter.clear();

		expect(counter.size).toBe(0);
		expect(counter.top(10)).toEqual([]);
	});

	it('CategoryCounter totals after removal', () => {
		const counter = new CategoryCounter();
		counter.addNames(['a', 'b', 'c']);
		counter.countColumn(Int32Array.of(0, 1, 1, -1, 2), 5);
		expect([counter.records, counter.active]).toEqual([4, 3]);
		counter.countColumn(Int32Array.of(1, 2, -1), 3, -1);
		expect([counter.records, counter.active]).toEqual([2, 2]);
		counter.clear();
		expect([counter.records, counter.active]).toEqual([0, 0]);
	});

	it('CategoryCounter top matches full sort', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }),
				fc.array(fc.integer({ min: -1, max: 39 }), { maxLength: 300 }),
				fc.nat({ max: 300 }),
				fc.integer({ min: 0, max: 25 }),
				(size, column, dropped, limit) => {
					const counter = new CategoryCounter();
					const names = Array.from({ length: size }, (_, i) => `n${i}`);
					counter.addNames(names);
					const added = Int32Array.from(column);
					counter.countColumn(added, added.length);
					// Takes the oldest records out again, as the buffer does when it drops them.
					const removed = added.subarray(0, Math.min(dropped, added.length));
					counter.countColumn(removed, removed.length, -1);

					const counts = new Array<number>(size).fill(0);
					for (const c of added.subarray(removed.length)) if (c >= 0 && c < size) counts[c]++;
					const expected = counts
						.map((count, c) => ({ name: names[c], count }))
						.filter((entry) => entry.count > 0)
						.sort((a, b) => b.count - a.count || names.indexOf(a.name) - names.indexOf(b.name));
					expect(counter.top(limit)).toEqual(expected.slice(0, limit));
					expect(counter.records).toBe(counts.reduce((sum, count) => sum + count, 0));
					expect(counter.active).toBe(expected.length);
				}
			),
			{ numRuns: 500 }
		);
	});
});
