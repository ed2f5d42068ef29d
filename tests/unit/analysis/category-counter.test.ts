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
});
