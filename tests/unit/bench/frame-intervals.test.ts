import { describe, expect, it } from 'vitest';
import {
	countFrameIntervals,
	describeDeltas,
	estimateFrameInterval,
	intervalsIn
} from '../../../bench/frame-intervals';

/** Coarsened deltas of frames that all came on time at 60 Hz, as Chromium reports them. */
const onTime = Array.from({ length: 300 }, (_, i) => [16.6, 16.7, 16.7, 16.8][i % 4]);

describe('frame intervals', () => {
	it('estimateFrameInterval of on-time frames', () => {
		expect(estimateFrameInterval(onTime)).toBeCloseTo(16.7, 5);
	});

	it('estimateFrameInterval of coarsened 60 Hz', () => {
		// Frame starts at multiples of 1000/60 ms, each timestamp rounded to 100 µs.
		const starts = Array.from({ length: 601 }, (_, i) => Math.round((i * 10_000) / 60) / 10);
		const deltas = starts.slice(1).map((start, i) => start - starts[i]);

		expect(estimateFrameInterval(deltas)).toBeCloseTo(1000 / 60, 2);
		expect(countFrameIntervals(deltas).p95Ms).toBeLessThanOrEqual(16.7);
	});

	it('estimateFrameInterval ignores late frames', () => {
		const deltas = [...onTime.slice(0, 200), ...Array<number>(100).fill(33.3)];

		expect(estimateFrameInterval(deltas)).toBeCloseTo(16.7, 5);
	});

	it.each([
		{ delta: 16.8, expected: 1 },
		{ delta: 9, expected: 1 },
		{ delta: 24.9, expected: 1 },
		{ delta: 25.1, expected: 2 },
		{ delta: 33.4, expected: 2 },
		{ delta: 50, expected: 3 }
	])('intervalsIn $delta ms', ({ delta, expected }) => {
		expect(intervalsIn(delta, 16.667)).toBe(expected);
	});

	it('countFrameIntervals of on-time frames', () => {
		const counted = countFrameIntervals(onTime);

		expect(counted.frames).toBe(300);
		expect(counted.late).toBe(0);
		expect(counted.dropped).toBe(0);
		expect(counted.p95Ms).toBeCloseTo(16.7, 5);
	});

	it('countFrameIntervals counts late frames', () => {
		// 6 % of frames missed vsyncs: five missed one, one missed two.
		const deltas = [...onTime.slice(0, 94), 33.3, 33.4, 33.3, 33.3, 33.4, 50.0];
		const counted = countFrameIntervals(deltas);

		expect(counted.late).toBe(6);
		expect(counted.dropped).toBe(7);
		expect(counted.p95Ms).toBeCloseTo(2 * 16.7, 1);
	});

	it('countFrameIntervals keeps p95 at 5 % late', () => {
		const deltas = [...onTime.slice(0, 95), 33.3, 33.3, 33.3, 33.3, 33.3];

		expect(countFrameIntervals(deltas).p95Ms).toBeCloseTo(16.7, 1);
	});

	it('describeDeltas lists frequent values', () => {
		expect(describeDeltas([16.66, 16.71, 16.74, 33.3, 16.69], 2)).toBe('16.7 ms ×4, 33.3 ms ×1');
	});
});
