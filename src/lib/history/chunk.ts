import type { ColumnBatch } from '../protocol';

/** Records per stored chunk: large enough that a fast stream writes few values, small enough
 * that the open chunk is cheap to rewrite at every flush. */
export const CHUNK_RECORDS = 4096;

/**
 * A run of consecutive records of one session in columns, as one IndexedDB value keyed by
 * [sessionId, seq]. Each chunk carries its own category dictionary, so that any chunk can be
 * read, exported or deleted without the others.
 */
export interface StoredChunk {
	sessionId: string;
	/** Position of the chunk in its session, from 0. */
	seq: number;
	count: number;
	/** Smallest and largest record time in the chunk, epoch ms. */
	minTime: number;
	maxTime: number;
	/** Epoch ms of each record. */
	time: Float64Array;
	/** One column per series; NaN marks a gap. */
	values: Float64Array[];
	/** Index into `categories`, -1 for a record without one. */
	category: Int32Array;
	categories: string[];
}

/** Bytes a chunk takes in columns: an estimate of its size on disk, without IndexedDB's overhead. */
export function chunkBytes(chunk: StoredChunk): number {
	let bytes = chunk.time.byteLength + chunk.category.byteLength;
	for (const column of chunk.values) bytes += column.byteLength;
	for (const name of chunk.categories) bytes += 2 * name.length;
	return bytes;
}

/**
 * Fills one chunk at a time from column batches. The source's category dictionary grows
 * batch by batch (`newCategories`); the builder keeps it and gives each chunk a dictionary of
 * its own.
 */
export class ChunkBuilder {
	readonly sessionId: string;
	readonly seriesCount: number;
	#capacity: number;
	#seq: number;
	#count = 0;
	#time: Float64Array;
	#values: Float64Array[];
	#category: Int32Array;
	/** Source dictionary index → index in the open chunk's dictionary. */
	#local = new Map<number, number>();
	#localNames: string[] = [];
	#sourceNames: string[] = [];
	#minTime = Infinity;
	#maxTime = -Infinity;

	/**
	 * @param firstSeq - Sequence number of the first chunk; a continued session starts after
	 *   its last stored chunk.
	 */
	constructor(sessionId: string, seriesCount: number, firstSeq = 0, capacity = CHUNK_RECORDS) {
		this.sessionId = sessionId;
		this.seriesCount = seriesCount;
		this.#capacity = capacity;
		this.#seq = firstSeq;
		this.#time = new Float64Array(capacity);
		this.#values = Array.from({ length: seriesCount }, () => new Float64Array(capacity));
		this.#category = new Int32Array(capacity);
	}

	/** Records in the open chunk. */
	get openCount(): number {
		return this.#count;
	}

	/** Sequence number of the open chunk. */
	get openSeq(): number {
		return this.#seq;
	}

	/**
	 * Copies a batch's records in and returns the chunks it filled up, in order. The batch's
	 * arrays are only read, so the caller may hand them on afterwards.
	 *
	 * @throws RangeError when the batch has a different number of series than the session.
	 */
	append(batch: ColumnBatch): StoredChunk[] {
		if (batch.values.length !== this.seriesCount) {
			throw new RangeError(
				`batch has ${batch.values.length} value columns but the session has ${this.seriesCount}`
			);
		}
		this.#sourceNames.push(...batch.newCategories);
		// A source that maps no category sends a category column shorter than its count.
		const hasCategory = batch.category.length >= batch.count;
		const full: StoredChunk[] = [];
		for (let i = 0; i < batch.count; i++) {
			const at = this.#count;
			const time = batch.time[i];
			this.#time[at] = time;
			for (let s = 0; s < this.seriesCount; s++) this.#values[s][at] = batch.values[s][i];
			this.#category[at] = hasCategory ? this.#localCategory(batch.category[i]) : -1;
			if (time < this.#minTime) this.#minTime = time;
			if (time > this.#maxTime) this.#maxTime = time;
			this.#count = at + 1;
			if (this.#count === this.#capacity) full.push(this.#seal());
		}
		return full;
	}

	/** Copies the open chunk as it is now; returns null when it contains no record. */
	snapshot(): StoredChunk | null {
		if (this.#count === 0) return null;
		const n = this.#count;
		return {
			sessionId: this.sessionId,
			seq: this.#seq,
			count: n,
			minTime: this.#minTime,
			maxTime: this.#maxTime,
			time: this.#time.slice(0, n),
			values: this.#values.map((column) => column.slice(0, n)),
			category: this.#category.slice(0, n),
			categories: [...this.#localNames]
		};
	}

	#seal(): StoredChunk {
		const chunk = this.snapshot() as StoredChunk;
		this.#seq += 1;
		this.#count = 0;
		this.#local.clear();
		this.#localNames = [];
		this.#minTime = Infinity;
		this.#maxTime = -Infinity;
		return chunk;
	}

	#localCategory(sourceIndex: number): number {
		if (sourceIndex < 0 || sourceIndex >= this.#sourceNames.length) return -1;
		let local = this.#local.get(sourceIndex);
		if (local === undefined) {
			local = this.#localNames.length;
			this.#localNames.push(this.#sourceNames[sourceIndex]);
			this.#local.set(sourceIndex, local);
		}
		return local;
	}
}
