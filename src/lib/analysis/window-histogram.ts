import { bin, extent } from 'd3-array';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { WindowHistogram } from '../protocol';
import type { CategoryFilter } from '../store/category-filter';
import type { ColumnRing } from '../store/ring-buffer';

/**
 * Bins the finite values of one series with `from ≤ time ≤ to` (Sturges' rule through d3.bin's
 * default thresholds) and fits a normal distribution by mean and sample standard deviation.
 * With `filter`, only the records of its category count. Returns undefined when the window has
 * no finite value.
 */
export function windowHistogram(
	ring: ColumnRing,
	series: number,
	from: number,
	to: number,
	filter?: CategoryFilter
): WindowHistogram | undefined {
	if (ring.length === 0 || series < 0 || series >= ring.seriesCount) return undefined;
	const values: number[] = [];
	const start = ring.sorted ? ring.lowerBound(from) : 0;
	const end = ring.sorted ? ring.upperBound(to) : ring.length;
	for (let i = start; i < end; i++) {
		const t = ring.timeAt(i);
		const v = ring.valueAt(series, i);
		if (!(t >= from && t <= to && Number.isFinite(v))) continue;
		if (filter === undefined || filter.column[ring.physical(i)] === filter.category) values.push(v);
	}
	if (values.length === 0) return undefined;

	const [low, high] = extent(values) as [number, number];
	const bins = bin().domain(low === high ? [low - 0.5, high + 0.5] : [low, high])(values);
	return {
		edges: [bins[0].x0 as number, ...bins.map((b) => b.x1 as number)],
		counts: bins.map((b) => b.length),
		mean: mean(values),
		std: values.length > 1 ? sampleStandardDeviation(values) : 0,
		total: values.length
	};
}
