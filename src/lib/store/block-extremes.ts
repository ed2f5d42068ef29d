import type { NumericColumn } from './ring-buffer';

/**
 * Base-2 logarithm of the records per block. Of 32 to 256, 64 records per block measured fastest in
 * Node for a full view of 1,000,000 records over 796 pixel columns. Larger blocks straddle a pixel
 * column's edge more often, and each straddling block is scanned record by record.
 */
export const BLOCK_SHIFT = 6;

/** Records per block. */
export const BLOCK_SIZE = 1 << BLOCK_SHIFT;

/** Index entry of a block without a finite value. */
const NONE = -1;

/**
 * Copies kept per block: its min and max with their times, and the times of its first and last
 * finite values.
 */
export interface BlockCopies {
	minValue: Float64Array;
	maxValue: Float64Array;
	minTime: Float64Array;
	maxTime: Float64Array;
	firstTime: Float64Array;
	lastTime: Float64Array;
}

/**
 * Summary of one physical column of a ring per block of BLOCK_SIZE physical records: the
 * physical index of its min and of its max (the first record of each, in physical order), and of
 * its first and last finite value. Non-finite values are left out.
 *
 * The summary describes the physical arrays, not the ring's logical order, so `truncate` and
 * `clear` leave it true. A write into the column makes its blocks stale, and a stale block is
 * summarised again when read: the ring marks the blocks its appends write, and code that writes
 * into a column in place calls `ColumnRing.markWritten`. A block's records are in logical
 * order only when the block does not contain the ring's head, which a caller must check.
 */
export class BlockExtremes {
	readonly #column: NumericColumn;
	readonly #minIndex: Int32Array;
	readonly #maxIndex: Int32Array;
	readonly #firstIndex: Int32Array;
	readonly #lastIndex: Int32Array;
	/** 1 for a block whose indexes must be computed again before they are read. */
	readonly #stale: Uint8Array;
	/** 1 for a block that holds a NaN: a record without a number, which may break a line. */
	readonly #hasNaN: Uint8Array;
	/** The ring's time column, when the summary also keeps the values and times it indexes. */
	readonly #time: Float64Array | null;
	readonly #copies: BlockCopies | null;

	/**
	 * @param time - The ring's physical time column. With it, the summary also keeps a copy of
	 *   each block's min and max with their times, and the times of its first and last finite
	 *   values. A scan of many blocks then reads these in sequence. Read from the columns, they
	 *   were four scattered places per block, and a full view took about twice as long in Node.
	 */
	constructor(column: NumericColumn, time?: Float64Array) {
		const blocks = Math.ceil(column.length / BLOCK_SIZE);
		this.#column = column;
		this.#minIndex = new Int32Array(blocks);
		this.#maxIndex = new Int32Array(blocks);
		this.#firstIndex = new Int32Array(blocks);
		this.#lastIndex = new Int32Array(blocks);
		this.#stale = new Uint8Array(blocks).fill(1);
		this.#hasNaN = new Uint8Array(blocks);
		this.#time = time ?? null;
		this.#copies =
			time === undefined
				? null
				: {
						minValue: new Float64Array(blocks),
						maxValue: new Float64Array(blocks),
						minTime: new Float64Array(blocks),
						maxTime: new Float64Array(blocks),
						firstTime: new Float64Array(blocks),
						lastTime: new Float64Array(blocks)
					};
	}

	/**
	 * Returns the copies of each block's extremes and times, read after `refresh`.
	 *
	 * @throws Error when the summary was made without the time column.
	 */
	get copies(): BlockCopies {
		if (this.#copies === null) throw new Error('block summary made without the time column');
		return this.#copies;
	}

	/** Marks the blocks of physical records [start, start + count) stale. The range must not wrap. */
	markStale(start: number, count: number): void {
		if (count <= 0) return;
		this.#stale.fill(1, start >> BLOCK_SHIFT, ((start + count - 1) >> BLOCK_SHIFT) + 1);
	}

	markAllStale(): void {
		this.#stale.fill(1);
	}

	/**
	 * Returns the physical index of the first finite value of `block`, or -1 when it has none.
	 * Reads of the other indexes of a block are valid after this call.
	 */
	first(block: number): number {
		if (this.#stale[block] === 1) this.#summarise(block);
		return this.#firstIndex[block];
	}

	/**
	 * Summarises the stale blocks among [fromBlock, toBlock). Their first indexes and copies can
	 * then be read directly, as a scan over many blocks does.
	 */
	refresh(fromBlock: number, toBlock: number): void {
		const stale = this.#stale;
		for (let block = fromBlock; block < toBlock; block++) {
			if (stale[block] === 1) this.#summarise(block);
		}
	}

	/** Physical index of each block's first finite value, or -1; read after `refresh`. */
	get firstIndexes(): Int32Array {
		return this.#firstIndex;
	}

	/** 1 for each block that holds a NaN, else 0; read after `refresh`. */
	get nanFlags(): Uint8Array {
		return this.#hasNaN;
	}

	/** Physical index of the last finite value, valid after `first`. */
	last(block: number): number {
		return this.#lastIndex[block];
	}

	/** Physical index of the block's min, valid after `first`. */
	min(block: number): number {
		return this.#minIndex[block];
	}

	/** Physical index of the block's max, valid after `first`. */
	max(block: number): number {
		return this.#maxIndex[block];
	}

	/** Scans one block with the comparisons of a record-by-record scan, so ties resolve alike. */
	#summarise(block: number): void {
		const column = this.#column;
		const start = block << BLOCK_SHIFT;
		const end = Math.min(start + BLOCK_SIZE, column.length);
		let first = NONE;
		let last = NONE;
		let low = 0;
		let high = 0;
		let lowIndex = NONE;
		let highIndex = NONE;
		let hasNaN = 0;
		for (let p = start; p < end; p++) {
			const v = column[p];
			// v - v is NaN exactly when v is NaN or ±Infinity.
			if (v - v !== 0) {
				if (v !== v) hasNaN = 1;
				continue;
			}
			if (first === NONE) {
				first = p;
				low = high = v;
				lowIndex = highIndex = p;
			} else if (v < low) {
				low = v;
				lowIndex = p;
			} else if (v > high) {
				high = v;
				highIndex = p;
			}
			last = p;
		}
		this.#firstIndex[block] = first;
		this.#lastIndex[block] = last;
		this.#minIndex[block] = lowIndex;
		this.#maxIndex[block] = highIndex;
		this.#hasNaN[block] = hasNaN;
		this.#stale[block] = 0;
		const copies = this.#copies;
		const time = this.#time;
		if (copies !== null && time !== null && first !== NONE) {
			copies.minValue[block] = low;
			copies.maxValue[block] = high;
			copies.minTime[block] = time[lowIndex];
			copies.maxTime[block] = time[highIndex];
			copies.firstTime[block] = time[first];
			copies.lastTime[block] = time[last];
		}
	}
}
