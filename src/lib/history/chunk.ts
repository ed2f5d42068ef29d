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
	/** Source dictionary index → index in the open chunk's dictionary, -1 while unused. */
	#local = new Int32Array(0);
	/** Source indices set in `#local`, so that sealing a chunk resets only those. */
	#localSources: number[] = [];
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
		this.#addSourceNames(batch.newCategories);
		// A source that maps no category sends a category column shorter than its count.
		const hasCategory = batch.category.length >= batch.count;
		const full: StoredChunk[] = [];
		let from = 0;
		while (from < batch.count) {
			const at = this.#count;
			const end = Math.min(batch.count, from + this.#capacity - at);
			// Whole runs of a column are copied with TypedArray.set, which the recording figure of
			// `npm run bench` showed to matter: a loop per record cost as much as the writes.
			this.#time.set(batch.time.subarray(from, end), at);
			for (let s = 0; s < this.seriesCount; s++) {
				this.#values[s].set(batch.values[s].subarray(from, end), at);
			}
			let minTime = this.#minTime;
			let maxTime = this.#maxTime;
			for (let i = from; i < end; i++) {
				const time = batch.time[i];
				if (time < minTime) minTime = time;
				if (time > maxTime) maxTime = time;
			}
			this.#minTime = minTime;
			this.#maxTime = maxTime;
			if (hasCategory) {
				for (let i = from; i < end; i++) {
					this.#category[at + i - from] = this.#localCategory(batch.category[i]);
				}
			} else {
				this.#category.fill(-1, at, at + end - from);
			}
			this.#count = at + end - from;
			from = end;
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
		for (const source of this.#localSources) this.#local[source] = -1;
		this.#localSources.length = 0;
		// Emptied in place: a new empty array is typed for small integers until its first name,
		// and that change of elements kind at every chunk made V8 recompile `append`.
		this.#localNames.length = 0;
		this.#minTime = Infinity;
		this.#maxTime = -Infinity;
		return chunk;
	}

	#addSourceNames(names: string[]): void {
		if (names.length === 0) return;
		this.#sourceNames.push(...names);
		const local = new Int32Array(this.#sourceNames.length).fill(-1);
		local.set(this.#local);
		this.#local = local;
	}

	#localCategory(sourceIndex: number): number {
		if (sourceIndex < 0 || sourceIndex >= this.#sourceNames.length) return -1;
		let local = this.#local[sourceIndex];
		if (local === -1) {
			local = this.#localNames.length;
			this.#localNames.push(this.#sourceNames[sourceIndex]);
			this.#local[sourceIndex] = local;
			this.#localSources.push(sourceIndex);
		}
		return local;
	}
}
