import { decodeBinaryFrame } from '../ingest/binary-frame';
import { backoffDelay } from './backoff';
import { DisconnectClock } from './disconnect-clock';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import { RetryWait } from './retry-wait';
import type { SourceOutput } from './source-output';

/** Batches leave at most this often, so a fast stream does not post one message per record. */
const flushEveryMs = 50;
const firstRetryMs = 500;
/** First wait after 1012 (service restart) or 1013 (try again later), in ms. */
const restartRetryMs = 5000;
/**
 * How long a connection must stay open before the backoff starts again from its first wait, in
 * ms. A server that accepts and then closes at once would otherwise be retried about every second.
 */
export const STABLE_CONNECTION_MS = 10_000;

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
 * Describes a connection that closed before it opened. Browsers give only close code 1006 for a
 * refused connection, an unknown host, a failed TLS handshake and a handshake the server
 * rejected, so the message lists those causes.
 */
export function describeFailedConnect(url: string, code: number, reason: string): string {
	const detail = reason ? `close code ${code}: ${reason}` : `close code ${code}`;
	return (
		`could not connect to ${url} (${detail}): the server may be down or refusing ` +
		'connections, or may have rejected the WebSocket handshake'
	);
}

/**
 * A WebSocket client that feeds the pipeline. Text and binary frames hold JSON (binary ones
 * UTF-8, possibly gzip or with a BOM); a frame holding an array is a batch of records.
 * Reconnects with exponential backoff and full jitter, waits longer after 1012 and 1013, stops
 * after 1000, and does not loop after 1003, 1008 or an application code 4000–4999.
 */
export class WebSocketSource {
	#output: SourceOutput;
	#url: string;
	#pipeline: RecordPipeline;
	#socket: WebSocket | null = null;
	#flushTimer: ReturnType<typeof setInterval> | null = null;
	#wait = new RetryWait();
	#disconnects = new DisconnectClock();
	#attempt = 0;
	#stableTimer: ReturnType<typeof setTimeout> | undefined;
	#messages = 0;
	#stopped = false;
	/** Binary messages still being decoded, and the chain that keeps them in order. */
	#pending = 0;
	#queue: Promise<void> = Promise.resolve();

	constructor(url: string, output: SourceOutput, choice: MappingChoice) {
		this.#output = output;
		this.#url = url;
		this.#pipeline = new RecordPipeline(output, 'websocket', url, choice);
	}

	start(): void {
		this.#pipeline.announce();
		this.#flushTimer = setInterval(() => this.#pipeline.flush(), flushEveryMs);
		this.#open();
	}

	stop(): void {
		this.#stopped = true;
		if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
		this.#wait.cancel();
		clearTimeout(this.#stableTimer);
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

		let opened = false;
		socket.onopen = () => {
			opened = true;
			this.#stableTimer = setTimeout(() => (this.#attempt = 0), STABLE_CONNECTION_MS);
			this.#disconnects.restored(this.#output);
			this.#output.status('live', this.#url);
		};
		socket.onmessage = (event: MessageEvent) => this.#receive(event.data);
		socket.onclose = (event: CloseEvent) => {
			if (this.#stopped || this.#socket !== socket) return;
			clearTimeout(this.#stableTimer);
			// Not final: a stream that closed before its first record still picks its mapping
			// from the records that arrive after the reconnect.
			this.#pipeline.flush();
			const description = opened
				? describeClose(event.code, event.reason)
				: describeFailedConnect(this.#url, event.code, event.reason);
			this.#closed(event.code, description);
		};
	}

	#receive(data: unknown): void {
		this.#messages += 1;
		const number = this.#messages;
		const arrival = Date.now();
		if (typeof data === 'string' && this.#pending === 0) {
			this.#pipeline.message(data, number, arrival);
			return;
		}
		// Binary messages may need an asynchronous gunzip: chain every message behind them so
		// that records keep their arrival order.
		this.#pending += 1;
		this.#queue = this.#queue.then(async () => {
			const decoded =
				typeof data === 'string'
					? { kind: 'text' as const, text: data }
					: data instanceof ArrayBuffer
						? await decodeBinaryFrame(new Uint8Array(data))
						: { kind: 'error' as const, message: 'unsupported message type' };
			this.#pending -= 1;
			if (decoded.kind === 'text') this.#pipeline.message(decoded.text, number, arrival);
			else this.#pipeline.error({ line: number, message: decoded.message });
		});
	}

	/** Skips the wait before the next reconnection attempt. */
	retryNow(): void {
		this.#wait.retryNow();
	}

	/** Applies the close-code policy: stop, stop with an error, or reconnect after a delay. */
	#closed(code: number, why: string): void {
		this.#disconnects.lost(why);
		if (code === 1000) {
			this.#output.status('done', `${why}: the server ended the stream`);
			return;
		}
		// Policy, unsupported data and application codes: retrying would only repeat the refusal.
		if (code === 1003 || code === 1008 || (code >= 4000 && code <= 4999)) {
			this.#output.status(
				'error',
				`${why}; not reconnecting, because the server rejected this client. ` +
					'Press Connect to try again.'
			);
			return;
		}
		// A restarting or overloaded server needs more time before it accepts clients again.
		const base = code === 1012 || code === 1013 ? restartRetryMs : firstRetryMs;
		this.#retry(why, backoffDelay(this.#attempt + 1, base));
	}

	#retry(why: string, delay: number): void {
		this.#attempt += 1;
		// The page counts down to `retryAt`, so the detail gives no figure that would go stale.
		this.#output.status('reconnecting', why);
		void this.#wait.wait(delay, true).then(() => {
			if (!this.#stopped) this.#open();
		});
	}

	/** When the next reconnection attempt starts, in epoch ms, or null when none is waiting. */
	get retryAt(): number | null {
		return this.#wait.retryAt;
	}
}
