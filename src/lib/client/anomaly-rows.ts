import type { DecimatedSeries } from '../protocol';

/** One row of the anomaly list. */
export interface AnomalyRow {
	/** Identity of the anomaly shown, unique in the list, for a keyed `each` block. */
	key: string;
	time: number;
	value: number;
}

/**
 * Lists the newest `maxRows` anomalies of `anomalies` (in time order), newest first. Each row is
 * keyed by the anomaly it shows, so that when new anomalies arrive the rows that stay keep their
 * key and a keyed list only inserts the new rows. Equal anomalies (same time and value) are
 * numbered from the newest, because keys must be unique.
 */
export function anomalyRows(anomalies: DecimatedSeries, maxRows: number): AnomalyRow[] {
	const rows: AnomalyRow[] = [];
	const seen = new Map<string, number>();
	for (let i = anomalies.time.length - 1; i >= 0 && rows.length < maxRows; i--) {
		const time = anomalies.time[i];
		const value = anomalies.value[i];
		const anomaly = `${time}/${value}`;
		const repeat = seen.get(anomaly) ?? 0;
		seen.set(anomaly, repeat + 1);
		rows.push({ key: `${anomaly}/${repeat}`, time, value });
	}
	return rows;
}
