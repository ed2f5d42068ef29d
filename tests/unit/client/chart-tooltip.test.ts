import { describe, expect, it } from 'vitest';
import { nearestPoint, snapTime } from '../../../src/lib/client/chart-tooltip';
import type { DecimatedSeries } from '../../../src/lib/protocol';

function series(time: number[], value: number[]): DecimatedSeries {
	return { time: Float64Array.from(time), value: Float64Array.from(value) };
}

/** A record every second from 0 ms, values 0 to 8. */
const dense = series(
	[0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000],
	[0, 1, 2, 3, 4, 5, 6, 7, 8]
);
/** One record, at 8 s. */
const sparse = series([8000], [5]);

describe('nearestPoint', () => {
	it('nearestPoint finds the closest point', () => {
		expect(nearestPoint(dense, 2400)).toEqual({ time: 2000, value: 2 });
		expect(nearestPoint(dense, 2600)).toEqual({ time: 3000, value: 3 });
	});

	it('nearestPoint returns NaN beyond its reach', () => {
		expect(nearestPoint(sparse, 0, 10)).toEqual({ time: NaN, value: NaN });
		expect(nearestPoint(sparse, 7990, 10)).toEqual({ time: 8000, value: 5 });
		expect(nearestPoint(sparse, 8010, 10)).toEqual({ time: 8000, value: 5 });
		expect(nearestPoint(sparse, 8011, 10)).toEqual({ time: NaN, value: NaN });
	});

	it('nearestPoint without a reach finds a distant point', () => {
		expect(nearestPoint(sparse, 0)).toEqual({ time: 8000, value: 5 });
	});

	it('nearestPoint skips the NaN points of line breaks', () => {
		// A break at 5 s between points at 0 s and 20 s: the pointer at 6 s is nearer the break.
		const broken = series([0, 5000, 20_000], [1, NaN, 2]);
		expect(nearestPoint(broken, 6000)).toEqual({ time: 0, value: 1 });
		expect(nearestPoint(broken, 13_000)).toEqual({ time: 20_000, value: 2 });
		expect(nearestPoint(series([5000], [NaN]), 5000)).toEqual({ time: NaN, value: NaN });
	});

	it('nearestPoint of an empty series is NaN', () => {
		expect(nearestPoint(series([], []), 0)).toEqual({ time: NaN, value: NaN });
	});
});

describe('snapTime', () => {
	it('snapTime moves to the nearest point of any line', () => {
		expect(snapTime([dense, sparse], 200)).toBe(0);
		expect(snapTime([sparse, dense], 200)).toBe(0);
		expect(snapTime([sparse], 200)).toBe(8000);
		expect(snapTime([series([0, 10_000], [1, 2]), series([6000], [3])], 4000)).toBe(6000);
	});

	it('snapTime keeps the time without points', () => {
		expect(snapTime([], 1234)).toBe(1234);
		expect(snapTime([series([], []), series([10], [NaN])], 1234)).toBe(1234);
	});

	it('snapTime then nearestPoint leaves a distant point out', () => {
		// The tooltip for a pointer at 0.2 s over a plot of 800 px for 8 s: 10 ms a pixel.
		const time = snapTime([sparse, dense], 200);
		expect(nearestPoint(dense, time, 10).value).toBe(0);
		expect(nearestPoint(sparse, time, 10).value).toBeNaN();
	});
});
