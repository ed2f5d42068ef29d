import { LineSplitter } from './line-splitter';

/** One dispatched Server-Sent Event. */
export interface SseEvent {
	/** Event type: the `event` field verbatim, or `message` when it was missing or empty. */
	type: string;
	/** The `data` lines joined with LF. */
	data: string;
	/** The last `id` seen on the stream, as the spec's "last event ID" buffer. */
	lastEventId: string;
}

/** Receives what a {@link SseParser} reads. */
export interface SseHandlers {
	event(event: SseEvent): void;
	/** A valid `retry` field: the new reconnection time in milliseconds, clamped. */
	retry?(ms: number): void;
	/** A comment line; servers send them to keep the connection alive. */
	comment?(text: string): void;
}

/** Maximum reconnection time a `retry` field may set, in ms; larger values are clamped. */
export const MAX_RETRY_MS = 60_000;

/**
 * Parses a `text/event-stream` body in chunks of any size, following the WHATWG HTML steps for
 * interpreting an event stream: LF, CR and CRLF line ends (a CRLF may be split across chunks),
 * UTF-8 split anywhere, one leading BOM dropped, comments, `data` lines joined with LF, one space
 * after the colon removed, `event` taken verbatim, `id` kept unless it contains NUL, `retry`
 * accepted only as ASCII digits, and no dispatch for a block without data. An event still open
 * when the body ends is discarded, as the spec says; {@link end} reports whether there was one.
 *
 * Hand-written because the browser's EventSource cannot send headers, cannot be read from a
 * worker's fetch body, and gives no access to the status code (so no 204 handling); the spec's
 * algorithm is short.
 */
export class SseParser {
	#handlers: SseHandlers;
	#decoder = new TextDecoder('utf-8');
	#lines = new LineSplitter();
	#data = '';
	#hasData = false;
	#type = '';
	#lastEventId = '';

	constructor(handlers: SseHandlers, lastEventId = '') {
		this.#handlers = handlers;
		this.#lastEventId = lastEventId;
	}

	/** The last event ID, to send as `Last-Event-ID` when reconnecting. */
	get lastEventId(): string {
		return this.#lastEventId;
	}

	/** Feeds bytes (or already decoded text) of the body. */
	push(chunk: Uint8Array | string): void {
		const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
		this.#lines.push(text, (line) => this.#line(line));
	}

	/**
	 * Ends the body. Returns the data of an event that was not closed by a blank line, which is
	 * discarded, or null when there was none.
	 */
	end(): string | null {
		this.#lines.push(this.#decoder.decode(), (line) => this.#line(line));
		let unterminated: string | null = null;
		this.#lines.flush((line) => {
			this.#line(line);
			if (this.#hasData) unterminated = this.#data;
		});
		if (unterminated === null && this.#hasData) unterminated = this.#data;
		this.#data = '';
		this.#hasData = false;
		this.#type = '';
		return unterminated;
	}

	#line(line: string): void {
		if (line.length === 0) {
			this.#dispatch();
			return;
		}
		const colon = line.indexOf(':');
		if (colon === 0) {
			this.#handlers.comment?.(line.slice(1));
			return;
		}
		const field = colon < 0 ? line : line.slice(0, colon);
		let value = colon < 0 ? '' : line.slice(colon + 1);
		if (value.charCodeAt(0) === 0x20) value = value.slice(1);

		switch (field) {
			case 'event':
				this.#type = value;
				break;
			case 'data':
				this.#data = this.#hasData ? `${this.#data}\n${value}` : value;
				this.#hasData = true;
				break;
			case 'id':
				if (!value.includes('\0')) this.#lastEventId = value;
				break;
			case 'retry':
				if (/^[0-9]+$/.test(value)) {
					this.#handlers.retry?.(Math.min(MAX_RETRY_MS, Number(value)));
				}
				break;
			// The spec ignores every other field name.
		}
	}

	#dispatch(): void {
		const hasData = this.#hasData;
		const event = {
			type: this.#type || 'message',
			data: this.#data,
			lastEventId: this.#lastEventId
		};
		this.#data = '';
		this.#hasData = false;
		this.#type = '';
		if (hasData) this.#handlers.event(event);
	}
}
