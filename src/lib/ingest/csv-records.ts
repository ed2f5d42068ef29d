import type { RecordError } from '../protocol';
import { splitCsvLine } from './csv-line';
import { LineSplitter } from './line-splitter';

/** Receives what a {@link CsvRecordReader} reads. */
export interface CsvSink {
	/** One row as an object keyed by the header, every value a string. */
	record(value: Record<string, string>, line: number): void;
	/** A row that could not be read, with its line. */
	error(error: RecordError): void;
}

/**
 * Reads CSV text with a header row, in chunks of any size, into one object per row keyed by
 * the header, with strings as values, so that the mapping reads CSV and JSON records alike.
 * Blank lines are skipped and counted; a row with an open quote or another field count than the
 * header is reported with its line.
 */
export class CsvRecordReader {
	readonly #sink: CsvSink;
	readonly #splitter = new LineSplitter();
	#header: string[] | null = null;
	#blankLines = 0;

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
	}

	#line = (line: string, lineNumber: number): void => {
		if (line.trim() === '') {
			this.#blankLines++;
			return;
		}
		const cells = splitCsvLine(line);
		if (cells === null) {
			this.#sink.error({ line: lineNumber, message: 'invalid CSV: a quoted field is not closed' });
			return;
		}
		const header = this.#header;
		if (header === null) {
			this.#header = cells.map((cell) => cell.trim());
			return;
		}
		if (cells.length !== header.length) {
			this.#sink.error({
				line: lineNumber,
				message: `invalid CSV row: ${cells.length} fields, the header has ${header.length}`
			});
			return;
		}
		this.#sink.record(Object.fromEntries(header.map((key, i) => [key, cells[i]])), lineNumber);
	};
}

/** Tells whether a file is read as CSV: its name ends in `.csv`, in any case. */
export function isCsvName(name: string): boolean {
	return name.toLowerCase().endsWith('.csv');
}
