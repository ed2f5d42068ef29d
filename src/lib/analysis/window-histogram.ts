import { bisectRight, tickIncrement, ticks } from 'd3';
import type { WindowHistogram } from '../protocol';
import type { ColumnRing } from '../store/ring-buffer';

/**
 * Bins the finite values of one series with `from ≤ time ≤ to` and fits a normal distribution by
 * mean and sample standard deviation. Returns undefined when the window has no finite value.
 *
 * The bins are those of `d3.bin().domain([min, max])` with its default thresholds (Sturges'
 * rule, then d3's nice ticks), and a flat window gets the domain [v − 0.5, v + 0.5]. The page
 * requests a histogram with every view of the whole visible window, so the values are read
 * straight from the ring's columns in two passes. Copying them into an array for d3.bin and
 * simple-statistics boxed each value and read them five more times.
 */
export function windowHistogram(
	ring: ColumnRing,
	series: number,
	from: number,
	to: number
): WindowHistogram | undefined {
	if (ring.length === 0 || series < 0 || series >= ring.seriesCount) return undefined;
	const start = ring.sorted ? ring.lowerBound(from) : 0;
	const end = ring.sorted ? ring.upperBound(to) : ring.length;
	const time = ring.time;
	const values = ring.values(series);
	const capacity = ring.capacity;
	const first = start < end ? ring.physical(start) : 0;
	const count = end - start;

	let total = 0;
	let sum = 0;
	let low = Infinity;
	let high = -Infinity;
	for (let k = 0, i = first; k < count; k++, i = i + 1 === capacity ? 0 : i + 1) {
		const t = time[i];
		const v = values[i];
		if (!(t >= from && t <= to) || !Number.isFinite(v)) continue;
		total++;
		sum += v;
		if (v < low) low = v;
		if (v > high) high = v;
	}
	if (total === 0) return undefined;

	const mean = sum / total;
	const bins = binsOf(low === high ? low - 0.5 : low, low === high ? high + 0.5 : high, total);
	const counts = new Array<number>(bins.thresholds.length + 1).fill(0);
	let squares = 0;
	for (let k = 0, i = first; k < count; k++, i = i + 1 === capacity ? 0 : i + 1) {
		const t = time[i];
		const v = values[i];
		if (!(t >= from && t <= to) || !Number.isFinite(v)) continue;
		squares += (v - mean) * (v - mean);
		counts[bins.indexOf(v)]++;
	}
	return {
		edges: [bins.x0, ...bins.thresholds, bins.x1],
		counts,
		mean,
		std: total > 1 ? Math.sqrt(squares / (total - 1)) : 0,
		total
	};
}

/**
 * Computes the thresholds that d3.bin (d3-array 3) uses for an explicit domain [x0, x1] and
 * `total` values. The returned `indexOf` finds a value's bin as d3.bin does: by division when the
 * first threshold lies on the domain's start, by bisection otherwise.
 */
function binsOf(x0: number, x1: number, total: number) {
	const sturges = Math.max(1, Math.ceil(Math.log(total) / Math.LN2) + 1);
	let thresholds = ticks(x0, x1, sturges);
	const step = thresholds[0] <= x0 ? tickIncrement(x0, x1, sturges) : NaN;
	// A last threshold on the domain's end would make an empty bin of zero width.
	if (thresholds[thresholds.length - 1] >= x1) thresholds.pop();
	let a = 0;
	let b = thresholds.length;
	while (thresholds[a] <= x0) a++;
	while (thresholds[b - 1] > x1) b--;
	if (a > 0 || b < thresholds.length) thresholds = thresholds.slice(a, b);
	const m = thresholds.length;

	const indexOf = (x: number): number => {
		if (step > 0) return Math.min(m, Math.floor((x - x0) / step));
		if (step < 0) {
			// A negative increment is the inverse of the step, and d3 corrects rounding by one threshold.
			const j = Math.floor((x0 - x) * step);
			return Math.min(m, j + (thresholds[j] <= x ? 1 : 0));
		}
		return bisectRight(thresholds, x, 0, m);
	};
	return { x0, x1, thresholds, indexOf };
}
