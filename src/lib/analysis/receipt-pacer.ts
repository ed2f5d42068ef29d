/** The part of the history recorder that the pacer reads. */
export interface RecordingBacklog {
	/** Full chunks received and not yet written. */
	readonly unsavedChunks: number;
	/** Resolves when the running or next write has ended. */
	afterWrite(): Promise<void>;
}

/**
 * Decides when the analysis worker sends a source its batch receipt (see `BatchReceipt`). While
 * the recorder keeps up, each receipt goes at once. Once more than `maxUnsavedChunks` chunks
 * wait for IndexedDB, receipts wait for the recorder's next write, so a file source that waits
 * for receipts is held to the pace of the disk and the chunks in memory stay bounded.
 */
export class ReceiptPacer {
	#recorder: RecordingBacklog;
	#maxUnsavedChunks: number;
	#send: (batches: number) => void;
	#handled = 0;
	#waiting = false;

	/**
	 * @param send Posts a receipt with the count of batches handled so far.
	 * @param maxUnsavedChunks Unwritten chunks above which receipts wait for a write.
	 */
	constructor(recorder: RecordingBacklog, send: (batches: number) => void, maxUnsavedChunks = 32) {
		this.#recorder = recorder;
		this.#send = send;
		this.#maxUnsavedChunks = maxUnsavedChunks;
	}

	/** Counts one handled batch and sends its receipt now or after the recorder's next write. */
	handled(): void {
		this.#handled += 1;
		// A receipt already waiting carries the latest count when it goes.
		if (this.#waiting) return;
		if (this.#recorder.unsavedChunks <= this.#maxUnsavedChunks) {
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
