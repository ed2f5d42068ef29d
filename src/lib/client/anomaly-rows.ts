import { timeFormat } from 'd3-time-format';
import type { DecimatedSeries, LiveDetector } from '../protocol';

/** One row of the anomaly list. */
export interface AnomalyRow {
	/** Identity of the anomaly shown, unique in the list, for a keyed `each` block. */
	key: string;
	time: number;
	/** Time of day to the millisecond, in the browser's zone. */
	clock: string;
	/**
	 * Date of `time` where it differs from the row above's, or for the top row from today's. It is
	 * empty otherwise, so that a narrow list has room for the time of day.
	 */
	date: string;
	value: number;
	/** The detector's reason for the flag, such as "z = +4.2"; empty when the score is unknown. */
	reason: string;
	/** Name of the line it belongs to, when the list shows several lines. */
	line?: string;
}

/**
 * Formats a score to `decimals` places, or to two significant digits when those places would
 * round a score that is not zero to 0, so that a flagged record never reads 0.0 or −0.0.
 */
function formatScore(magnitude: number, decimals: number): string {
	if (magnitude === 0) return '0';
	const fixed = magnitude.toFixed(decimals);
	return Number(fixed) === 0 ? magnitude.toPrecision(2) : fixed;
}

/**
 * Describes why `detector` flagged a record with `score`: the score in the detector's unit. The
 * z-score and IQR detectors score ±Infinity for a departure from constant values.
 */
export function anomalyReason(score: number, detector: LiveDetector): string {
	if (Number.isNaN(score)) return '';
	if (score === Infinity || score === -Infinity) {
		return `${score > 0 ? 'above' : 'below'} a constant`;
	}
	const signed = (decimals: number) =>
		`${score > 0 ? '+' : score < 0 ? '−' : ''}${formatScore(Math.abs(score), decimals)}`;
	switch (detector) {
		case 'zscore':
			return `z = ${signed(1)}`;
		case 'iqr':
			return score === 0 ? 'at the fence' : `${signed(1)} IQR past the fence`;
		default:
			return `score ${score < 0 ? '−' : ''}${formatScore(Math.abs(score), 2)}`;
	}
}

const formatClock = timeFormat('%H:%M:%S.%L');
const formatDate = timeFormat('%Y-%m-%d');

/** The anomalies of one drawn line, for the anomaly list. */
export interface AnomalyLine {
	name: string;
	/** Anomalies inside the window, in time order. */
	anomalies: DecimatedSeries;
	/** The detector's score of each of `anomalies`. */
	scores: Float64Array;
}

/**
 * Lists the newest `maxRows` anomalies of all `lines`, newest first, each with the reason from
 * its score, and with its line's name when there are several lines. Each row is keyed by the
 * anomaly it shows, so that when new anomalies arrive the rows that stay keep their key and a
 * keyed list only inserts the new rows. Equal anomalies (same line, time and value) are numbered
 * from the newest, because keys must be unique. A row gives its date only where it differs from
 * the row above's, or for the top row from the date of `now`.
 */
export function anomalyRows(
	lines: readonly AnomalyLine[],
	maxRows: number,
	detector: LiveDetector = 'zscore',
	now = Date.now()
): AnomalyRow[] {
	const rows: AnomalyRow[] = [];
	const seen = new Map<string, number>();
	let dateAbove = formatDate(new Date(now));
	// Each line's anomalies are in time order, so the newest of all is the latest of the lines'
	// last unread ones. On a tie the line listed first comes first.
	const next = lines.map((line) => line.anomalies.time.length - 1);
	while (rows.length < maxRows) {
		let pick = -1;
		for (let k = 0; k < lines.length; k++) {
			if (next[k] < 0) continue;
			if (
				pick === -1 ||
				lines[k].anomalies.time[next[k]] > lines[pick].anomalies.time[next[pick]]
			) {
				pick = k;
			}
		}
		if (pick === -1) break;
		const i = next[pick]--;
		const { name, anomalies, scores } = lines[pick];
		const time = anomalies.time[i];
		const value = anomalies.value[i];
		const anomaly = `${name}/${time}/${value}`;
		const repeat = seen.get(anomaly) ?? 0;
		seen.set(anomaly, repeat + 1);
		const score = i < scores.length ? scores[i] : NaN;
		const date = Number.isFinite(time) ? formatDate(new Date(time)) : '';
		rows.push({
			key: `${anomaly}/${repeat}`,
			time,
			clock: Number.isFinite(time) ? formatClock(new Date(time)) : '–',
			date: date === dateAbove ? '' : date,
			value,
			reason: anomalyReason(score, detector),
			line: lines.length > 1 ? name : undefined
		});
		dateAbove = date;
	}
	return rows;
}
