/** Maximum rows of the analysis page's table of one detector's anomalies. */
export const MAX_TABLE_ANOMALIES = 100;

/**
 * Writes the heading of a detector's table of anomalies: how many rows it shows and, when that
 * is fewer than the records flagged, of how many, with the noun in the singular for one.
 *
 * @param listed - Anomalies the table has rows for, before the cut to `MAX_TABLE_ANOMALIES`.
 * @param flagged - Records the detector flagged in all.
 */
export function anomalySummary(detector: string, listed: number, flagged: number): string {
	const rows = Math.min(listed, MAX_TABLE_ANOMALIES);
	const total = Math.max(flagged, rows);
	if (rows === 0) return `${detector}: no anomalies`;
	if (total === 1) return `${detector}: 1 anomaly`;

	const count = (n: number) => n.toLocaleString('en-US');
	if (rows === total) return `${detector}: ${count(total)} anomalies`;
	return `${detector}: first ${count(rows)} of ${count(total)} anomalies`;
}
