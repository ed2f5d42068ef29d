import { bisector } from 'd3-array';
import type { DecimatedSeries } from '../protocol';

const byTime = bisector((d: number) => d).center;

/**
 * Value of a decimated series at the point nearest to `time`, or NaN when the series is empty.
 * Returns the time of that point too, so that the tooltip can label the point it shows.
 */
export function nearestPoint(
	series: DecimatedSeries,
	time: number
): { time: number; value: number } {
	if (series.time.length === 0) return { time: NaN, value: NaN };
	const i = byTime(series.time as unknown as number[], time);
	return { time: series.time[i], value: series.value[i] };
}
