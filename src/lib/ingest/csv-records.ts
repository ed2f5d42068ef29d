import type { RecordError } from '../protocol';
import { detectCsvDelimiter, readDecimalComma, splitCsvLine, type CsvDelimiter } from './csv-line';
import { LineSplitter } from './line-splitter';

/** Receives what a {@link CsvRecordReader} reads. */
export interface CsvSink {
	/** One row as an object keyed by the header, every value a string. */
	record(value: Record<string, string>, line: number): void;
	/** A row that could not be read, with its line. */
	error(error: RecordError): void;
	/** Something repaired, such as a column without a name, after which the rows are still read. */
	warning(warning: RecordError): void;
}

/**
 * Reads CSV text with a header row, in chunks of any size, into one object per row keyed by
 * the header, with strings as values, so that the mapping reads CSV and JSON records alike.
 * Fields are separated by commas, or by semicolons or tabs when the header has more of those.
 * In a semicolon or tab file, a number with a decimal comma is rewritten with a decimal point
 * (see `readDecimalComma`), with one warning for the file. Blank lines are skipped and counted.
 * A row with an open quote or another field count than the header is reported with its line. A header with an open quote leaves every row unread.
 */
export class CsvRecordReader {
	readonly #sink: CsvSink;
	readonly #splitter = new LineSplitter();
	#header: string[] | null = null;
	/** Field separator, read from the header line. */
	#delimiter: CsvDelimiter = ',';
	/** Line of a header row that could not be read; later rows are rejected. */
	#brokenHeader = 0;
	#blankLines = 0;
	/** Warnings given once per file: a field left as text, and grouped integers for each reason. */
	#warned = { ambiguous: false, thousands: false, thousandsAfterComma: false };
	/** Line of the first decimal comma read, 0 before one. */
	#commaLine = 0;
	/** First field such as `1.234` read with a decimal point before any decimal comma. */
	#pointBeforeComma: { line: number; written: string } | null = null;

	constructor(sink: CsvSink) {
		this.#sink = sink;
	}

	/** Blank lines skipped so far. */
	get blankLines(): number {
		return this.#blankLines;
	}

	/** Feeds decoded text. */
	push(text: string): void {
		this.#splitter.push(text, this.#line);
	}

	/** Ends the input: reads a last row that has no line end. */
	end(): void {
		this.#splitter.flush(this.#line);
		// With no decimal comma in the whole file, 1.500 stays 1.5, so a warning names it in case it
		// meant 1500.
		const point = this.#pointBeforeComma;
		if (point !== null && this.#commaLine === 0) {
			this.#sink.warning({
				line: point.line,
				message:
					`read ${point.written} as a decimal number, and every number like it: the file ` +
					`shows no decimal comma. If its point separates thousands it is ` +
					`${point.written.replace('.', '')}; write such numbers without the point`
			});
		}
	}

	#line = (line: string, lineNumber: number): void => {
		if (line.trim() === '') {
			this.#blankLines++;
			return;
		}
		if (this.#brokenHeader > 0) {
			this.#sink.error({
				line: lineNumber,
				message: `row not read: the CSV header on line ${this.#brokenHeader} could not be read`
			});
			return;
		}
		const header = this.#header;
		if (header === null) this.#delimiter = this.#readDelimiter(line, lineNumber);
		const cells = splitCsvLine(line, this.#delimiter);
		if (cells === null) {
			const problem = header === null ? 'invalid CSV header' : 'invalid CSV';
			this.#sink.error({ line: lineNumber, message: `${problem}: a quoted field is not closed` });
			if (header === null) this.#brokenHeader = lineNumber;
			return;
		}
		if (header === null) {
			this.#header = this.#names(cells, lineNumber);
			return;
		}
		if (cells.length !== header.length) {
			this.#sink.error({
				line: lineNumber,
				message:
					`invalid CSV row: ${cells.length} field${cells.length === 1 ? '' : 's'}, ` +
					`the header has ${header.length}`
			});
			return;
		}
		if (this.#delimiter !== ',') this.#readDecimalCommas(cells, lineNumber);
		this.#sink.record(Object.fromEntries(header.map((key, i) => [key, cells[i]])), lineNumber);
	};

	/**
	 * Rewrites the cells that contain a number with a decimal comma with a decimal point, and drops
	 * the points of integers grouped in thousands, in place. The first cell of each kind in the file
	 * gets a warning, and so does the first one that could also be read with a thousands comma and
	 * is left as text.
	 */
	#readDecimalCommas(cells: string[], lineNumber: number): void {
		for (let i = 0; i < cells.length; i++) {
			const field = readDecimalComma(cells[i], this.#delimiter, this.#commaLine > 0);
			switch (field.kind) {
				case 'number':
					if (this.#commaLine === 0) this.#firstDecimalComma(field, lineNumber);
					cells[i] = field.text;
					break;
				case 'thousands':
					this.#thousands(field, lineNumber);
					cells[i] = field.text;
					break;
				case 'point-or-thousands':
					this.#pointBeforeComma ??= { line: lineNumber, written: field.written };
					break;
				case 'ambiguous':
					if (!this.#warned.ambiguous) this.#firstAmbiguous(field.written, lineNumber);
					break;
			}
		}
	}

	#firstDecimalComma(field: { text: string; written: string }, lineNumber: number): void {
		this.#commaLine = lineNumber;
		this.#sink.warning({
			line: lineNumber,
			message:
				`read ${field.written} as ${field.text}, and every number with one decimal comma ` +
				`alike, because the CSV fields are separated by ${delimiterName(this.#delimiter)}`
		});
		const before = this.#pointBeforeComma;
		if (before === null) return;
		this.#sink.warning({
			line: before.line,
			message:
				`read ${before.written} as a decimal number before line ${lineNumber} showed a decimal ` +
				`comma. If its point separates thousands it is ${before.written.replace('.', '')}: ` +
				'such numbers are read so from that line on'
		});
	}

	/** Warns at the first integer whose thousands points were dropped, once for each reason. */
	#thousands(field: { text: string; written: string }, lineNumber: number): void {
		const afterComma = this.#commaLine > 0;
		if (afterComma ? this.#warned.thousandsAfterComma : this.#warned.thousands) return;
		if (afterComma) this.#warned.thousandsAfterComma = true;
		else this.#warned.thousands = true;
		const alike = afterComma
			? 'every integer with points between groups of three digits alike, because the file ' +
				`writes decimal commas, as on line ${this.#commaLine}`
			: 'every integer with two or more such points alike, because a number has at most ' +
				'one decimal point';
		this.#sink.warning({
			line: lineNumber,
			message: `read ${field.written} as ${field.text}, and ${alike}`
		});
	}

	#firstAmbiguous(written: string, lineNumber: number): void {
		this.#warned.ambiguous = true;
		const [whole, fraction] = written.split(',');
		this.#sink.warning({
			line: lineNumber,
			message:
				`left ${written} as text, and every number like it until the file shows a decimal ` +
				`comma: in a file separated by tabs it may be ${whole}${fraction} with a thousands ` +
				`comma or ${whole}.${fraction} ` +
				'with a decimal comma. Write such numbers with a decimal point, or separate the ' +
				'fields with semicolons when the comma is a decimal comma'
		});
	}

	/** Reads the separator from the header line, with a warning when it is not a comma. */
	#readDelimiter(line: string, lineNumber: number): CsvDelimiter {
		const delimiter = detectCsvDelimiter(line);
		if (delimiter !== ',') {
			this.#sink.warning({
				line: lineNumber,
				message: `CSV fields are separated by ${delimiterName(delimiter)}, as the header shows`
			});
		}
		return delimiter;
	}

	/**
	 * Names the columns after the header's cells. A column without a name becomes `columnN`, and a
	 * repeated name gets `_2`, `_3` and so on, each with a warning, so that no column is lost.
	 */
	#names(cells: string[], lineNumber: number): string[] {
		const usedNames = new Set<string>();
		return cells.map((cell, i) => {
			const written = cell.trim();
			const base = written === '' ? `column${i + 1}` : written;
			let name = base;
			for (let copy = 2; usedNames.has(name); copy++) name = `${base}_${copy}`;
			usedNames.add(name);
			if (name !== written) {
				const reason = written === '' ? 'has no name' : `repeats the name "${written}"`;
				this.#sink.warning({
					line: lineNumber,
					message: `CSV column ${i + 1} ${reason}, so it is read as "${name}"`
				});
			}
			return name;
		});
	}
}

/** Names a separator in the plural, as messages use it: commas, semicolons or tabs. */
function delimiterName(delimiter: CsvDelimiter): string {
	if (delimiter === ';') return 'semicolons';
	return delimiter === '\t' ? 'tabs' : 'commas';
}

/** Tells whether a file is read as CSV: its name ends in `.csv`, in any case. */
export function isCsvName(name: string): boolean {
	return name.toLowerCase().endsWith('.csv');
}
