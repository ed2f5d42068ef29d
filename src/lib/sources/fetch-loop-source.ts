import type { SourceKind, SourceStatus } from '../protocol';
import { DisconnectClock } from './disconnect-clock';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import { RetryWait } from './retry-wait';
import type { SourceOutput } from './source-output';

/** Batches leave at most this often, so a fast stream does not post one message per record. */
const flushEveryMs = 50;

/**
 * Base of the `fetch`-based sources (SSE and HTTP), with what they share: the flush timer, a loop
 * of requests with waits between them, "retry now", stopping with the request aborted, and the
 * disconnect clock that marks gaps. A subclass supplies the loop in {@link run}.
 */
export abstract class FetchLoopSource {
	protected readonly url: string;
	protected readonly output: SourceOutput;
	protected readonly pipeline: RecordPipeline;
	protected readonly disconnects = new DisconnectClock();
	#stopped = false;
	#abort: AbortController | null = null;
	#wait = new RetryWait();
	#flushTimer: ReturnType<typeof setInterval> | null = null;

	constructor(url: string, output: SourceOutput, kind: SourceKind, choice: MappingChoice) {
		this.url = url;
		this.output = output;
		this.pipeline = new RecordPipeline(output, kind, url, choice);
	}

	start(): void {
		this.pipeline.announce();
		this.#flushTimer = setInterval(() => this.pipeline.flush(), flushEveryMs);
		void this.run();
	}

	stop(): void {
		this.#stopped = true;
		this.#abort?.abort();
		this.#wait.cancel();
		if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
		this.pipeline.flush(true);
		this.output.status('idle', this.stoppedDetail());
	}

	/** Skips the wait before the next request. */
	retryNow(): void {
		this.#wait.retryNow();
	}

	/** When the next attempt after a failure starts, in epoch ms, or null when none is waiting. */
	get retryAt(): number | null {
		return this.#wait.retryAt;
	}

	protected get stopped(): boolean {
		return this.#stopped;
	}

	/** The status detail shown once the user stopped the source. */
	protected abstract stoppedDetail(): string;

	/** Runs requests until the source stops or the stream ends for good. */
	protected abstract run(): Promise<void>;

	/** Returns the signal of a new request, which {@link stop} aborts. */
	protected nextSignal(): AbortSignal {
		this.#abort = new AbortController();
		return this.#abort.signal;
	}

	/** Marks the source live, closing the gap of an earlier disconnect. */
	protected live(detail: string): void {
		this.disconnects.restored(this.output);
		this.output.status('live', detail);
	}

	/**
	 * Sends what is pending, shows `status` with `detail` and waits `ms`. A `reconnecting` wait
	 * counts as a disconnect for `reason`, which the chart marks once the source is live again.
	 * The page counts down to its `retryAt`, so its detail should name no delay.
	 */
	protected sleep(
		ms: number,
		status: SourceStatus,
		detail: string,
		reason = detail
	): Promise<void> {
		this.pipeline.flush(true);
		this.output.status(status, detail);
		if (status === 'reconnecting') this.disconnects.lost(reason);
		return this.#wait.wait(ms, status === 'reconnecting');
	}
}
