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

/** A number with one decimal comma and an optional minus sign, such as `-12,5`. */
const DECIMAL_COMMA = /^-?\d+,\d+$/;
/** A number with points between groups of three digits and a decimal comma, such as `1.234,5`. */
const GROUPED_DECIMAL_COMMA = /^-?\d{1,3}(?:\.\d{3})+,\d+$/;
/** A number that could have a decimal comma or a thousands comma, such as `1,234`. */
const THOUSANDS_COMMA = /^-?[1-9]\d{0,2},\d{3}$/;
/** An integer with points between groups of three digits, such as `1.234` or `12.345.678`. */
const GROUPED_INTEGER = /^-?[1-9]\d{0,2}(?:\.\d{3})+$/;

/**
 * Result of {@link readDecimalComma} for one field: a number rewritten with a decimal point
 * (`text`, and `written` as the file has it), an integer without its thousands points, a field
 * left as text, a field read as a decimal that may be a grouped integer, or any other field.
 */
export type DecimalCommaField =
	| { kind: 'number'; text: string; written: string }
	| { kind: 'thousands'; text: string; written: string }
	| { kind: 'ambiguous'; written: string }
	| { kind: 'point-or-thousands'; written: string }
	| { kind: 'other' };

/**
 * Reads a field that is a number with a decimal comma, such as `12,5`, and returns it with a
 * decimal point (`12.5`), without the spaces around it. Only a file separated by semicolons or
 * tabs can contain such a field unquoted, and a comma-separated file gets 'other' for every field.
 *
 * Spreadsheets write semicolons where the comma is the decimal separator, so in a semicolon file
 * `1,234` is 1.234. Tab-separated files come from every locale, so there a field that could be an
 * integer with a thousands comma (1 to 3 digits, a comma, 3 digits) is 'ambiguous' and stays text,
 * until the file has shown a decimal comma (`commaSeen`).
 *
 * Points between groups of three digits before a decimal comma (`1.234,5`) can only be thousands
 * separators, so they are dropped, and so are two or more of them in an integer (`12.345.678`).
 * `1.234` is 1234 once the file has shown a decimal comma, and before that it is read as 1.234
 * ('point-or-thousands'), because readings with three decimals are common.
 */
export function readDecimalComma(
	field: string,
	delimiter: CsvDelimiter,
	commaSeen = false
): DecimalCommaField {
	if (delimiter === ',') return { kind: 'other' };
	const written = field.trim();
	if (GROUPED_DECIMAL_COMMA.test(written)) {
		return { kind: 'number', text: written.replaceAll('.', '').replace(',', '.'), written };
	}
	if (GROUPED_INTEGER.test(written)) {
		const groups = written.split('.').length - 1;
		if (groups === 1 && !commaSeen) return { kind: 'point-or-thousands', written };
		return { kind: 'thousands', text: written.replaceAll('.', ''), written };
	}
	if (!DECIMAL_COMMA.test(written)) return { kind: 'other' };
	if (delimiter === '\t' && !commaSeen && THOUSANDS_COMMA.test(written)) {
		return { kind: 'ambiguous', written };
	}
	return { kind: 'number', text: written.replace(',', '.'), written };
}
