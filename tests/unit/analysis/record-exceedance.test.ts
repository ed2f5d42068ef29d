import { describe, expect, it } from 'vitest';
import { RecordExceedance } from '../../../src/lib/analysis/record-exceedance';
import { SortedWindow } from '../../../src/lib/analysis/sorted-window';

const FIVE_MINUTES = 300_000;

function daily(n: number): number[] {
	return Array.from({ length: n }, (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + (i % 7));
}

function scoreAll(values: number[]): number[] {
	const detector = new RecordExceedance();
	return values.map((v, i) => detector.push(v, i * FIVE_MINUTES));
}

describe('SortedWindow', () => {
	it('SortedWindow keeps the last values', () => {
		const window = new SortedWindow(3);
		for (const x of [5, 1, NaN, 9, 7]) window.push(x);
		expect(window.size).toBe(3);
		expect(window.max).toBe(9);
		expect(window.min).toBe(1);
		expect(window.median).toBe(7);
	});
});

describe('RecordExceedance', () => {
	it('RecordExceedance is quiet on a repeating cycle', () => {
		const scores = scoreAll(daily(3000));
		const flagged = scores.slice(2100).filter((s) => s >= 0.093);
		expect(flagged).toEqual([]);
	});

	it('RecordExceedance scores a new extreme', () => {
		const values = daily(3000);
		values[2500] = 120;
		const scores = scoreAll(values);
		expect(scores[2500]).toBeGreaterThan(1);
		const top = scores.indexOf(Math.max(...scores.slice(200)));
		expect(top).toBe(2500);
	});

	it('RecordExceedance skips non-finite values', () => {
		const values = daily(400);
		values[300] = NaN;
		values[301] = Infinity;
		const scores = scoreAll(values);
		expect(Number.isNaN(scores[300])).toBe(true);
		expect(Number.isNaN(scores[301])).toBe(true);
		expect(Number.isFinite(scores[302])).toBe(true);
	});

	it('RecordExceedance flags a spike after a constant run', () => {
		const values = [...new Array(200).fill(20), 35];
		const scores = scoreAll(values);
		expect(scores.slice(150, 200).every((s) => s === 0)).toBe(true);
		expect(scores[200]).toBeGreaterThan(1e6);
	});

	it('RecordExceedance waits for warm-up', () => {
		const scores = scoreAll([1, 100, 1, 100]);
		expect(scores).toEqual([0, 0, 0, 0]);
	});
});
