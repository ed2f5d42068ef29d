import type {
	BatchReceipt,
	ColumnBatch,
	DuplicatePolicy,
	FieldMapping,
	FieldReport,
	FileProgress,
	RecordError,
	SourceKind,
	SourceMessage,
	SourceStatus
} from '../protocol';

/**
 * The sending end of a source worker's port to the analysis worker. Batches are transferred,
 * so the typed arrays of a batch are unusable here once sent.
 */
export class SourceOutput {
	#port: MessagePort | null = null;
	#status: SourceStatus = 'idle';
	#detail = '';
	/** Fields of the current source and its mapping, for the page's field picker. */
	fieldReport: FieldReport | null = null;
	#batchesSent = 0;
	#batchesHandled = 0;
	#waiters: { max: number; resolve: () => void }[] = [];

	/** Attaches the port; messages sent before this are dropped because no port is attached. */
	attach(port: MessagePort): void {
		this.#port = port;
		port.onmessage = (event: MessageEvent<BatchReceipt>) => {
			if (event.data?.kind !== 'handled') return;
			this.#batchesHandled = event.data.batches;
			this.#wakeWaiters();
		};
	}

	/** Batches sent that the analysis side has not reported handled yet. */
	get batchesInFlight(): number {
		return this.#batchesSent - this.#batchesHandled;
	}

	/**
	 * Resolves once at most `max` batches are in flight, or when `signal` aborts. A source that
	 * can pause, such as a file, waits on it after each batch, so that a reader faster than the
	 * analysis worker does not queue the file up in memory between the two.
	 */
	whenInFlightAtMost(max: number, signal?: AbortSignal): Promise<void> {
		if (this.batchesInFlight <= max || signal?.aborted) return Promise.resolve();
		return new Promise((resolve) => {
			const waiter = { max, resolve };
			this.#waiters.push(waiter);
			signal?.addEventListener('abort', () => this.#release(waiter), { once: true });
		});
	}

	#wakeWaiters(): void {
		for (const waiter of [...this.#waiters]) {
			if (this.batchesInFlight <= waiter.max) this.#release(waiter);
		}
	}

	#release(waiter: { max: number; resolve: () => void }): void {
		const index = this.#waiters.indexOf(waiter);
		if (index >= 0) this.#waiters.splice(index, 1);
		waiter.resolve();
	}

	reset(
		series: string[],
		source: SourceKind,
		label: string,
		extra: {
			mapping?: FieldMapping;
			replay?: boolean;
			awaitingMapping?: boolean;
			duplicates?: DuplicatePolicy;
		} = {}
	): void {
		this.#post({ kind: 'reset', series, source, label, ...extra });
		// The analysis side clears its state on reset, status included: repeat the current one.
		this.#post({ kind: 'status', status: this.#status, detail: this.#detail });
	}

	/** Sends a batch, with the filter's count of dropped records when `filtered` is given. */
	batch(batch: ColumnBatch, filtered?: number): void {
		const transfer = [
			batch.time.buffer,
			batch.category.buffer,
			...batch.values.map((v) => v.buffer)
		];
		if (this.#port !== null) this.#batchesSent += 1;
		const message: SourceMessage = { kind: 'batch', batch };
		if (filtered !== undefined) message.filtered = filtered;
		this.#post(message, transfer);
	}

	/** Sends the filter's count of dropped records without a batch. */
	filtered(total: number): void {
		this.#post({ kind: 'filtered', total });
	}

	errors(errors: RecordError[], total: number): void {
		this.#post({ kind: 'errors', errors, total });
	}

	status(status: SourceStatus, detail = ''): void {
		this.#status = status;
		this.#detail = detail;
		this.#post({ kind: 'status', status, detail });
	}

	/** Reports a disconnect from `from` to `to` (wall clock, epoch ms) and its reason. */
	gap(from: number, to: number, reason: string): void {
		this.#post({ kind: 'gap', from, to, reason });
	}

	progress(progress: FileProgress): void {
		this.#post({ kind: 'progress', progress });
	}

	get currentStatus(): SourceStatus {
		return this.#status;
	}

	#post(message: SourceMessage, transfer: Transferable[] = []): void {
		this.#port?.postMessage(message, transfer);
	}
}
