/** The part of the history recorder that the pacer reads. */
export interface RecordingBacklog {
	/** True when more waits for IndexedDB than the recorder keeps in memory. */
	readonly backlogFull: boolean;
	/** Resolves when the running or next write has ended. */
	afterWrite(): Promise<void>;
}

/**
 * Decides when the analysis worker sends a source its batch receipt (see `BatchReceipt`). While
 * the recorder keeps up, each receipt goes at once. Once its backlog is full, receipts wait for
 * the recorder's next write, so a file source that waits for receipts is held to the pace of the
 * disk and the chunks in memory stay bounded.
 */
export class ReceiptPacer {
	#recorder: RecordingBacklog;
	#send: (batches: number) => void;
	#handled = 0;
	#waiting = false;

	/** @param send Posts a receipt with the count of batches handled so far. */
	constructor(recorder: RecordingBacklog, send: (batches: number) => void) {
		this.#recorder = recorder;
		this.#send = send;
	}

	/** Counts one handled batch and sends its receipt now or after the recorder's next write. */
	handled(): void {
		this.#handled += 1;
		// A receipt already waiting carries the latest count when it goes.
		if (this.#waiting) return;
		if (!this.#recorder.backlogFull) {
			this.#send(this.#handled);
			return;
		}
		this.#waiting = true;
		void this.#recorder.afterWrite().then(() => {
			this.#waiting = false;
			this.#send(this.#handled);
		});
	}
}
