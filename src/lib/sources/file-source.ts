import { JsonByteReader } from '../ingest/json-byte-reader';
import { excerptOf } from '../ingest/json-line';
import { openBlob } from '../ingest/open-blob';
import type { SplitSink } from '../ingest/json-value-splitter';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Minimum time between two progress messages, in ms. */
const progressEveryMs = 100;
/**
 * Batches sent but not yet handled by the analysis worker before reading pauses. Each batch contains
 * the records of one chunk that the browser read: for 140-byte lines in 64 KiB chunks, about
 * 30,000 records in all (an estimate), a few hundred kilobytes of columns.
 */
const maxBatchesInFlight = 64;

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

	output.status('live', `reading ${file.name}`);
	progress();

	try {
		const opened = await openBlob(file, (bytes) => (bytesRead += bytes));
		gzip = opened.gzip;
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
			reader.push(value);
			pipeline.flush();
			if (output.batchesInFlight > maxBatchesInFlight) {
				await output.whenInFlightAtMost(maxBatchesInFlight / 2, signal);
			}

			const now = Date.now();
			if (now - lastProgress >= progressEveryMs) {
				lastProgress = now;
				progress();
				// Reads of queued chunks resolve as microtasks, which would starve the worker's
				// message queue, and with it a Cancel from the page, until the file ends.
				await new Promise((resolve) => setTimeout(resolve, 0));
			}
		}
		reader.end();
		pipeline.finish();
		progress();
		const count = (n: number) => n.toLocaleString('en-US');
		const blank = reader.splitter.blankLines;
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

	wholeLine(text: string, line: number): boolean {
		return this.#pipeline.scanLine(text, line, this.arrivalMs);
	}
}
