import type { DecimatedSeries, LiveDetector } from '../protocol';

/** One row of the anomaly list. */
export interface AnomalyRow {
	/** Identity of the anomaly shown, unique in the list, for a keyed `each` block. */
	key: string;
	time: number;
	value: number;
	/** The detector's reason for the flag, such as "z = +4.2"; empty when the score is unknown. */
	reason: string;
}

/**
 * Describes why `detector` flagged a record with `score`: the score in the detector's unit. The
 * z-score and IQR detectors score ±Infinity for a departure from constant values.
 */
export function anomalyReason(score: number, detector: LiveDetector): string {
	if (Number.isNaN(score)) return '';
	if (score === Infinity || score === -Infinity) {
		return `${score > 0 ? 'above' : 'below'} constant values`;
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

/**
 * Lists the newest `maxRows` anomalies of `anomalies` (in time order), newest first, each with
 * the reason from its entry of `scores`. Each row is keyed by the anomaly it shows, so that when
 * new anomalies arrive the rows that stay keep their key and a keyed list only inserts the new
 * rows. Equal anomalies (same time and value) are numbered from the newest, because keys must be
 * unique.
 */
export function anomalyRows(
	anomalies: DecimatedSeries,
	maxRows: number,
	scores: Float64Array = new Float64Array(0),
	detector: LiveDetector = 'zscore'
): AnomalyRow[] {
	const rows: AnomalyRow[] = [];
	const seen = new Map<string, number>();
	for (let i = anomalies.time.length - 1; i >= 0 && rows.length < maxRows; i--) {
		const time = anomalies.time[i];
		const value = anomalies.value[i];
		const anomaly = `${time}/${value}`;
		const repeat = seen.get(anomaly) ?? 0;
		seen.set(anomaly, repeat + 1);
		const score = i < scores.length ? scores[i] : NaN;
		rows.push({ key: `${anomaly}/${repeat}`, time, value, reason: anomalyReason(score, detector) });
	}
	return rows;
}
