import { SseParser, type SseEvent } from '../ingest/sse-parser';
import type { EventTypeCount } from '../protocol';
import { backoffDelay } from './backoff';
import { fetchFailure } from './fetch-failure';
import { FetchLoopSource } from './fetch-loop-source';
import type { MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Reconnection time until the server sends `retry`, in ms, as browsers' EventSource uses. */
const defaultRetryMs = 3000;

/**
 * A Server-Sent Events client on `fetch`, so that it runs in the worker, reads the status code
 * and sends `Last-Event-ID` itself. Each event's data is one JSON record (or an array of them).
 *
 * After the body ends, it reconnects after the server's `retry` time with `Last-Event-ID`, so a
 * server that keeps ids resumes without losing or repeating records. After a network error, a
 * 5xx or a wrong content type it reconnects with exponential backoff; EventSource would give up
 * there. A 204 ends the stream for good, as the standard says.
 */
export class SseSource extends FetchLoopSource {
	#eventType: string | null;
	#types = new Map<string, number>();
	#lastEventId = '';
	#retryMs = defaultRetryMs;
	#failures = 0;
	#events = 0;

	/** @param eventType only events of this type become records; null takes every type. */
	constructor(url: string, output: SourceOutput, choice: MappingChoice, eventType: string | null) {
		super(url, output, 'sse', choice);
		this.#eventType = eventType;
	}

	/** Event types seen so far, most frequent first. */
	eventTypes(): EventTypeCount[] {
		return [...this.#types]
			.map(([type, count]) => ({ type, count }))
			.sort((a, b) => b.count - a.count);
	}

	/** Chooses the event type that becomes records; null takes every type. */
	setEventType(type: string | null): void {
		this.#eventType = type;
	}

	protected stoppedDetail(): string {
		return `disconnected from ${this.url}`;
	}

	protected async run(): Promise<void> {
		while (!this.stopped) {
			const outcome = await this.#connect();
			if (this.stopped || outcome.kind === 'done') return;

			const delay =
				outcome.kind === 'ended'
					? this.#retryMs
					: backoffDelay(this.#failures++, Math.min(this.#retryMs, 1000));
			const resume = this.#lastEventId === '' ? '' : `; resuming after id ${this.#lastEventId}`;
			await this.sleep(delay, 'reconnecting', `${outcome.why}${resume}`, outcome.why);
		}
	}

	async #connect(): Promise<{ kind: 'done' | 'ended' | 'failed'; why: string }> {
		const signal = this.nextSignal();
		const headers: Record<string, string> = { accept: 'text/event-stream' };
		if (this.#lastEventId !== '') headers['last-event-id'] = this.#lastEventId;
		const first = this.#events === 0 && this.#failures === 0;
		this.output.status(first ? 'connecting' : 'reconnecting', this.url);

		let response: Response;
		try {
			response = await fetch(this.url, { headers, cache: 'no-store', signal });
		} catch (error) {
			return { kind: 'failed', why: fetchFailure(this.url, error) };
		}
		if (response.status === 204) {
			this.pipeline.flush(true);
			this.output.status('done', `${this.url} answered 204 No Content: the stream is over`);
			return { kind: 'done', why: '' };
		}
		const type = response.headers.get('content-type') ?? '';
		if (!response.ok || !/^text\/event-stream\b/i.test(type)) {
			await response.body?.cancel();
			const why = response.ok
				? `expected content type text/event-stream, got ${type || 'none'}`
				: `server answered ${response.status} ${response.statusText}`.trim();
			return { kind: 'failed', why };
		}

		this.#failures = 0;
		this.live(this.url);
		const parser = new SseParser(
			{
				event: (event) => this.#receive(event),
				retry: (ms) => (this.#retryMs = ms)
			},
			this.#lastEventId
		);
		try {
			const reader = response.body!.getReader();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				parser.push(value);
			}
		} catch (error) {
			if (this.stopped) return { kind: 'done', why: '' };
			return { kind: 'ended', why: `connection lost: ${(error as Error).message}` };
		}
		const unterminated = parser.end();
		if (unterminated !== null) {
			this.pipeline.warning({
				line: this.#events + 1,
				message: 'the stream ended inside an event, which was dropped as the SSE standard requires'
			});
		}
		return { kind: 'ended', why: 'the server ended the stream' };
	}

	#receive(event: SseEvent): void {
		this.#events += 1;
		this.#lastEventId = event.lastEventId;
		this.#types.set(event.type, (this.#types.get(event.type) ?? 0) + 1);
		if (this.#eventType !== null && event.type !== this.#eventType) return;
		this.pipeline.line(event.data, this.#events, Date.now());
	}
}
