import type { DecimatedSeries } from '../protocol';
import { BLOCK_SHIFT, BLOCK_SIZE } from './block-extremes';
import type { CategoryFilter } from './category-filter';
import type { ColumnRing, NumericColumn } from './ring-buffer';

/** Mask of a physical index's position inside its block. */
const BLOCK_MASK = BLOCK_SIZE - 1;

/**
 * Collects the records inside [from, to] whose `flags` entry is non-zero, as time and value
 * points in logical order. When more than `limit` match, the newest `limit` are kept.
 *
 * Uses binary search when the ring is sorted, otherwise scans the whole buffer. A Uint8Array
 * flag column (the ring's anomaly flags) is read through its block summary. A block whose
 * largest flag is 0 is passed over whole, so a window of a million records with few anomalies
 * costs about one step per block of records.
 *
 * @param flags - A physical column of `ring`, non-zero for a selected record.
 * @param values - A physical column of `ring` whose values become the points' values.
 * @param filter - Keeps only the records of one category, for a line of a split series.
 * @param scores - A physical column of `ring` read for each point into `score`, such as the
 *   detector's score that flagged it.
 * @returns Fresh arrays, safe to transfer.
 */
export function selectFlagged(
	ring: ColumnRing,
	flags: NumericColumn,
	values: NumericColumn,
	from: number,
	to: number,
	limit: number,
	filter?: CategoryFilter,
	scores?: NumericColumn
): DecimatedSeries & { score?: Float64Array } {
	const sorted = ring.sorted;
	const start = sorted ? ring.lowerBound(from) : 0;
	const end = sorted ? ring.upperBound(to) : ring.length;
	if (start >= end || !(limit >= 1)) {
		return { time: new Float64Array(0), value: new Float64Array(0) };
	}

	const time = ring.time;
	const capacity = ring.capacity;
	const categories = filter?.column ?? null;
	const category = filter?.category ?? 0;
	// Uint8 flags are all finite, so a block summary's max of 0 means every flag in it is 0.
	const blocks = flags instanceof Uint8Array ? ring.blockExtremes(flags) : null;

	// Walk back from the newest, stepping physical indexes here, because a call to
	// ring.physical() per record made this scan the slowest part of a view. The physical index
	// of each selected record is kept, newest first.
	const picked = new Int32Array(Math.min(limit, end - start));
	let size = 0;
	let p = ring.physical(end - 1);
	for (let i = end - 1; i >= start && size < picked.length;) {
		if (blocks !== null && ((p & BLOCK_MASK) === BLOCK_MASK || p === capacity - 1)) {
			const blockStart = p & ~BLOCK_MASK;
			const blockSize = p - blockStart + 1;
			if (i - blockSize + 1 >= start) {
				const block = p >> BLOCK_SHIFT;
				blocks.first(block);
				if (flags[blocks.max(block)] === 0) {
					i -= blockSize;
					p = blockStart === 0 ? capacity - 1 : blockStart - 1;
					continue;
				}
			}
		}
		if (
			flags[p] !== 0 &&
			time[p] >= from &&
			time[p] <= to &&
			(categories === null || categories[p] === category)
		) {
			picked[size++] = p;
		}
		i--;
		p = p === 0 ? capacity - 1 : p - 1;
	}

	const outTime = new Float64Array(size);
	const outValue = new Float64Array(size);
	const outScore = scores === undefined ? undefined : new Float64Array(size);
	for (let n = 0; n < size; n++) {
		const q = picked[size - 1 - n];
		outTime[n] = time[q];
		outValue[n] = values[q];
		if (outScore !== undefined) outScore[n] = scores![q];
	}
	return outScore === undefined
		? { time: outTime, value: outValue }
		: { time: outTime, value: outValue, score: outScore };
}
