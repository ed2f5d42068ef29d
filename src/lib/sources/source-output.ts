import type {
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

	/** Attaches the port; messages sent before this are dropped because no port is attached. */
	attach(port: MessagePort): void {
		this.#port = port;
	}

	reset(
		series: string[],
		source: SourceKind,
		label: string,
		extra: { mapping?: FieldMapping; replay?: boolean; duplicates?: DuplicatePolicy } = {}
	): void {
		this.#post({ kind: 'reset', series, source, label, ...extra });
		// The analysis side clears its state on reset, status included: repeat the current one.
		this.#post({ kind: 'status', status: this.#status, detail: this.#detail });
	}

	batch(batch: ColumnBatch): void {
		const transfer = [
			batch.time.buffer,
			batch.category.buffer,
			...batch.values.map((v) => v.buffer)
		];
		this.#post({ kind: 'batch', batch }, transfer);
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
