import { JsonByteReader } from '../ingest/json-byte-reader';
import { backoffDelay } from './backoff';
import { fetchFailure } from './fetch-failure';
import { FetchLoopSource } from './fetch-loop-source';
import { RecordSink } from './file-source';
import type { MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Content types whose body is a stream of records that stays open. */
const streamingType = /ndjson|jsonl|json-seq|jsonlines|text\/plain/i;
/** Content types of a polled body that may hold JSON; a missing type is read as JSON too. */
const jsonType = /^$|json|octet-stream/i;

type Outcome = { ok: true; streaming: boolean } | { ok: false; why: string };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * Reads records from a URL over `fetch`. Every response body goes through the same splitter as
 * files, so a JSON object, a JSON array or JSON Lines all work. A JSON Lines response
 * (`application/x-ndjson`, `application/jsonl`, `text/plain`) is read as a stream while it stays
 * open, and a clean end of it ends the source as done, so a static `.jsonl` file is read once.
 * A JSON response is polled again every `intervalMs`. Failed requests are retried with
 * exponential backoff, and so are a response of another type (such as an HTML page), a response
 * with no valid record and a stream whose connection breaks.
 */
export class HttpSource extends FetchLoopSource {
	#intervalMs: number;
	#failures = 0;
	#requests = 0;
	/** The last polled body, when it held no valid record, and how often it came again since. */
	#invalidBody: { bytes: Uint8Array; repeats: number } | null = null;

	constructor(url: string, output: SourceOutput, choice: MappingChoice, intervalMs: number) {
		super(url, output, 'http', choice);
		this.#intervalMs = intervalMs;
	}

	protected stoppedDetail(): string {
		return `stopped reading ${this.url}`;
	}

	protected async run(): Promise<void> {
		while (!this.stopped) {
			const outcome = await this.#request();
			if (this.stopped) return;
			if (outcome.ok && outcome.streaming) {
				this.#ended();
				return;
			}
			if (outcome.ok) {
				this.#failures = 0;
				const wait = this.#intervalMs;
				await this.sleep(wait, 'live', `next request in ${(wait / 1000).toFixed(1)} s`);
			} else {
				const wait = backoffDelay(this.#failures++, 1000);
				await this.sleep(wait, 'reconnecting', outcome.why);
			}
		}
	}

	/** Ends the source after the server closed a JSON Lines response cleanly. */
	#ended(): void {
		this.pipeline.finish();
		const count = (n: number) => n.toLocaleString('en-US');
		const records = this.pipeline.accepted;
		this.output.status(
			'done',
			`the server ended the response after ${count(records)} record${records === 1 ? '' : 's'}` +
				`, ${count(this.pipeline.rejected)} rejected; press Connect to read it again`
		);
	}

	async #request(): Promise<Outcome> {
		const signal = this.nextSignal();
		this.#requests += 1;
		if (this.#requests === 1) this.output.status('connecting', this.url);

		let response: Response;
		try {
			response = await fetch(this.url, {
				cache: 'no-store',
				headers: { accept: 'application/json, application/x-ndjson;q=0.9, */*;q=0.5' },
				signal
			});
		} catch (error) {
			return { ok: false, why: fetchFailure(this.url, error) };
		}
		if (!response.ok) {
			await response.body?.cancel();
			return { ok: false, why: `server answered ${response.status} ${response.statusText}`.trim() };
		}

		const type = response.headers.get('content-type') ?? '';
		const streaming = streamingType.test(type);
		if (!streaming && !jsonType.test(type)) {
			await response.body?.cancel();
			const mediaType = type.split(';')[0].trim();
			return { ok: false, why: `expected JSON, got ${mediaType}` };
		}
		if (!streaming) return this.#readPolled(response);

		this.live(`streaming ${this.url}`);
		const sink = new RecordSink(this.pipeline);
		const reader = new JsonByteReader(sink);
		try {
			const body = response.body!.getReader();
			for (;;) {
				const { done, value } = await body.read();
				if (done) break;
				sink.arrivalMs = Date.now();
				reader.push(value);
			}
		} catch (error) {
			if (this.stopped) return { ok: true, streaming };
			reader.end();
			return { ok: false, why: `connection lost: ${(error as Error).message}` };
		}
		reader.end();
		return { ok: true, streaming };
	}

	/**
	 * Reads a polled response whole. A body with no valid record counts as a failed request, so
	 * polling backs off. When the next body is the same, its lines are not rejected again: the
	 * status counts the repeats instead.
	 */
	async #readPolled(response: Response): Promise<Outcome> {
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await response.arrayBuffer());
		} catch (error) {
			if (this.stopped) return { ok: true, streaming: false };
			return { ok: false, why: `connection lost: ${(error as Error).message}` };
		}

		const invalid = this.#invalidBody;
		if (invalid !== null && sameBytes(bytes, invalid.bytes)) {
			invalid.repeats += 1;
			return {
				ok: false,
				why:
					`the same response with no valid record ${invalid.repeats + 1} times in a row; ` +
					'its rejected lines are listed once'
			};
		}

		this.live(this.url);
		const accepted = this.pipeline.accepted;
		const rejected = this.pipeline.rejected;
		const sink = new RecordSink(this.pipeline);
		const reader = new JsonByteReader(sink);
		reader.push(bytes);
		reader.end();
		const newRejects = this.pipeline.rejected - rejected;
		if (this.pipeline.accepted > accepted || newRejects === 0) {
			this.#invalidBody = null;
			return { ok: true, streaming: false };
		}
		this.#invalidBody = { bytes, repeats: 0 };
		const lines = `${newRejects} line${newRejects === 1 ? '' : 's'} rejected`;
		return { ok: false, why: `the response has no valid record (${lines})` };
	}
}
