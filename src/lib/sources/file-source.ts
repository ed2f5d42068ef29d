import { LineSplitter } from '../ingest/line-splitter';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Least time between two progress messages, in ms. */
const progressEveryMs = 100;

/**
 * Reads a file in chunks: decode, split lines, parse, map, send. Memory stays bounded by the
 * chunk size whatever the file size. Returns when the file is read or `signal` aborts.
 */
export async function readFileSource(
	file: File,
	output: SourceOutput,
	choice: MappingChoice,
	signal: AbortSignal
): Promise<void> {
	const pipeline = new RecordPipeline(output, 'file', file.name, choice);
	const splitter = new LineSplitter();
	const decoder = new TextDecoder('utf-8');
	const reader = file.stream().getReader();
	const onLine = (line: string, lineNumber: number) => pipeline.line(line, lineNumber, Date.now());

	let bytesRead = 0;
	let lastProgress = 0;
	output.status('live', `reading ${file.name}`);
	output.progress({ name: file.name, bytesRead, totalBytes: file.size });

	try {
		for (;;) {
			if (signal.aborted) {
				await reader.cancel();
				pipeline.flush(true);
				output.status('idle', `stopped reading ${file.name}`);
				return;
			}
			const { done, value } = await reader.read();
			if (done) break;

			bytesRead += value.byteLength;
			splitter.push(decoder.decode(value, { stream: true }), onLine);
			pipeline.flush();

			const now = Date.now();
			if (now - lastProgress >= progressEveryMs) {
				lastProgress = now;
				output.progress({ name: file.name, bytesRead, totalBytes: file.size });
			}
		}
		splitter.push(decoder.decode(), onLine);
		splitter.flush(onLine);
		pipeline.flush(true);
		output.progress({ name: file.name, bytesRead, totalBytes: file.size });
		output.status(
			'done',
			`read ${file.name}: ${pipeline.accepted} records, ${pipeline.rejected} rejected`
		);
	} catch (error) {
		pipeline.flush(true);
		output.status('error', `could not read ${file.name}: ${(error as Error).message}`);
	}
}
