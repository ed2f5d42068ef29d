import type { RangeExport } from '../protocol';

/**
 * Writes exported records as CSV. The header holds `timestamp` and the series names. Each row
 * holds the time in ISO 8601 (UTC) and each value, with an empty cell for a gap.
 */
export function rangeToCsv(range: RangeExport): string {
	const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
	const lines = [['timestamp', ...range.series].map(quote).join(',')];
	for (let i = 0; i < range.time.length; i++) {
		const cells = [new Date(range.time[i]).toISOString()];
		for (const column of range.values) {
			const value = column[i];
			cells.push(Number.isNaN(value) ? '' : String(value));
		}
		lines.push(cells.join(','));
	}
	return lines.join('\n') + '\n';
}
