import type { RecordError } from '../protocol';

/** A series' columns in time order, with the count of records that came late. */
export interface TimeOrderedSeries {
	time: Float64Array;
	values: Float64Array;
	/** The further `columns` given, in the same order as `values`. */
	columns: Float64Array[];
	/** Count of records older than a record before them in the input. */
	late: number;
}

/**
 * Sorts a series by time, with any further `columns` of the same records, keeping the input
 * order of records with equal times. Returns the input columns themselves when they are in
 * order already. A file or a recorded session keeps records in arrival order, and the trend,
 * the rolling figures and the line charts need them in time order, or a late record draws a
 * line back in time.
 */
export function sortByTime(
	time: Float64Array,
	values: Float64Array,
	columns: Float64Array[] = []
): TimeOrderedSeries {
	let late = 0;
	let newest = -Infinity;
	for (const t of time) {
		if (t < newest) late++;
		else newest = t;
	}
	if (late === 0) return { time, values, columns, late };

	const order = Uint32Array.from({ length: time.length }, (_, i) => i);
	order.sort((a, b) => time[a] - time[b] || a - b);
	return {
		time: Float64Array.from(order, (i) => time[i]),
		values: Float64Array.from(order, (i) => values[i]),
		columns: columns.map((column) => Float64Array.from(order, (i) => column[i])),
		late
	};
}

/** Builds the warning that `late` records were sorted into time order. */
export function lateRecordsWarning(late: number): RecordError {
	const records = late === 1 ? '1 late record' : `${late} late records`;
	return {
		line: 0,
		message: `sorted ${records} into time order, because each was older than a record before it`,
		severity: 'warning'
	};
}
