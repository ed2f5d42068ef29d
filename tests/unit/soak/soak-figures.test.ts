import { linearRegression } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
	bucketPercentile,
	countEnds,
	heapGrowth,
	splitLongTasks,
	type HeapReading
} from '../../../tests/soak/soak-figures';

function readings(values: number[], stepS = 10): HeapReading[] {
	return values.map((heapMB, i) => ({ elapsedS: 60 + i * stepS, heapMB }));
}

describe('heapGrowth', () => {
	it('finds no growth in a flat heap', () => {
		const growth = heapGrowth(readings([4, 4, 4, 4, 4]));
		expect(growth.fitPercent).toBeCloseTo(0, 10);
		expect(growth.medianPercent).toBeCloseTo(0, 10);
	});

	it('measures a steady rise along its line', () => {
		// 4 MB rising 0.1 MB per reading: 4.0 → 4.9 over ten readings, 22.5 %.
		const growth = heapGrowth(readings([4, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9]));
		expect(growth.fitStartMB).toBeCloseTo(4, 10);
		expect(growth.fitEndMB).toBeCloseTo(4.9, 10);
		expect(growth.fitPercent).toBeCloseTo(22.5, 8);
	});

	it('barely moves for one high end reading', () => {
		const steady = [4, 4.2, 3.9, 4.1, 4, 4.1, 3.9, 4.2, 4, 4.1];
		const spiked = [...steady.slice(0, -1), 5.8];
		const without = heapGrowth(readings(steady)).fitPercent;
		const withSpike = heapGrowth(readings(spiked)).fitPercent;
		const leastSquares = (values: number[]) => {
			const line = linearRegression(values.map((heapMB, i) => [i, heapMB]));
			return ((line.m * (values.length - 1)) / line.b) * 100;
		};
		expect(leastSquares(spiked) - leastSquares(steady)).toBeGreaterThan(15);
		expect(Math.abs(withSpike - without)).toBeLessThan(5);
	});

	it('reports medians of three at each end', () => {
		const growth = heapGrowth(readings([3, 5, 4, 4, 4, 6, 4, 5]));
		expect(growth.firstMB).toBe(4);
		expect(growth.lastMB).toBe(5);
		expect(growth.medianPercent).toBeCloseTo(25, 10);
	});

	it('uses the readings times, not their order', () => {
		// Readings bunched at the start: the rise is 1 MB over 100 s either way.
		const growth = heapGrowth([
			{ elapsedS: 0, heapMB: 4 },
			{ elapsedS: 1, heapMB: 4.01 },
			{ elapsedS: 2, heapMB: 4.02 },
			{ elapsedS: 100, heapMB: 5 }
		]);
		expect(growth.fitStartMB).toBeCloseTo(4, 8);
		expect(growth.fitEndMB).toBeCloseTo(5, 8);
	});

	it('rejects fewer than two readings', () => {
		expect(() => heapGrowth(readings([4]))).toThrow('at least 2 readings, got 1');
	});
});

describe('splitLongTasks', () => {
	const spans = [
		{ fromMs: 1000, toMs: 2000 },
		{ fromMs: 5000, toMs: 5500 }
	];

	it('puts overlapping tasks during samples', () => {
		const { during, outside } = splitLongTasks(
			[
				{ startMs: 900, durationMs: 150 },
				{ startMs: 1500, durationMs: 60 },
				{ startMs: 1990, durationMs: 80 },
				{ startMs: 5200, durationMs: 51 }
			],
			spans
		);
		expect(during.map((task) => task.startMs)).toEqual([900, 1500, 1990, 5200]);
		expect(outside).toEqual([]);
	});

	it('keeps tasks between samples outside', () => {
		const { during, outside } = splitLongTasks(
			[
				{ startMs: 800, durationMs: 60 },
				{ startMs: 2001, durationMs: 70 },
				{ startMs: 4900, durationMs: 99 }
			],
			spans
		);
		expect(during).toEqual([]);
		expect(outside.map((task) => task.startMs)).toEqual([800, 2001, 4900]);
	});

	it('keeps every task outside without samples', () => {
		const tasks = [{ startMs: 1500, durationMs: 60 }];
		expect(splitLongTasks(tasks, []).outside).toEqual(tasks);
	});
});

describe('bucketPercentile', () => {
	it('returns the upper edge of the bucket', () => {
		// 98 ticks on time, one 25 ms late, one 300 ms late.
		const buckets = new Array(201).fill(0);
		buckets[0] = 98;
		buckets[2] = 1;
		buckets[30] = 1;
		expect(bucketPercentile(buckets, 50)).toBe(10);
		expect(bucketPercentile(buckets, 99)).toBe(30);
		expect(bucketPercentile(buckets, 100)).toBe(310);
	});

	it('returns NaN without ticks', () => {
		expect(bucketPercentile(new Array(201).fill(0), 99)).toBeNaN();
	});
});

describe('countEnds', () => {
	it('compares the medians at both ends', () => {
		// DOM nodes grow while the first lines join, then hold. The first samples catch the climb, so
		// the run reads as growing; samples taken after it read as flat.
		const ends = countEnds([1749, 1813, 2018, 2283, 2300, 2283, 2283], 5);
		expect(ends.first).toBe(1813);
		expect(ends.last).toBe(2283);
		expect(ends.flat).toBe(false);
		expect(countEnds([2283, 2300, 2283, 2290, 2283, 2283], 5).flat).toBe(true);
	});

	it('flags a count that climbs past the allowance', () => {
		// One node per update: 2,000 to 2,600 over the run; the medians of the ends are 2,100 and
		// 2,500, 19 % apart.
		const climbing = Array.from({ length: 7 }, (_, i) => 2000 + i * 100);
		const ends = countEnds(climbing, 5);
		expect(ends.first).toBe(2100);
		expect(ends.last).toBe(2500);
		expect(ends.flat).toBe(false);
	});

	it('reads a single sample as both ends', () => {
		expect(countEnds([71], 5)).toEqual({ first: 71, last: 71, flat: true });
	});

	it('refuses no readings', () => {
		expect(() => countEnds([], 5)).toThrow('count ends need at least 1 reading, got 0');
	});
});
