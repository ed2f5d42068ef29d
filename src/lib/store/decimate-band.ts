import type { BandSeries } from '../protocol';
import type { CategoryFilter } from './category-filter';
import { GAP_FACTOR, medianSpacing } from './decimate';
import type { ColumnRing, NumericColumn } from './ring-buffer';

/** Cap on pixel columns, the same as for `decimate`. */
const MAX_COLUMNS = 2 ** 24;

/** The columns a band is computed from, all physical columns of one ring. */
export interface BandColumns {
	/** The series' values. */
	value: NumericColumn;
	/** Each value minus the rolling mean it was compared with. */
	deviation: NumericColumn;
	/** Rolling standard deviation at each value. */
	std: NumericColumn;
}

/** Returns a band with no points, in fresh arrays. */
export function emptyBand(): BandSeries {
	return { time: new Float64Array(0), lower: new Float64Array(0), upper: new Float64Array(0) };
}

/**
 * Reduces the rolling band mean ± k·std over [from, to] to at most two points per pixel column.
 *
 * The mean of record i is `value[i] − deviation[i]`. Each occupied pixel column gives the lowest
 * lower bound and the highest upper bound of its records, so the drawn band covers every
 * record's band. These bounds come out at the time of the column's first and of its last record,
 * or once when the two times are equal.
 * Records with a non-finite bound are skipped. A NaN point breaks the band where `decimate`
 * breaks the line: across an empty pixel column and a time gap of more than GAP_FACTOR times the
 * median record spacing. An unsorted ring is scanned whole and gets no breaks.
 *
 * @param k - Half-width of the band in standard deviations, a positive finite number.
 * @param filter - Keeps only the records of one category, for a line of a split series.
 * @returns Fresh arrays, safe to transfer.
 */
export function decimateBand(
	ring: ColumnRing,
	columns: BandColumns,
	k: number,
	from: number,
	to: number,
	width: number,
	filter?: CategoryFilter
): BandSeries {
	if (ring.length === 0 || !(to >= from) || !(k > 0 && Number.isFinite(k))) return emptyBand();

	const pixelColumns = Number.isFinite(width)
		? Math.min(MAX_COLUMNS, Math.max(1, Math.floor(width)))
		: 1;
	const sorted = ring.sorted;
	const start = sorted ? ring.lowerBound(from) : 0;
	const end = sorted ? ring.upperBound(to) : ring.length;
	if (start >= end) return emptyBand();

	const gapThreshold = sorted ? GAP_FACTOR * medianSpacing(ring, start, end, filter) : Infinity;
	const columnsPerMs = to > from ? pixelColumns / (to - from) : 0;
	const lower = new Float64Array(pixelColumns).fill(Infinity);
	const upper = new Float64Array(pixelColumns).fill(-Infinity);
	const firstTime = new Float64Array(pixelColumns).fill(Infinity);
	const lastTime = new Float64Array(pixelColumns).fill(-Infinity);
	const breakBefore = new Uint8Array(pixelColumns);

	const { value, deviation, std } = columns;
	const time = ring.time;
	let previousColumn = -1;
	let previousTime = NaN;
	for (let i = start; i < end; i++) {
		const p = ring.physical(i);
		const t = time[p];
		if (!(t >= from && t <= to)) continue;
		if (filter !== undefined && filter.column[p] !== filter.category) continue;

		const mean = value[p] - deviation[p];
		const half = k * std[p];
		const low = mean - half;
		const high = mean + half;
		// Both differences are NaN exactly when a bound is NaN or ±Infinity.
		if (low - low !== 0 || high - high !== 0) continue;

		let c = ((t - from) * columnsPerMs) | 0;
		if (c >= pixelColumns) c = pixelColumns - 1;
		if (sorted && previousColumn >= 0 && c > previousColumn + 1) {
			if (t - previousTime > gapThreshold) breakBefore[c] = 1;
		}
		if (low < lower[c]) lower[c] = low;
		if (high > upper[c]) upper[c] = high;
		if (t < firstTime[c]) firstTime[c] = t;
		if (t > lastTime[c]) lastTime[c] = t;
		previousColumn = c;
		previousTime = t;
	}

	let size = 0;
	for (let c = 0; c < pixelColumns; c++) {
		if (lower[c] === Infinity) continue;
		size += breakBefore[c] + (firstTime[c] === lastTime[c] ? 1 : 2);
	}

	const band: BandSeries = {
		time: new Float64Array(size),
		lower: new Float64Array(size),
		upper: new Float64Array(size)
	};
	let n = 0;
	const put = (t: number, low: number, high: number) => {
		band.time[n] = t;
		band.lower[n] = low;
		band.upper[n] = high;
		n++;
	};
	for (let c = 0; c < pixelColumns; c++) {
		if (lower[c] === Infinity) continue;
		if (breakBefore[c] === 1) put((band.time[n - 1] + firstTime[c]) / 2, NaN, NaN);
		put(firstTime[c], lower[c], upper[c]);
		if (lastTime[c] !== firstTime[c]) put(lastTime[c], lower[c], upper[c]);
	}
	return band;
}
