import { RecordPipeline, type MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

/** Batches leave at most this often, so a fast stream does not post one message per record. */
const flushEveryMs = 50;
const firstRetryMs = 500;
const maxRetryMs = 30_000;

/** Close codes in words, for the status line. */
const closeReasons: Record<number, string> = {
	1000: 'closed normally',
	1001: 'server going away',
	1002: 'protocol error',
	1003: 'unsupported data',
	1006: 'connection lost',
	1007: 'invalid message data',
	1008: 'policy violation',
	1009: 'message too big',
	1011: 'server error',
	1012: 'server restarting',
	1013: 'server busy, try again later'
};

/** Describes a close code in words. */
export function describeClose(code: number, reason: string): string {
	const words = closeReasons[code] ?? 'closed';
	return reason ? `${words} (${code}: ${reason})` : `${words} (${code})`;
}

/**
 * A WebSocket client that feeds the pipeline. Text and binary frames both hold UTF-8 JSON; a
 * frame holding an array is a batch of records. Reconnects with exponential backoff and full
 * jitter until stopped.
 */
export class WebSocketSource {
	#output: SourceOutput;
	#url: string;
	#pipeline: RecordPipeline;
	#socket: WebSocket | null = null;
	#flushTimer: ReturnType<typeof setInterval> | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#attempt = 0;
	#messages = 0;
	#stopped = false;
	#decoder = new TextDecoder('utf-8');

	constructor(url: string, output: SourceOutput, choice: MappingChoice) {
		this.#output = output;
		this.#url = url;
		this.#pipeline = new RecordPipeline(output, 'websocket', url, choice);
	}

	start(): void {
		this.#flushTimer = setInterval(() => this.#pipeline.flush(), flushEveryMs);
		this.#open();
	}

	stop(): void {
		this.#stopped = true;
		if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#socket?.close(1000, 'stopped by user');
		this.#socket = null;
		this.#pipeline.flush(true);
		this.#output.status('idle', `disconnected from ${this.#url}`);
	}

	#open(): void {
		this.#output.status(this.#attempt === 0 ? 'connecting' : 'reconnecting', this.#url);
		let socket: WebSocket;
		try {
			socket = new WebSocket(this.#url);
		} catch (error) {
			this.#output.status(
				'error',
				`invalid WebSocket URL ${this.#url}: ${(error as Error).message}`
			);
			return;
		}
		socket.binaryType = 'arraybuffer';
		this.#socket = socket;

		socket.onopen = () => {
			this.#attempt = 0;
			this.#output.status('live', this.#url);
		};
		socket.onmessage = (event: MessageEvent) => this.#receive(event.data);
		socket.onclose = (event: CloseEvent) => {
			if (this.#stopped || this.#socket !== socket) return;
			this.#pipeline.flush(true);
			this.#retry(describeClose(event.code, event.reason));
		};
	}

	#receive(data: unknown): void {
		this.#messages += 1;
		const text =
			typeof data === 'string'
				? data
				: data instanceof ArrayBuffer
					? this.#decoder.decode(data)
					: null;
		if (text === null) {
			this.#pipeline.error({ line: this.#messages, message: 'unsupported message type' });
			return;
		}
		this.#pipeline.line(text, this.#messages, Date.now());
	}

	/** Skips the wait before the next reconnection attempt. */
	retryNow(): void {
		if (this.#retryTimer === null || this.#stopped) return;
		clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.#open();
	}

	#retry(why: string): void {
		// Full jitter spreads clients that lost the same server over the whole backoff window.
		const ceiling = Math.min(maxRetryMs, firstRetryMs * 2 ** this.#attempt);
		const delay = Math.round(Math.random() * ceiling);
		this.#attempt += 1;
		this.#output.status('reconnecting', `${why}; retrying in ${(delay / 1000).toFixed(1)} s`);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			if (!this.#stopped) this.#open();
		}, delay);
	}
}
