import type { DecimatedSeries } from '../protocol';
import { BLOCK_SHIFT, BLOCK_SIZE, type BlockExtremes } from './block-extremes';
import type { CategoryFilter } from './category-filter';
import type { ColumnRing, NumericColumn } from './ring-buffer';

/**
 * A time gap between consecutive records counts as a break in the line when it exceeds this
 * many times the median record spacing of the window.
 */
export const GAP_FACTOR = 5;

/**
 * Cap on pixel columns, which keeps the column index in 32-bit integer arithmetic and bounds the
 * scratch memory (six arrays of this length).
 */
const MAX_COLUMNS = 2 ** 24;

/** Mask of a physical index's position inside its block. */
const BLOCK_MASK = BLOCK_SIZE - 1;

/** Number of record spacings sampled to estimate the median spacing, which bounds its cost. */
const SPACING_SAMPLES = 1024;

/** Returns a series with no points, in fresh arrays. */
export function emptySeries(): DecimatedSeries {
	return { time: new Float64Array(0), value: new Float64Array(0) };
}

/**
 * Reduces one column of the ring to at most two points per pixel column over [from, to].
 *
 * The window is split into `width` pixel columns of equal time span. Each occupied pixel column
 * gives its min and max in time order, or one point when they are equal. Non-finite values are
 * skipped.
 *
 * A NaN point breaks the drawn line between two occupied pixel columns that at least one empty
 * pixel column separates, when a time gap of more than GAP_FACTOR times the median record
 * spacing lies between them. With `breakAtGaps`, a record between them whose value is NaN (a
 * record without a number) breaks it too. Each break takes the place of an empty pixel column,
 * so the result has at most `2 * width` points.
 *
 * When the ring is sorted, binary search finds the window. Without a filter, the ring's block
 * summary of the column (`ColumnRing.blockExtremes`) then replaces the records of every block
 * that falls in one pixel column. A view of a million records over a few hundred pixel columns
 * so reads about one block per pixel column record by record. The result is the same as a scan
 * of every record ({@link decimateByScan}). A filtered line scans its records in the window,
 * O(records in window). An unsorted ring is scanned whole and gets no breaks, because record
 * spacing means nothing when time goes back and forth.
 *
 * @param column - A physical column of `ring` (a value or extra column).
 * @param width - Plot width in pixels. Values below 1 or not finite count as 1, and values above
 *   2^24 count as 2^24.
 * @param filter - Keeps only the records of one category, for a line of a split series. The
 *   median spacing is then taken over those records, so that a line's own rhythm sets its breaks.
 * @param breakAtGaps - Breaks the line at records whose value is NaN. A caller leaves it off for
 *   a field that most records leave out, such as one of several sensors that take turns, whose
 *   line would otherwise break at every other record.
 * @returns Fresh arrays, safe to transfer.
 */
export function decimate(
	ring: ColumnRing,
	column: NumericColumn,
	from: number,
	to: number,
	width: number,
	filter?: CategoryFilter,
	breakAtGaps = false
): DecimatedSeries {
	const blocks = filter === undefined && ring.sorted ? ring.blockExtremes(column) : null;
	return decimateColumn(ring, column, from, to, width, filter, blocks, breakAtGaps);
}

/**
 * Does what {@link decimate} does by scanning every record in the window, without the block
 * summary: the reference that tests hold the block path to.
 */
export function decimateByScan(
	ring: ColumnRing,
	column: NumericColumn,
	from: number,
	to: number,
	width: number,
	filter?: CategoryFilter,
	breakAtGaps = false
): DecimatedSeries {
	return decimateColumn(ring, column, from, to, width, filter, null, breakAtGaps);
}

function decimateColumn(
	ring: ColumnRing,
	column: NumericColumn,
	from: number,
	to: number,
	width: number,
	filter: CategoryFilter | undefined,
	blocks: BlockExtremes | null,
	breakAtGaps: boolean
): DecimatedSeries {
	if (ring.length === 0 || !(to >= from)) return emptySeries();

	const columns = Number.isFinite(width)
		? Math.min(MAX_COLUMNS, Math.max(1, Math.floor(width)))
		: 1;
	const span = to - from;
	const sorted = ring.sorted;
	const start = sorted ? ring.lowerBound(from) : 0;
	const end = sorted ? ring.upperBound(to) : ring.length;
	if (start >= end) return emptySeries();

	const gapThreshold = sorted ? GAP_FACTOR * medianSpacing(ring, start, end, filter) : Infinity;
	const minValue = new Float64Array(columns);
	const maxValue = new Float64Array(columns);
	const minTime = new Float64Array(columns);
	const maxTime = new Float64Array(columns);
	const occupied = new Uint8Array(columns);
	const breakBefore = new Uint8Array(columns);

	const columnsPerMs = span > 0 ? columns / span : 0;
	const scratch: ColumnScratch = { minValue, maxValue, minTime, maxTime, occupied, breakBefore };
	const window: ScanWindow = {
		column,
		first: ring.physical(start),
		count: end - start,
		from,
		to,
		columnsPerMs,
		columns,
		gapThreshold,
		breakAtGaps,
		categories: filter?.column ?? null,
		category: filter?.category ?? 0
	};
	if (sorted) scanSorted(ring, window, scratch, blocks);
	else scanUnsorted(ring, window, scratch);

	let size = 0;
	for (let c = 0; c < columns; c++) {
		if (occupied[c] === 0) continue;
		size += breakBefore[c] + (minValue[c] === maxValue[c] ? 1 : 2);
	}

	const outTime = new Float64Array(size);
	const outValue = new Float64Array(size);
	let n = 0;
	for (let c = 0; c < columns; c++) {
		if (occupied[c] === 0) continue;

		const firstTime = Math.min(minTime[c], maxTime[c]);
		if (breakBefore[c] === 1) {
			outTime[n] = (outTime[n - 1] + firstTime) / 2;
			outValue[n] = NaN;
			n++;
		}

		if (minValue[c] === maxValue[c]) {
			outTime[n] = minTime[c];
			outValue[n] = minValue[c];
			n++;
		} else if (minTime[c] <= maxTime[c]) {
			outTime[n] = minTime[c];
			outValue[n] = minValue[c];
			outTime[n + 1] = maxTime[c];
			outValue[n + 1] = maxValue[c];
			n += 2;
		} else {
			outTime[n] = maxTime[c];
			outValue[n] = maxValue[c];
			outTime[n + 1] = minTime[c];
			outValue[n + 1] = minValue[c];
			n += 2;
		}
	}
	return { time: outTime, value: outValue };
}

/** Per-pixel-column results of a scan: min and max with their times, and line breaks. */
interface ColumnScratch {
	minValue: Float64Array;
	maxValue: Float64Array;
	minTime: Float64Array;
	maxTime: Float64Array;
	occupied: Uint8Array;
	breakBefore: Uint8Array;
}

/** The part of the ring a scan reads: `count` records from physical index `first`, in order. */
interface ScanWindow {
	column: NumericColumn;
	first: number;
	count: number;
	from: number;
	to: number;
	columnsPerMs: number;
	columns: number;
	gapThreshold: number;
	/** Whether a record whose value is NaN breaks the line. */
	breakAtGaps: boolean;
	/** Category column of a split series' line, or null to keep every record. */
	categories: NumericColumn | null;
	/** Category index kept when `categories` is set. */
	category: number;
}

/**
 * Scans a window of a sorted ring, in at most two runs of physical indexes because the window
 * may wrap at the end of the arrays.
 *
 * With `blocks`, a block of records that lies whole in the window and whose finite values all
 * fall in one pixel column counts as one step. Its min, its max and the times of its first and
 * last finite values give what a scan of its records would give, ties included. Other blocks,
 * those that straddle a pixel column's edge or the window's, are scanned record by record.
 */
function scanSorted(
	ring: ColumnRing,
	window: ScanWindow,
	scratch: ColumnScratch,
	blocks: BlockExtremes | null
): void {
	const scan = new SortedScan(ring.time, window, scratch);
	const capacity = ring.capacity;
	const first = window.first;
	const firstRun = Math.min(window.count, capacity - first);
	const runs = [
		[first, first + firstRun],
		[0, window.count - firstRun]
	];
	for (const [start, end] of runs) {
		if (start >= end) continue;
		if (blocks === null) {
			scan.records(start, end);
			continue;
		}
		// Records up to the first block boundary, whole blocks, then the records after the last.
		const p = Math.min(end, (start + BLOCK_MASK) & ~BLOCK_MASK);
		scan.records(start, p);
		// A run ends at `capacity` or inside a block, so the last whole block ends at either.
		const wholeEnd = end === capacity ? end : end & ~BLOCK_MASK;
		if (wholeEnd > p) scan.blocks(blocks, p, wholeEnd);
		scan.records(Math.max(p, wholeEnd), end);
	}
	scan.finish();
}

/**
 * State of a scan through a sorted window, in time order. Records of one pixel column are
 * consecutive, so the column's min and max are kept here and written out once, when the scan
 * moves on. So the loop over a million records writes no array.
 */
class SortedScan {
	readonly #time: Float64Array;
	readonly #window: ScanWindow;
	readonly #scratch: ColumnScratch;
	#current = -1;
	#low = 0;
	#high = 0;
	#lowTime = 0;
	#highTime = 0;
	#previousTime = NaN;
	/** A record without a number came after the last finite value, with `breakAtGaps`. */
	#gap = false;

	constructor(time: Float64Array, window: ScanWindow, scratch: ColumnScratch) {
		this.#time = time;
		this.#window = window;
		this.#scratch = scratch;
	}

	/** Scans physical records [start, end) one by one. */
	records(start: number, end: number): void {
		const { column, from, columnsPerMs, columns, gapThreshold, breakAtGaps, categories, category } =
			this.#window;
		const time = this.#time;
		const breakBefore = this.#scratch.breakBefore;
		// Locals instead of fields in the loop, which runs for every record.
		let current = this.#current;
		let low = this.#low;
		let high = this.#high;
		let lowTime = this.#lowTime;
		let highTime = this.#highTime;
		let previousTime = this.#previousTime;
		let gap = this.#gap;

		for (let p = start; p < end; p++) {
			const v = column[p];
			// v - v is NaN exactly when v is NaN or ±Infinity. An infinity is only left out.
			if (v - v !== 0) {
				if (breakAtGaps && v !== v && (categories === null || categories[p] === category)) {
					gap = true;
				}
				continue;
			}
			if (categories !== null && categories[p] !== category) continue;

			const t = time[p];
			const c = pixelColumn(t, from, columnsPerMs, columns);
			if (c !== current) {
				if (current >= 0) {
					writeColumn(this.#scratch, current, low, lowTime, high, highTime);
					if (c > current + 1 && (gap || t - previousTime > gapThreshold)) breakBefore[c] = 1;
				}
				current = c;
				low = high = v;
				lowTime = highTime = t;
			} else if (v < low) {
				low = v;
				lowTime = t;
			} else if (v > high) {
				high = v;
				highTime = t;
			}
			previousTime = t;
			gap = false;
		}

		this.#current = current;
		this.#low = low;
		this.#high = high;
		this.#lowTime = lowTime;
		this.#highTime = highTime;
		this.#previousTime = previousTime;
		this.#gap = gap;
	}

	/**
	 * Scans the whole blocks of physical records [start, end), both on block boundaries. A block
	 * whose finite values fall in one pixel column, or that has none, is taken from its summary.
	 * A block that straddles a pixel column's edge is scanned record by record, and so is one that
	 * holds a NaN when NaN breaks the line. The loop keeps
	 * its state in locals and reads the summary's copies in sequence, because it runs for every
	 * block of a million-record window.
	 */
	blocks(extremes: BlockExtremes, start: number, end: number): void {
		const firstBlock = start >> BLOCK_SHIFT;
		const endBlock = (end + BLOCK_MASK) >> BLOCK_SHIFT;
		extremes.refresh(firstBlock, endBlock);
		const firstIndex = extremes.firstIndexes;
		const {
			minValue,
			maxValue,
			minTime,
			maxTime,
			firstTime: firstTimes,
			lastTime: lastTimes
		} = extremes.copies;
		const { from, columnsPerMs, columns, gapThreshold, breakAtGaps } = this.#window;
		const nanFlags = breakAtGaps ? extremes.nanFlags : null;
		const scratch = this.#scratch;
		let current = this.#current;
		let low = this.#low;
		let high = this.#high;
		let lowTime = this.#lowTime;
		let highTime = this.#highTime;
		let previousTime = this.#previousTime;
		let gap = this.#gap;

		for (let block = firstBlock; block < endBlock; block++) {
			const hasGap = nanFlags !== null && nanFlags[block] === 1;
			if (!hasGap && firstIndex[block] < 0) continue;

			const firstTime = firstTimes[block];
			const lastTime = lastTimes[block];
			const c = pixelColumn(firstTime, from, columnsPerMs, columns);
			if (hasGap || c !== pixelColumn(lastTime, from, columnsPerMs, columns)) {
				this.#current = current;
				this.#low = low;
				this.#high = high;
				this.#lowTime = lowTime;
				this.#highTime = highTime;
				this.#previousTime = previousTime;
				this.#gap = gap;
				const blockStart = block << BLOCK_SHIFT;
				this.records(blockStart, Math.min(blockStart + BLOCK_SIZE, end));
				current = this.#current;
				low = this.#low;
				high = this.#high;
				lowTime = this.#lowTime;
				highTime = this.#highTime;
				previousTime = this.#previousTime;
				gap = this.#gap;
				continue;
			}

			if (c !== current) {
				if (current >= 0) {
					writeColumn(scratch, current, low, lowTime, high, highTime);
					if (c > current + 1 && (gap || firstTime - previousTime > gapThreshold)) {
						scratch.breakBefore[c] = 1;
					}
				}
				current = c;
				low = minValue[block];
				lowTime = minTime[block];
				high = maxValue[block];
				highTime = maxTime[block];
			} else {
				// Strict comparisons keep the first record of equal extremes, as the scan does.
				if (minValue[block] < low) {
					low = minValue[block];
					lowTime = minTime[block];
				}
				if (maxValue[block] > high) {
					high = maxValue[block];
					highTime = maxTime[block];
				}
			}
			previousTime = lastTime;
			// A block taken whole holds no NaN, and its finite values end any earlier gap.
			gap = false;
		}

		this.#current = current;
		this.#low = low;
		this.#high = high;
		this.#lowTime = lowTime;
		this.#highTime = highTime;
		this.#previousTime = previousTime;
		this.#gap = gap;
	}

	/** Writes out the last pixel column. */
	finish(): void {
		if (this.#current < 0) return;
		writeColumn(this.#scratch, this.#current, this.#low, this.#lowTime, this.#high, this.#highTime);
	}
}

/**
 * Returns the pixel column of time `t` in the window that starts at `from`. It never decreases
 * as `t` grows, so a block whose first and last times share a column lies whole in it.
 */
function pixelColumn(t: number, from: number, columnsPerMs: number, columns: number): number {
	// Truncation is floor here because t ≥ from, and the column fits in 32 bits.
	const c = ((t - from) * columnsPerMs) | 0;
	return c >= columns ? columns - 1 : c;
}

function writeColumn(
	scratch: ColumnScratch,
	c: number,
	low: number,
	lowTime: number,
	high: number,
	highTime: number
): void {
	scratch.occupied[c] = 1;
	scratch.minValue[c] = low;
	scratch.minTime[c] = lowTime;
	scratch.maxValue[c] = high;
	scratch.maxTime[c] = highTime;
}

/**
 * Scans the whole of an unsorted ring, where records of one pixel column may be anywhere. No
 * breaks are marked, because record spacing means nothing when time goes back and forth.
 */
function scanUnsorted(ring: ColumnRing, window: ScanWindow, scratch: ColumnScratch): void {
	const { column, count, from, to, columnsPerMs, columns, categories, category } = window;
	const { minValue, maxValue, minTime, maxTime, occupied } = scratch;
	const time = ring.time;
	const capacity = ring.capacity;

	let p = window.first;
	for (let i = 0; i < count; i++, p = p + 1 === capacity ? 0 : p + 1) {
		const t = time[p];
		const v = column[p];
		if (!(t >= from && t <= to) || v - v !== 0) continue;
		if (categories !== null && categories[p] !== category) continue;

		const c = pixelColumn(t, from, columnsPerMs, columns);
		if (occupied[c] === 0) {
			occupied[c] = 1;
			minValue[c] = v;
			maxValue[c] = v;
			minTime[c] = t;
			maxTime[c] = t;
		} else if (v < minValue[c]) {
			minValue[c] = v;
			minTime[c] = t;
		} else if (v > maxValue[c]) {
			maxValue[c] = v;
			maxTime[c] = t;
		}
	}
}

/**
 * Estimates the median positive time step between consecutive records in logical [start, end)
 * of a sorted ring from at most SPACING_SAMPLES evenly strided steps. Zero steps are left out
 * because records stamped with their batch's arrival time share one time. Returns Infinity when
 * no positive step is found, which turns breaks off.
 *
 * With `filter`, the steps are those between consecutive records of its category, because the
 * records of one sensor among twenty are twenty times further apart than the stream's records.
 */
export function medianSpacing(
	ring: ColumnRing,
	start: number,
	end: number,
	filter?: CategoryFilter
): number {
	if (filter !== undefined) return filteredMedianSpacing(ring, start, end, filter);
	const steps = end - start - 1;
	if (steps < 1) return Infinity;

	const stride = Math.max(1, Math.floor(steps / SPACING_SAMPLES));
	const samples = new Float64Array(Math.min(steps, SPACING_SAMPLES + 1));
	let count = 0;
	for (let i = start; i + 1 < end && count < samples.length; i += stride) {
		const step = ring.timeAt(i + 1) - ring.timeAt(i);
		if (step > 0) samples[count++] = step;
	}
	return median(samples.subarray(0, count));
}

/**
 * Estimates the median spacing of {@link medianSpacing} over the records of one category. It
 * samples at most SPACING_SAMPLES positions evenly spread over the window and takes, at each,
 * the step from the category's next record to the one after it. A sample so costs about two
 * steps between the category's records, not a scan of the whole window.
 */
function filteredMedianSpacing(
	ring: ColumnRing,
	start: number,
	end: number,
	filter: CategoryFilter
): number {
	const { column, category } = filter;
	const stride = Math.max(1, Math.floor((end - start) / SPACING_SAMPLES));
	const samples = new Float64Array(SPACING_SAMPLES + 1);
	let count = 0;
	// The scan only moves forward: a sample starts where the previous one ended, if later.
	let next = start;
	for (let i = start; i < end && count < samples.length; i += stride) {
		next = Math.max(next, i);
		while (next < end && column[ring.physical(next)] !== category) next++;
		let after = next + 1;
		while (after < end && column[ring.physical(after)] !== category) after++;
		if (after >= end) break;

		const step = ring.timeAt(after) - ring.timeAt(next);
		if (step > 0) samples[count++] = step;
		next = after;
	}
	return median(samples.subarray(0, count));
}

/** Median of the samples, sorting them in place; Infinity when there are none. */
function median(samples: Float64Array): number {
	const count = samples.length;
	if (count === 0) return Infinity;

	const sortedSamples = samples.sort();
	const middle = count >> 1;
	return count % 2 === 1
		? sortedSamples[middle]
		: (sortedSamples[middle - 1] + sortedSamples[middle]) / 2;
}
