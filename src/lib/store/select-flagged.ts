import type { DecimatedSeries } from '../protocol';
import type { CategoryFilter } from './category-filter';
import type { ColumnRing, NumericColumn } from './ring-buffer';

/**
 * Collects the records inside [from, to] whose `flags` entry is non-zero, as time and value
 * points in logical order. When more than `limit` match, the newest `limit` are kept.
 *
 * Uses binary search when the ring is sorted, otherwise scans the whole buffer.
 *
 * @param flags - A physical column of `ring`, non-zero for a selected record.
 * @param values - A physical column of `ring` whose values become the points' values.
 * @param filter - Keeps only the records of one category, for a line of a split series.
 * @returns Fresh arrays, safe to transfer.
 */
export function selectFlagged(
	ring: ColumnRing,
	flags: NumericColumn,
	values: NumericColumn,
	from: number,
	to: number,
	limit: number,
	filter?: CategoryFilter
): DecimatedSeries {
	const sorted = ring.sorted;
	const start = sorted ? ring.lowerBound(from) : 0;
	const end = sorted ? ring.upperBound(to) : ring.length;
	const time = ring.time;

	const capacity = ring.capacity;
	const categories = filter?.column ?? null;
	const category = filter?.category ?? 0;
	const selected = (p: number) =>
		flags[p] !== 0 &&
		time[p] >= from &&
		time[p] <= to &&
		(categories === null || categories[p] === category);
	if (start >= end) return { time: new Float64Array(0), value: new Float64Array(0) };

	// Both loops step physical indices themselves, wrapping at the end of the arrays, because a
	// call to ring.physical() per record made this scan the slowest part of a view.
	// Walk back from the newest to find how many points to return and where the oldest kept is.
	let size = 0;
	let first = end;
	let p = ring.physical(end - 1);
	for (let i = end - 1; i >= start && size < limit; i--) {
		if (selected(p)) {
			size++;
			first = i;
		}
		p = p === 0 ? capacity - 1 : p - 1;
	}

	const outTime = new Float64Array(size);
	const outValue = new Float64Array(size);
	let n = 0;
	p = ring.physical(first);
	for (let i = first; i < end && n < size; i++) {
		if (selected(p)) {
			outTime[n] = time[p];
			outValue[n] = values[p];
			n++;
		}
		p = p + 1 === capacity ? 0 : p + 1;
	}
	return { time: outTime, value: outValue };
}
