import { describe, expect, it } from 'vitest';
import type { CategoryFilter } from '../../../src/lib/store/category-filter';
import { decimateBand } from '../../../src/lib/store/decimate-band';
import { GAP_FACTOR, decimate, medianSpacing } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { selectFlagged } from '../../../src/lib/store/select-flagged';

/**
 * A ring of `count` records one second apart whose categories cycle through `categories`
 * indexes, with value `i` at record `i`, every fifth record flagged and a band of ±1.
 */
function cyclingRing(count: number, categories: number, capacity = count): ColumnRing {
	const ring = new ColumnRing(capacity, 1, {
		category: 'int32',
		flag: 'uint8',
		deviation: 'float32',
		std: 'float32'
	});
	ring.append(
		count,
		Float64Array.from({ length: count }, (_, i) => i * 1000),
		[Float64Array.from({ length: count }, (_, i) => i)],
		{
			category: Int32Array.from({ length: count }, (_, i) => i % categories),
			flag: Uint8Array.from({ length: count }, (_, i) => (i % 5 === 0 ? 1 : 0)),
			deviation: new Float32Array(count),
			std: new Float32Array(count).fill(1)
		}
	);
	return ring;
}

function filterOf(ring: ColumnRing, category: number): CategoryFilter {
	return { column: ring.column('category'), category };
}

describe('category filter', () => {
	it('medianSpacing over one category', () => {
		const ring = cyclingRing(60, 6);

		expect(medianSpacing(ring, 0, ring.length)).toBe(1000);
		expect(medianSpacing(ring, 0, ring.length, filterOf(ring, 2))).toBe(6000);
		expect(medianSpacing(ring, 0, ring.length, filterOf(ring, 7))).toBe(Infinity);
	});

	it('medianSpacing of a rare category', () => {
		const ring = cyclingRing(5000, 1);
		// Category 1 at records 100, 400, 1000 and 4000: steps of 300 s, 600 s and 3000 s.
		const categories = ring.column('category');
		for (const i of [100, 400, 1000, 4000]) categories[ring.physical(i)] = 1;

		expect(medianSpacing(ring, 0, ring.length, filterOf(ring, 1))).toBe(600_000);
		expect(medianSpacing(ring, 0, 1000, filterOf(ring, 1))).toBe(300_000);
		expect(medianSpacing(ring, 500, ring.length, filterOf(ring, 1))).toBe(3_000_000);
		expect(medianSpacing(ring, 1001, ring.length, filterOf(ring, 1))).toBe(Infinity);
	});

	it('medianSpacing of a category in a wrapped ring', () => {
		const ring = cyclingRing(3000, 4, 2048);

		expect(medianSpacing(ring, 0, ring.length, filterOf(ring, 3))).toBe(4000);
	});

	it('decimate keeps one category unbroken', () => {
		const ring = cyclingRing(60, 6);
		const line = decimate(ring, ring.values(0), 0, 59_000, 10_000, filterOf(ring, 2));

		expect(Array.from(line.value)).toEqual([2, 8, 14, 20, 26, 32, 38, 44, 50, 56]);
		expect(Array.from(line.time)).toEqual(
			[2, 8, 14, 20, 26, 32, 38, 44, 50, 56].map((i) => i * 1000)
		);
	});

	it('decimate breaks a category at its own gap', () => {
		const ring = cyclingRing(120, 2);
		// Records 40 to 79 of category 0 become gaps: a hole of 42 s in a line of 2 s steps.
		const values = ring.values(0);
		for (let i = 40; i < 80; i += 2) values[ring.physical(i)] = NaN;
		const line = decimate(ring, values, 0, 119_000, 10_000, filterOf(ring, 0));

		const breaks = Array.from(line.value).filter(Number.isNaN).length;
		expect(42_000).toBeGreaterThan(GAP_FACTOR * 2000);
		expect(breaks).toBe(1);
	});

	it('decimate filters a wrapped ring', () => {
		const ring = cyclingRing(50, 3, 40);
		const line = decimate(ring, ring.values(0), 0, 49_000, 10_000, filterOf(ring, 1));

		const expected = Array.from({ length: 50 }, (_, i) => i).filter((i) => i >= 10 && i % 3 === 1);
		expect(Array.from(line.value)).toEqual(expected);
	});

	it('selectFlagged keeps one category', () => {
		const ring = cyclingRing(30, 3);
		const flags = ring.column('flag');
		const points = selectFlagged(ring, flags, ring.values(0), 0, 29_000, 100, filterOf(ring, 0));

		expect(Array.from(points.value)).toEqual([0, 15]);
	});

	it('decimateBand keeps one category', () => {
		const ring = cyclingRing(12, 4);
		const columns = {
			value: ring.values(0),
			deviation: ring.column('deviation'),
			std: ring.column('std')
		};
		const band = decimateBand(ring, columns, 2, 0, 11_000, 1_000, filterOf(ring, 3));

		expect(Array.from(band.lower)).toEqual([1, 5, 9]);
		expect(Array.from(band.upper)).toEqual([5, 9, 13]);
	});
});
