import type { ColumnBatch, SessionInfo } from '../protocol';
import { chunkBytes, type ChunkBuilder, type StoredChunk } from './chunk';
import { lockName } from './lock-name';

/** One write's worth of a session: the chunks to put and the session row that goes with them. */
export interface PendingWrite {
	track: SessionTrack;
	chunks: StoredChunk[];
	/** How many of `chunks` are sealed; the open chunk's snapshot, if any, comes last. */
	sealedCount: number;
	info: SessionInfo;
	/** True when the write carries the session row without its chunks (see `takeRow`). */
	rowOnly: boolean;
}

/**
 * A session between the recorder and the database: what has arrived, what is written, and
 * what still has to be. While recording, it holds a Web Lock named after the session, so that
 * another page can tell a live session from one whose page was closed.
 */
export class SessionTrack {
	readonly info: SessionInfo;
	/**
	 * Whether full chunks wait in memory until the session finishes, up to the recorder's bound.
	 * Set for a file, so that writing does not slow the reading. Cleared by `finish`.
	 */
	deferWrites = false;
	#builder: ChunkBuilder;
	#unsaved: StoredChunk[] = [];
	/**
	 * {@link chunkBytes} of `#unsaved`, updated as chunks are added and taken, because the recorder
	 * reads it for every batch.
	 */
	#unsavedBytes = 0;
	#openDirty = false;
	#metaDirty = true;
	#sealedRecords: number;
	#sealedBytes: number;
	#openBytes = 0;
	#release: (() => void) | null = null;
	#finished = false;

	constructor(info: SessionInfo, builder: ChunkBuilder) {
		this.info = info;
		this.#builder = builder;
		this.#sealedRecords = info.recordCount;
		this.#sealedBytes = info.bytes;
		const locks = (globalThis.navigator as Navigator | undefined)?.locks;
		// The browser grants the lock in a later task, which can come after `finish` when a small
		// file is read at once. A finished session then releases it at once, so that other pages
		// can delete the session.
		void locks?.request(lockName(info.id), () =>
			this.#finished ? undefined : new Promise<void>((resolve) => (this.#release = resolve))
		);
	}

	/** True when something has not been written yet. */
	get dirty(): boolean {
		return this.#unsaved.length > 0 || this.#openDirty || this.#metaDirty;
	}

	/** True when the session row has changed since it was last taken and counts a record. */
	get rowDirty(): boolean {
		return this.#metaDirty && this.recordCount > 0;
	}

	/** Full chunks waiting to be written. */
	get unsavedChunks(): number {
		return this.#unsaved.length;
	}

	/** Bytes of the full chunks waiting to be written, as {@link chunkBytes} counts them. */
	get unsavedBytes(): number {
		return this.#unsavedBytes;
	}

	/** Records received, written or not. */
	get recordCount(): number {
		return this.#sealedRecords + this.#builder.openCount;
	}

	append(batch: ColumnBatch): void {
		const sealed = this.#builder.append(batch);
		for (const chunk of sealed) {
			const bytes = chunkBytes(chunk);
			this.#unsaved.push(chunk);
			this.#unsavedBytes += bytes;
			this.#sealedRecords += chunk.count;
			this.#sealedBytes += bytes;
		}
		if (sealed.length > 0) this.#openBytes = 0;
		this.#openDirty = this.#builder.openCount > 0;
		// Local variables, not the info's fields, in the loop: it runs once per record.
		let start = this.info.start;
		let end = this.info.end;
		for (let i = 0; i < batch.count; i++) {
			const time = batch.time[i];
			if (Number.isNaN(start) || time < start) start = time;
			if (Number.isNaN(end) || time > end) end = time;
		}
		this.info.start = start;
		this.info.end = end;
		this.#metaDirty = true;
	}

	/** Marks the session complete and lets other pages know it is no longer recorded. */
	finish(): void {
		this.#finished = true;
		this.deferWrites = false;
		this.info.state = 'complete';
		this.#metaDirty = true;
		this.#release?.();
		this.#release = null;
	}

	/** Takes what is to be written, or null when nothing is (an empty session is never stored). */
	take(): PendingWrite | null {
		if (!this.dirty) return null;
		if (this.recordCount === 0) {
			this.#metaDirty = false;
			return null;
		}
		const chunks = this.#unsaved.splice(0);
		this.#unsavedBytes = 0;
		const sealedCount = chunks.length;
		if (this.#openDirty) {
			const open = this.#builder.snapshot();
			if (open !== null) {
				chunks.push(open);
				this.#openBytes = chunkBytes(open);
			}
		}
		this.#openDirty = false;
		this.#metaDirty = false;
		return { track: this, chunks, sealedCount, info: this.#row(), rowOnly: false };
	}

	/**
	 * Takes the session row alone and leaves the chunks waiting, for a file being read, so that
	 * the history page lists the session and its count while it records. Returns null when the row
	 * has not changed or the session has no record yet. The row then counts records whose chunks
	 * are not stored yet; `markInterrupted` counts again a session whose page closed before that.
	 */
	takeRow(): PendingWrite | null {
		if (!this.#metaDirty || this.recordCount === 0) return null;
		this.#metaDirty = false;
		return { track: this, chunks: [], sealedCount: 0, info: this.#row(), rowOnly: true };
	}

	#row(): SessionInfo {
		return {
			...this.info,
			series: [...this.info.series],
			recordCount: this.recordCount,
			bytes: this.#sealedBytes + this.#openBytes
		};
	}

	/** Puts back what a failed write took, to be written next time. */
	restore(pending: PendingWrite): void {
		const sealed = pending.chunks.slice(0, pending.sealedCount);
		this.#unsaved.unshift(...sealed);
		for (const chunk of sealed) this.#unsavedBytes += chunkBytes(chunk);
		if (pending.chunks.length > pending.sealedCount) this.#openDirty = true;
		this.#metaDirty = true;
	}

	/**
	 * Drops the oldest unwritten chunks beyond `max`, so that memory stays bounded while writes
	 * keep failing. Returns the number of records dropped.
	 */
	trimUnsaved(max: number): number {
		if (this.#unsaved.length <= max) return 0;
		const dropped = this.#unsaved.splice(0, this.#unsaved.length - max);
		const records = dropped.reduce((sum, chunk) => sum + chunk.count, 0);
		this.#sealedRecords -= records;
		const bytes = dropped.reduce((sum, chunk) => sum + chunkBytes(chunk), 0);
		this.#sealedBytes -= bytes;
		this.#unsavedBytes -= bytes;
		return records;
	}

	/** Accounts for stored chunks deleted to make room: their records and bytes are gone. */
	dropped(records: number, bytes: number, newStart: number): void {
		this.#sealedRecords -= records;
		this.#sealedBytes -= bytes;
		this.info.start = newStart;
		this.#metaDirty = true;
	}
}
