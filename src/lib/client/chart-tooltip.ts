import { bisector } from 'd3-array';
import type { DecimatedSeries } from '../protocol';

const byTime = bisector((d: number) => d).center;

/**
 * Distance from the tooltip's time, in CSS pixels, within which the tooltip lists a point of a
 * series: one pixel column either side. A decimated line keeps a point in every pixel column that
 * has a record, so a series with a record in the tooltip's column shows its value, and others none.
 */
export const TOOLTIP_REACH_PX = 1;

/**
 * Index of the point of `series` nearest to `time` whose value is finite, or -1 when there is
 * none. The NaN points that break a decimated line are skipped.
 */
function nearestIndex(series: DecimatedSeries, time: number): number {
	const n = series.time.length;
	if (n === 0) return -1;
	const i = byTime(series.time as unknown as number[], time);
	let left = i;
	while (left >= 0 && !Number.isFinite(series.value[left])) left--;
	let right = i;
	while (right < n && !Number.isFinite(series.value[right])) right++;
	if (left < 0) return right < n ? right : -1;
	if (right >= n) return left;
	return time - series.time[left] <= series.time[right] - time ? left : right;
}

/**
 * Value of a decimated series at its point nearest to `time`, with the time of that point. Both
 * are NaN when the series has no point with a finite value within `reach` ms of `time`.
 */
export function nearestPoint(
	series: DecimatedSeries,
	time: number,
	reach = Infinity
): { time: number; value: number } {
	const i = nearestIndex(series, time);
	if (i < 0 || Math.abs(series.time[i] - time) > reach) return { time: NaN, value: NaN };
	return { time: series.time[i], value: series.value[i] };
}

/**
 * Time the tooltip shows for a pointer at `time`: that of the nearest point among `lines`, so that
 * the crosshair sits on a drawn point. It is `time` itself when no line has a finite point.
 */
export function snapTime(lines: readonly DecimatedSeries[], time: number): number {
	let snapped = time;
	let distance = Infinity;
	for (const line of lines) {
		const point = nearestPoint(line, time);
		const d = Math.abs(point.time - time);
		if (d < distance) {
			snapped = point.time;
			distance = d;
		}
	}
	return snapped;
}
