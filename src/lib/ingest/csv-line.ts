/**
 * Splits one CSV line (RFC 4180 without line breaks inside quotes) into fields. A quoted field
 * may contain commas and doubled quotes (`""` for `"`). Returns null when a quote is left open,
 * so the caller can report the line.
 */
export function splitCsvLine(line: string): string[] | null {
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
		} else if (c === ',') {
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
