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

	constructor(column: NumericColumn) {
		const blocks = Math.ceil(column.length / BLOCK_SIZE);
		this.#column = column;
		this.#minIndex = new Int32Array(blocks);
		this.#maxIndex = new Int32Array(blocks);
		this.#firstIndex = new Int32Array(blocks);
		this.#lastIndex = new Int32Array(blocks);
		this.#stale = new Uint8Array(blocks).fill(1);
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
	 * Summarises the stale blocks among [fromBlock, toBlock), after which the index arrays of
	 * those blocks can be read directly, as a scan over many blocks does.
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

	/** Physical index of each block's last finite value; read after `refresh`. */
	get lastIndexes(): Int32Array {
		return this.#lastIndex;
	}

	/** Physical index of each block's min; read after `refresh`. */
	get minIndexes(): Int32Array {
		return this.#minIndex;
	}

	/** Physical index of each block's max; read after `refresh`. */
	get maxIndexes(): Int32Array {
		return this.#maxIndex;
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
		for (let p = start; p < end; p++) {
			const v = column[p];
			// v - v is NaN exactly when v is NaN or ±Infinity.
			if (v - v !== 0) continue;
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
		this.#stale[block] = 0;
	}
}
