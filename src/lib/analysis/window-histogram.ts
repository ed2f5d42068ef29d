import { tickIncrement, ticks } from 'd3-array';
import type { HistogramBins } from '../protocol';
import type { CategoryFilter } from '../store/category-filter';
import type { ColumnRing } from '../store/ring-buffer';

/**
 * Bins the finite values of one series with `from ≤ time ≤ to` and fits a normal distribution by
 * mean and sample standard deviation. With `filter`, only the records of its category count.
 * Returns undefined when the window has no finite value.
 *
 * The bins are those of `d3.bin().domain([min, max])` with its default thresholds (Sturges'
 * rule, then d3's nice ticks), and a flat window gets the domain [v − 0.5, v + 0.5]. Whole
 * numbers that span fewer values than Sturges' rule has bins get one bin per whole number k,
 * [k − 0.5, k + 0.5). Counts of 0 to 3 then show four bars, not bins 0.2 wide with empty ones
 * between them. The page requests a histogram of the whole visible window several times a
 * second, so two passes read the values in the ring itself. Copying a million values into a
 * plain array for d3.bin and simple-statistics boxed each one and read them five more times. A
 * Float64Array copy allocated 8 MB per request, which the collector reclaimed while a file was
 * read.
 */
export function windowHistogram(
	ring: ColumnRing,
	series: number,
	from: number,
	to: number,
	filter?: CategoryFilter
): HistogramBins | undefined {
	if (ring.length === 0 || series < 0 || series >= ring.seriesCount) return undefined;
	const sorted = ring.sorted;
	const start = sorted ? ring.lowerBound(from) : 0;
	const end = sorted ? ring.upperBound(to) : ring.length;
	const records: WindowRecords = {
		values: ring.values(series),
		ranges: physicalRanges(ring, start, end),
		// In a sorted ring the bounds already keep to the window, so no time needs checking.
		time: sorted ? null : ring.time,
		from,
		to,
		filter
	};
	const { values, ranges } = records;

	// Values are summed as deviations from the first, as RunningStats sums them for the KPIs. So
	// a flat window gets exactly its value as the mean and 0 as the deviation, where a plain sum
	// of ten 0.1s leaves a mean of 0.09999999999999999 and a σ of about 1e-17.
	let total = 0;
	let shift = NaN;
	let sum = 0;
	let low = Infinity;
	let high = -Infinity;
	let whole = true;
	for (let r = 0; r < ranges.length; r += 2) {
		for (let i = ranges[r]; i < ranges[r + 1]; i++) {
			if (!keeps(records, i)) continue;
			const v = values[i];
			if (total++ === 0) shift = v;
			sum += v - shift;
			if (v < low) low = v;
			if (v > high) high = v;
			if (whole && !Number.isInteger(v)) whole = false;
		}
	}
	if (total === 0) return undefined;

	const shiftedMean = sum / total;
	// From 2^52 on, k ± 0.5 rounds to a whole number, so such values get d3's bins.
	const exact = -WHOLE_BIN_LIMIT < low && high < WHOLE_BIN_LIMIT;
	const bins =
		whole && exact && high - low < sturges(total)
			? wholeNumberBins(low, high)
			: binsOf(low === high ? low - 0.5 : low, low === high ? high + 0.5 : high, total);
	const counts = new Array<number>(bins.thresholds.length + 1).fill(0);
	let squares = 0;
	let residual = 0;
	for (let r = 0; r < ranges.length; r += 2) {
		for (let i = ranges[r]; i < ranges[r + 1]; i++) {
			if (!keeps(records, i)) continue;
			const v = values[i];
			const deviation = v - shift - shiftedMean;
			squares += deviation * deviation;
			residual += deviation;
			counts[binIndex(bins, v)]++;
		}
	}
	return {
		edges: [bins.x0, ...bins.thresholds, bins.x1],
		counts,
		mean: shift + shiftedMean,
		std: sampleStd(squares, residual, total),
		total
	};
}

/**
 * Returns the sample standard deviation from the sum of squared deviations from the mean and the
 * sum of those deviations, which rounding leaves slightly off 0. Subtracting its square over the
 * count (the corrected two-pass formula) takes out the error of the rounded mean. Fewer than 2
 * values give 0.
 */
function sampleStd(squares: number, residual: number, total: number): number {
	if (total < 2) return 0;
	return Math.sqrt(Math.max(0, squares - (residual * residual) / total) / (total - 1));
}

/** The records of a histogram's window, as {@link keeps} reads them from the ring. */
interface WindowRecords {
	/** Physical value column of the series. */
	values: Float64Array;
	/** Physical index ranges as [begin, end, begin, end], see `physicalRanges`. */
	ranges: number[];
	/** Physical time column, or null when the ranges already keep to [from, to]. */
	time: Float64Array | null;
	from: number;
	to: number;
	filter: CategoryFilter | undefined;
}

/**
 * Tests whether the record at physical index `i` counts: a finite value in the window, kept by
 * the filter.
 */
function keeps(records: WindowRecords, i: number): boolean {
	const { time, filter } = records;
	if (!Number.isFinite(records.values[i])) return false;
	if (time !== null && !(time[i] >= records.from && time[i] <= records.to)) return false;
	return filter === undefined || filter.column[i] === filter.category;
}

/**
 * Returns the physical index ranges, as [begin, end, begin, end], of the logical records from
 * `start` to `end`: one range, or two where the ring wraps.
 */
function physicalRanges(ring: ColumnRing, start: number, end: number): number[] {
	if (start >= end) return [];
	const begin = ring.physical(start);
	const stop = begin + (end - start);
	if (stop <= ring.capacity) return [begin, stop];
	return [begin, ring.capacity, 0, stop - ring.capacity];
}

/** Thresholds of a histogram and what finding a value's bin needs. */
interface Bins {
	x0: number;
	x1: number;
	thresholds: number[];
	/** d3's increment when it finds bins by division (see `binsOf`), NaN when it bisects. */
	increment: number;
	/** Distance between neighbouring thresholds, which d3's ticks space evenly. */
	spacing: number;
}

/**
 * Computes the thresholds that d3.bin (d3-array 3) uses for an explicit domain [x0, x1] and
 * `total` values. d3.bin then finds a value's bin by division when the first threshold lies on
 * the domain's start, and by bisection otherwise.
 */
function binsOf(x0: number, x1: number, total: number): Bins {
	const count = sturges(total);
	let thresholds: number[];
	let increment = NaN;
	try {
		thresholds = ticks(x0, x1, count);
		if (thresholds[0] <= x0) increment = tickIncrement(x0, x1, count);
	} catch (error) {
		// d3 cannot step a domain narrower than about 1e-306 (see `linearTicks`): one bin.
		if (!(error instanceof RangeError)) throw error;
		thresholds = [];
	}
	// A last threshold on the domain's end would make an empty bin of zero width.
	if (thresholds[thresholds.length - 1] >= x1) thresholds.pop();
	let a = 0;
	let b = thresholds.length;
	while (thresholds[a] <= x0) a++;
	while (thresholds[b - 1] > x1) b--;
	if (a > 0 || b < thresholds.length) thresholds = thresholds.slice(a, b);
	const spacing = thresholds.length > 1 ? thresholds[1] - thresholds[0] : NaN;
	return { x0, x1, thresholds, increment, spacing };
}

/** Magnitude from which k ± 0.5 is not exactly representable for every whole number k. */
const WHOLE_BIN_LIMIT = 2 ** 52;

/** Returns the bin count of Sturges' rule for `total` values, as d3's `thresholdSturges`. */
function sturges(total: number): number {
	return Math.max(1, Math.ceil(Math.log(total) / Math.LN2) + 1);
}

/**
 * Returns one bin per whole number from `low` to `high`, [k − 0.5, k + 0.5), which `binIndex`
 * finds by division: the bin of k is k − low.
 */
function wholeNumberBins(low: number, high: number): Bins {
	const thresholds = Array.from({ length: high - low }, (_, i) => low + 0.5 + i);
	return { x0: low - 0.5, x1: high + 0.5, thresholds, increment: 1, spacing: 1 };
}

/** Returns the bin of `x` as d3.bin finds it. */
function binIndex(bins: Bins, x: number): number {
	const { thresholds, increment } = bins;
	const m = thresholds.length;
	if (increment > 0) return Math.min(m, Math.floor((x - bins.x0) / increment));
	if (increment < 0) {
		// A negative increment is the inverse of the step, and d3 corrects rounding by one threshold.
		const j = Math.floor((bins.x0 - x) * increment);
		return Math.min(m, j + (thresholds[j] <= x ? 1 : 0));
	}
	// bisectRight: the index after the last threshold ≤ x. Evenly spaced thresholds give a guess
	// that rounding can leave one off, so it is moved until it fits.
	if (m === 0) return 0;
	let j = Number.isFinite(bins.spacing) ? Math.floor((x - thresholds[0]) / bins.spacing) + 1 : 0;
	j = Math.max(0, Math.min(m, j));
	while (j < m && thresholds[j] <= x) j++;
	while (j > 0 && thresholds[j - 1] > x) j--;
	return j;
}
