import type { DecimatedSeries, LiveDetector } from '../protocol';

/** One row of the anomaly list. */
export interface AnomalyRow {
	/** Identity of the anomaly shown, unique in the list, for a keyed `each` block. */
	key: string;
	time: number;
	value: number;
	/** The detector's reason for the flag, such as "z = +4.2"; empty when the score is unknown. */
	reason: string;
	/** Name of the line it belongs to, when the list shows several lines. */
	line?: string;
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
	const signed = (digits: number) =>
		`${score > 0 ? '+' : score < 0 ? '−' : ''}${Math.abs(score).toFixed(digits)}`;
	switch (detector) {
		case 'zscore':
			return `z = ${signed(1)}`;
		case 'iqr':
			return `${signed(1)} IQR past the fence`;
		default:
			return `score ${score.toFixed(2)}`;
	}
}

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
 * from the newest, because keys must be unique.
 */
export function anomalyRows(
	lines: readonly AnomalyLine[],
	maxRows: number,
	detector: LiveDetector = 'zscore'
): AnomalyRow[] {
	const rows: AnomalyRow[] = [];
	const seen = new Map<string, number>();
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
		rows.push({
			key: `${anomaly}/${repeat}`,
			time,
			value,
			reason: anomalyReason(score, detector),
			line: lines.length > 1 ? name : undefined
		});
	}
	return rows;
}
