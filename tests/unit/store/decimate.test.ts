import { randomLcg, randomNormal } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { GAP_FACTOR, decimate } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';

/** Builds a one-series ring holding exactly the given records. */
function ringOf(time: number[], value: number[], capacity = time.length): ColumnRing {
	const ring = new ColumnRing(Math.max(1, capacity), 1);
	ring.append(time.length, Float64Array.from(time), [Float64Array.from(value)]);
	return ring;
}

/** Random walk with NaN gaps, one record per ms from 0. */
function randomRecords(count: number, seed: number): { time: number[]; value: number[] } {
	const source = randomLcg(seed);
	const step = randomNormal.source(source)(0, 1);
	const time: number[] = [];
	const value: number[] = [];
	let level = 0;
	for (let i = 0; i < count; i++) {
		level += step();
		time.push(i);
		value.push(source() < 0.02 ? NaN : level);
	}
	return { time, value };
}

function pixelColumn(t: number, from: number, to: number, width: number): number {
	return Math.min(width - 1, Math.floor(((t - from) / (to - from)) * width));
}

describe('decimate', () => {
	it.each([1, 7, 100, 640, 20_000])('decimate returns at most 2·W points at W=%i', (width) => {
		const { time, value } = randomRecords(10_000, 1);
		const ring = ringOf(time, value);
		const result = decimate(ring, ring.values(0), 0, 9_999, width);

		expect(result.time.length).toBeLessThanOrEqual(2 * width);
		expect(result.value.length).toBe(result.time.length);
	});

	it.each([3, 50, 333])('decimate keeps column min and max at W=%i', (width) => {
		const { time, value } = randomRecords(5_000, 2);
		const ring = ringOf(time, value);
		const from = 0;
		const to = 4_999;
		const result = decimate(ring, ring.values(0), from, to, width);

		const expectedMin = new Array<number>(width).fill(Infinity);
		const expectedMax = new Array<number>(width).fill(-Infinity);
		time.forEach((t, i) => {
			if (Number.isNaN(value[i])) return;
			const c = pixelColumn(t, from, to, width);
			expectedMin[c] = Math.min(expectedMin[c], value[i]);
			expectedMax[c] = Math.max(expectedMax[c], value[i]);
		});
		const actualMin = new Array<number>(width).fill(Infinity);
		const actualMax = new Array<number>(width).fill(-Infinity);
		result.time.forEach((t, i) => {
			const c = pixelColumn(t, from, to, width);
			actualMin[c] = Math.min(actualMin[c], result.value[i]);
			actualMax[c] = Math.max(actualMax[c], result.value[i]);
		});

		expect(actualMin).toEqual(expectedMin);
		expect(actualMax).toEqual(expectedMax);
	});

	it('decimate outputs points in time order', () => {
		const { time, value } = randomRecords(5_000, 3);
		const ring = ringOf(time, value);
		const result = decimate(ring, ring.values(0), 0, 4_999, 200);

		for (let i = 1; i < result.time.length; i++) {
			expect(result.time[i]).toBeGreaterThanOrEqual(result.time[i - 1]);
		}
	});

	it('decimate skips NaN values', () => {
		const ring = ringOf([0, 1, 2, 3, 4, 5], [1, NaN, 3, NaN, NaN, 6]);
		const result = decimate(ring, ring.values(0), 0, 5, 6);

		expect(Array.from(result.time)).toEqual([0, 2, 5]);
		expect(Array.from(result.value)).toEqual([1, 3, 6]);
	});

	it('decimate breaks the line at records without a number when asked', () => {
		// One record a minute: 1, 2, null, 3, 4, "x", 9, missing, 5, 6.
		const time = Array.from({ length: 10 }, (_, i) => i * 60_000);
		const value = [1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6];
		const ring = ringOf(time, value);
		const broken = decimate(ring, ring.values(0), 0, 540_000, 800, undefined, true);

		expect(Array.from(broken.value)).toEqual([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6]);
		// Each break lies between the records around the gap.
		expect(broken.time[2]).toBe(120_000);
		// Without it the line runs on over the gaps, as for a field that most records leave out.
		const joined = decimate(ring, ring.values(0), 0, 540_000, 800);
		expect(Array.from(joined.value)).toEqual([1, 2, 3, 4, 9, 5, 6]);
	});

	it('decimate keeps a gap inside one pixel column unbroken', () => {
		// Ten records in two pixel columns: the NaN at t = 2 shares a column with its neighbours.
		const ring = ringOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, NaN, 3, 4, 5, 6, 7, 8, 9]);
		const result = decimate(ring, ring.values(0), 0, 9, 2, undefined, true);

		expect(result.value.some(Number.isNaN)).toBe(false);
	});

	it('decimate breaks at a NaN inside a block of a long ring', () => {
		// 1,000 records one second apart with one NaN at 500, drawn over 2,000 pixel columns, so
		// each record has its own column and the NaN's block is scanned record by record.
		const time = Array.from({ length: 1000 }, (_, i) => i * 1000);
		const value = time.map((_, i) => (i === 500 ? NaN : i % 10));
		const ring = ringOf(time, value);
		const result = decimate(ring, ring.values(0), 0, 999_000, 2000, undefined, true);

		const breaks = Array.from(result.value.keys()).filter((i) => Number.isNaN(result.value[i]));
		expect(breaks).toHaveLength(1);
		expect(result.time[breaks[0] - 1]).toBe(499_000);
		expect(result.time[breaks[0] + 1]).toBe(501_000);
	});

	it('decimate skips infinite values', () => {
		const ring = ringOf([0, 1, 2], [1, Infinity, -Infinity]);
		const result = decimate(ring, ring.values(0), 0, 2, 3);

		expect(Array.from(result.value)).toEqual([1]);
	});

	it('decimate returns one point for equal values', () => {
		const ring = ringOf([0, 1, 2, 3], [5, 5, 5, 5]);
		const result = decimate(ring, ring.values(0), 0, 3, 1);

		expect(Array.from(result.time)).toEqual([0]);
		expect(Array.from(result.value)).toEqual([5]);
	});

	it('decimate orders max before later min', () => {
		const ring = ringOf([0, 1, 2, 3], [2, 9, 4, -1]);
		const result = decimate(ring, ring.values(0), 0, 3, 1);

		expect(Array.from(result.time)).toEqual([1, 3]);
		expect(Array.from(result.value)).toEqual([9, -1]);
	});

	it('decimate breaks line at large gap', () => {
		const time = [
			...Array.from({ length: 100 }, (_, i) => i),
			...Array.from({ length: 100 }, (_, i) => 500 + i)
		];
		const ring = ringOf(
			time,
			time.map((t) => t % 7)
		);
		const result = decimate(ring, ring.values(0), 0, 599, 600);

		const breaks = Array.from(result.value.keys()).filter((i) => Number.isNaN(result.value[i]));
		expect(breaks).toHaveLength(1);
		expect(result.time[breaks[0] - 1]).toBe(99);
		expect(result.time[breaks[0] + 1]).toBe(500);
	});

	it('decimate keeps line over regular spacing', () => {
		// One record every 10 ms over 1,000 px: each record has empty pixel columns around it,
		// but no spacing exceeds GAP_FACTOR times the median.
		const time = Array.from({ length: 50 }, (_, i) => i * 10);
		const ring = ringOf(
			time,
			time.map((t) => Math.sin(t))
		);
		const result = decimate(ring, ring.values(0), 0, 490, 1_000);

		expect(result.value.some((v) => Number.isNaN(v))).toBe(false);
		expect(result.time.length).toBe(50);
	});

	it('decimate keeps gap of GAP_FACTOR spacings', () => {
		const time = [0, 1, 2, 3, 3 + GAP_FACTOR, 4 + GAP_FACTOR, 5 + GAP_FACTOR];
		const ring = ringOf(time, time);
		const result = decimate(ring, ring.values(0), 0, time[time.length - 1], 1_000);

		expect(result.value.some((v) => Number.isNaN(v))).toBe(false);
	});

	it('decimate restricts output to window', () => {
		const { time, value } = randomRecords(2_000, 4);
		const ring = ringOf(time, value);
		const result = decimate(ring, ring.values(0), 500, 1_499, 100);

		expect(result.time.length).toBeGreaterThan(0);
		expect(Math.min(...result.time)).toBeGreaterThanOrEqual(500);
		expect(Math.max(...result.time)).toBeLessThanOrEqual(1_499);
	});

	it('decimate reads across ring wrap', () => {
		const ring = new ColumnRing(100, 1);
		for (let start = 0; start < 250; start += 25) {
			const time = Float64Array.from({ length: 25 }, (_, i) => start + i);
			ring.append(25, time, [time.map((t) => -t)]);
		}
		const result = decimate(ring, ring.values(0), 150, 249, 1);

		expect(Array.from(result.time)).toEqual([150, 249]);
		expect(Array.from(result.value)).toEqual([-150, -249]);
	});

	it('decimate scans unsorted ring whole', () => {
		const time = [5, 1, 9, 3, 7];
		const ring = ringOf(time, [50, 10, 90, 30, 70]);
		expect(ring.sorted).toBe(false);

		const result = decimate(ring, ring.values(0), 0, 10, 1);

		expect(Array.from(result.time)).toEqual([1, 9]);
		expect(Array.from(result.value)).toEqual([10, 90]);
	});

	it('decimate reads extra float32 column', () => {
		const ring = new ColumnRing(4, 1, { score: 'float32' });
		ring.append(3, Float64Array.of(0, 1, 2), [Float64Array.of(0, 0, 0)], {
			score: Float32Array.of(0.5, 2.5, 1.5)
		});
		const result = decimate(ring, ring.column('score'), 0, 2, 1);

		expect(Array.from(result.value)).toEqual([0.5, 2.5]);
	});

	it('decimate puts zero span in one column', () => {
		const ring = ringOf([7, 7, 7], [3, 1, 2]);
		const result = decimate(ring, ring.values(0), 7, 7, 100);

		// Min and max share one time, so their order is not defined.
		expect(Array.from(result.value).sort()).toEqual([1, 3]);
		expect(Array.from(result.time)).toEqual([7, 7]);
	});

	it.each([
		{ name: 'empty ring', time: [], from: 0, to: 10 },
		{ name: 'reversed window', time: [1, 2, 3], from: 3, to: 1 },
		{ name: 'window before data', time: [10, 11], from: 0, to: 5 },
		{ name: 'NaN window', time: [1, 2], from: NaN, to: 2 }
	])('decimate returns empty for $name', ({ time, from, to }) => {
		const ring = ringOf(time, time, 4);
		const result = decimate(ring, ring.values(0), from, to, 10);

		expect(result.time.length).toBe(0);
		expect(result.value.length).toBe(0);
	});

	it.each([0, -5, NaN, 0.4])('decimate treats width %s as 1', (width) => {
		const ring = ringOf([0, 1, 2], [4, 8, 6]);
		const result = decimate(ring, ring.values(0), 0, 2, width);

		expect(Array.from(result.value)).toEqual([4, 8]);
	});

	it('decimate returns transferable fresh arrays', () => {
		const ring = ringOf([0, 1], [1, 2]);
		const result = decimate(ring, ring.values(0), 0, 1, 10);

		expect(result.time.buffer).not.toBe(ring.time.buffer);
		expect(result.time.byteLength).toBe(result.time.buffer.byteLength);
	});
});
