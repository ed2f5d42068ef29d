import type { SeriesDigest } from '../protocol';
import type { CategoryFilter } from '../store/category-filter';
import type { ColumnRing } from '../store/ring-buffer';
import { derivedColumnNames } from './series-analysis';

/** Largest anomaly window a digest counts over, in records, so that a query stays cheap. */
export const MAX_DIGEST_WINDOW = 100_000;

/**
 * Summarises one series over the newest `fresh` buffered records (min and max with their record
 * times, newest value) and counts the anomaly flags among the newest records of each window.
 *
 * @param fresh - Records that arrived since the previous digest; capped at the buffer length,
 *   because older ones have already been dropped from the buffer.
 * @param filter - Keeps only the records of one category, for a line of a split series. Its
 *   windows then count the line's own newest records, so its anomaly rate is its own.
 */
export function digestSeries(
	ring: ColumnRing,
	series: number,
	name: string,
	fresh: number,
	windows: readonly number[],
	filter?: CategoryFilter
): SeriesDigest {
	const length = ring.length;
	const newCount = Math.min(Math.max(fresh, 0), length);
	let newValues = 0;
	let newMin = NaN;
	let newMax = NaN;
	let newMinTime = NaN;
	let newMaxTime = NaN;
	let last = NaN;
	const member = (i: number) =>
		filter === undefined || filter.column[ring.physical(i)] === filter.category;
	for (let i = length - newCount; i < length; i++) {
		const value = ring.valueAt(series, i);
		if (!Number.isFinite(value) || !member(i)) continue;
		newValues++;
		last = value;
		// Strict comparisons keep the first record of a repeated minimum or maximum.
		if (!(value >= newMin)) {
			newMin = value;
			newMinTime = ring.timeAt(i);
		}
		if (!(value <= newMax)) {
			newMax = value;
			newMaxTime = ring.timeAt(i);
		}
	}

	const flags = ring.column(derivedColumnNames(series).anomaly);
	const anomalies = windows.map((window) => {
		const wanted = Math.min(Math.max(Math.floor(window), 0), MAX_DIGEST_WINDOW, length);
		let records = 0;
		let flagged = 0;
		let newestTime = NaN;
		for (let i = length - 1; i >= 0 && records < wanted; i--) {
			if (!member(i)) continue;
			if (records === 0) newestTime = ring.timeAt(i);
			records++;
			if (flags[ring.physical(i)] !== 0) flagged++;
		}
		return { window, records, flagged, newestTime };
	});

	return { name, newValues, newMin, newMax, newMinTime, newMaxTime, last, anomalies };
}
