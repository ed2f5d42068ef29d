import { CsvRecordReader, isCsvName } from '../ingest/csv-records';
import { JsonByteReader } from '../ingest/json-byte-reader';
import { excerptOf } from '../ingest/json-line';
import { openBlob } from '../ingest/open-blob';
import { Utf8Decoder } from '../ingest/utf8-decoder';
import type { EmptyInput, LinesTaken, SplitSink } from '../ingest/json-value-splitter';
import type { RecordError } from '../protocol';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/**
 * Minimum time between two progress messages, in ms. The records read since the last batch are
 * sent with each progress message, however few they are.
 */
const progressEveryMs = 100;
/**
 * Records collected before a batch is sent, unless `progressEveryMs` passes first. Chromium reads
 * a Blob in chunks of 64 KiB, about 460 seed-format records. Every message costs a postMessage in
 * this worker and a message task, a receipt and the per-batch steps of the analysis worker, so a
 * batch of a few chunks' records costs far less per record than a batch per chunk.
 */
export const recordsPerBatch = 8192;
/**
 * Batches sent and not yet handled by the analysis worker above which reading pauses. Nine
 * batches of a little over 8,192 records are about 1.6 MB of columns for one value series.
 */
export const maxBatchesInFlight = 8;

/**
 * Reads a file in chunks: gunzip when its first bytes say gzip, decode, cut into JSON values
 * (JSON Lines, a top-level array, concatenated or pretty-printed objects), parse, map, send.
 * Memory stays bounded by the chunk size and the longest record, whatever the file size.
 * Returns when the file is read or `signal` aborts.
 */
export async function readFileSource(
	file: File,
	output: SourceOutput,
	choice: MappingChoice,
	signal: AbortSignal
): Promise<void> {
	const pipeline = new RecordPipeline(output, 'file', file.name, choice);
	const sink = new RecordSink(pipeline);
	const reader = new JsonByteReader(sink);
	// A file named .csv is read as CSV with a header row, each row a record of strings.
	const csv = isCsvName(file.name)
		? new CsvRecordReader({
				record: (value, line) => pipeline.record(value, line, sink.arrivalMs),
				error: (error) => pipeline.error(error),
				warning: (warning) => pipeline.warning(warning)
			})
		: null;
	const csvDecoder = new Utf8Decoder();
	const started = Date.now();
	let bytesRead = 0;
	let gzip = false;
	let lastProgress = 0;
	const progress = () =>
		output.progress({
			name: file.name,
			bytesRead,
			totalBytes: file.size,
			records: pipeline.accepted,
			rejected: pipeline.rejected,
			elapsedMs: Date.now() - started,
			gzip
		});

	pipeline.announce();
	output.status('live', `reading ${file.name}`);
	progress();

	try {
		const opened = await openBlob(file, (bytes) => (bytesRead += bytes));
		gzip = opened.gzip;
		if (opened.encoding !== 'utf-8') pipeline.warning(utf16Warning(opened.encoding));
		const chunks = opened.stream.getReader();
		for (;;) {
			if (signal.aborted) {
				await chunks.cancel();
				pipeline.flush(true);
				progress();
				output.status('idle', `cancelled reading ${file.name}`);
				return;
			}
			const { done, value } = await chunks.read();
			if (done) break;

			sink.arrivalMs = Date.now();
			if (csv !== null) csv.push(csvDecoder.decode(value));
			else reader.push(value);
			const now = Date.now();
			const due = now - lastProgress >= progressEveryMs;
			if (due || pipeline.pending >= recordsPerBatch) pipeline.flush(false, now);
			if (output.batchesInFlight > maxBatchesInFlight) {
				await output.whenInFlightAtMost(maxBatchesInFlight / 2, signal);
			}

			if (due) {
				lastProgress = now;
				progress();
				// Reads of queued chunks resolve as microtasks, which would starve the worker's
				// message queue, and with it a Cancel from the page, until the file ends.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
		}
		if (csv !== null) {
			csv.push(csvDecoder.decode());
			csv.end();
			if (csvDecoder.invalid > 0) {
				pipeline.warning({ line: 0, message: 'invalid UTF-8 bytes replaced with U+FFFD' });
			}
		} else reader.end();
		pipeline.finish();
		// The counts are final only once finish() has mapped the records held for inference.
		if (pipeline.accepted === 0) {
			const emptyInput = csv === null ? reader.splitter.emptyInput : null;
			const message = noRecordsMessage(pipeline, csv !== null, emptyInput);
			pipeline.warning({ line: 0, message });
			pipeline.flush(true);
		}
		progress();
		const count = (n: number) => n.toLocaleString('en-US');
		const blank = csv !== null ? csv.blankLines : reader.splitter.blankLines;
		const filtered =
			choice.filter !== undefined ? `${count(pipeline.filtered)} filtered out, ` : '';
		output.status(
			'done',
			`read ${file.name}${gzip ? ' (gzip)' : ''}: ${count(pipeline.accepted)} ` +
				`record${pipeline.accepted === 1 ? '' : 's'}, ${count(pipeline.rejected)} rejected, ` +
				`${filtered}${count(blank)} blank line${blank === 1 ? '' : 's'} skipped`
		);
	} catch (error) {
		pipeline.flush(true);
		output.status('error', `could not read ${file.name}: ${(error as Error).message}`);
	}
}

/** Byte order marks as they appear at the start of a file, for the warning that names them. */
const byteOrderMarks = { 'utf-16le': 'FF FE', 'utf-16be': 'FE FF' } as const;

/** Builds the note that a file was read as UTF-16 instead of UTF-8. */
function utf16Warning(encoding: keyof typeof byteOrderMarks): RecordError {
	const name = encoding.toUpperCase();
	const mark = byteOrderMarks[encoding];
	return {
		line: 0,
		message: `decoded as ${name}, because the file starts with the byte order mark ${mark}`
	};
}

const emptyInputMessages: Record<EmptyInput, string> = {
	empty: 'the file is empty',
	whitespace: 'the file contains only whitespace',
	'empty array': 'the file contains only an empty JSON array',
	'empty arrays': 'the file contains only empty JSON arrays'
};

/**
 * Builds the message that explains why a file gave no record. `emptyInput` is what the JSON
 * splitter found, or null for a CSV file or a JSON file that held values.
 */
function noRecordsMessage(
	pipeline: RecordPipeline,
	csv: boolean,
	emptyInput: EmptyInput | null
): string {
	let reason = csv ? 'the file has no CSV rows after the header' : 'the file has no JSON object';
	if (pipeline.rejected > 0) reason = `every ${csv ? 'row' : 'value'} in the file was rejected`;
	else if (pipeline.filtered > 0) reason = 'the filter dropped every record';
	else if (emptyInput !== null) reason = emptyInputMessages[emptyInput];
	return `no records: ${reason}`;
}

/**
 * Routes what the splitter cuts into the pipeline; values arrive with their line number. Every
 * value takes `arrivalMs` as its arrival time, which the reader sets when a chunk arrives.
 */
export class RecordSink implements SplitSink {
	readonly #pipeline: RecordPipeline;
	arrivalMs = Date.now();

	constructor(pipeline: RecordPipeline) {
		this.#pipeline = pipeline;
	}

	value(text: string, line: number): void {
		this.#pipeline.line(text, line, this.arrivalMs);
	}

	broken(text: string, line: number, reason: string): void {
		this.#pipeline.error({ line, message: reason, excerpt: excerptOf(text) });
	}

	warning(line: number, message: string): void {
		this.#pipeline.warning({ line, message });
	}

	wholeLines(text: string, start: number, line: number, taken: LinesTaken): void {
		this.#pipeline.scanLines(text, start, line, this.arrivalMs, taken);
	}
}
