import { JsonByteReader } from '../ingest/json-byte-reader';
import { backoffDelay } from './backoff';
import { fetchFailure } from './fetch-failure';
import { FetchLoopSource } from './fetch-loop-source';
import { RecordSink } from './file-source';
import type { MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Content types whose body is a stream of records that stays open. */
const streamingType = /ndjson|jsonl|json-seq|jsonlines|text\/plain/i;

/**
 * Reads records from a URL over `fetch`. Every response body goes through the same splitter as
 * files, so a JSON object, a JSON array or JSON Lines all work. A JSON Lines response
 * (`application/x-ndjson`, `application/jsonl`, `text/plain`) is read as a stream while it stays
 * open, and a clean end of it ends the source as done, so a static `.jsonl` file is read once.
 * Any other response is polled again every `intervalMs`. Failed requests, and a stream whose
 * connection breaks, are retried with exponential backoff.
 */
export class HttpSource extends FetchLoopSource {
	#intervalMs: number;
	#failures = 0;
	#requests = 0;

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

	async #request(): Promise<{ ok: true; streaming: boolean } | { ok: false; why: string }> {
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

		const streaming = streamingType.test(response.headers.get('content-type') ?? '');
		this.live(streaming ? `streaming ${this.url}` : this.url);
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
}
