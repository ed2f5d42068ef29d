/** Field separators a CSV header is checked for, the standard comma first. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;

export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * Picks the separator of a CSV file from its header line: the one of CSV_DELIMITERS found most
 * often outside quotes, and the comma when none is found or on a tie. Spreadsheets in locales
 * that write decimal commas save CSV with semicolons.
 */
export function detectCsvDelimiter(header: string): CsvDelimiter {
	const counts = new Map<string, number>();
	let quoted = false;
	for (const c of header) {
		if (c === '"') quoted = !quoted;
		else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
	}
	let best: CsvDelimiter = ',';
	for (const delimiter of CSV_DELIMITERS) {
		if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
	}
	return best;
}

/**
 * Splits one CSV line (RFC 4180 without line breaks inside quotes) into fields. A quoted field
 * may contain the delimiter and doubled quotes (`""` for `"`). Returns null when a quote is left
 * open, so the caller can report the line.
 */
export function splitCsvLine(line: string, delimiter: CsvDelimiter = ','): string[] | null {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') {
				quoted = false;
			} else {
				field += c;
			}
		} else if (c === '"' && field === '') {
			quoted = true;
		} else if (c === delimiter) {
			fields.push(field);
			field = '';
		} else {
			field += c;
		}
	}
	if (quoted) return null;
	fields.push(field);
	return fields;
}
