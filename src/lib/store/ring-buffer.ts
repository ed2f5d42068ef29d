import { BlockExtremes } from './block-extremes';

/** Element type of an extra column. Each column uses the narrowest type that fits its data. */
export type ColumnKind = 'float64' | 'float32' | 'int32' | 'uint8';

/** A typed array that can back a column of the ring. */
export type NumericColumn = Float64Array | Float32Array | Int32Array | Uint8Array;

/** Value written into an extra column for records whose append did not supply it. */
const DEFAULT_FILL: Record<ColumnKind, number> = {
	float64: NaN,
	float32: NaN,
	// -1 is the "no category" index of ColumnBatch.category.
	int32: -1,
	uint8: 0
};

function allocateColumn(kind: ColumnKind, length: number): NumericColumn {
	switch (kind) {
		case 'float64':
			return new Float64Array(length);
		case 'float32':
			return new Float32Array(length);
		case 'int32':
			return new Int32Array(length);
		case 'uint8':
			return new Uint8Array(length);
	}
}

function checkCapacity(capacity: number): void {
	if (!Number.isInteger(capacity) || capacity < 1) {
		throw new RangeError(`invalid ring capacity ${capacity}: expected an integer of at least 1`);
	}
}

/**
 * Fixed-capacity columnar ring buffer of records: one time column, one value column per series
 * and any number of named extra columns, all typed arrays of the same capacity.
 *
 * Logical index 0 is the oldest record kept and `length - 1` the newest. When an append goes
 * over capacity, the oldest records are overwritten and counted in `dropped`.
 * The column getters return the physical arrays, so read them through `physical(i)`. Code that
 * writes into a column in place must call `markWritten` with it, because the block summaries
 * of `blockExtremes` would otherwise describe the old values.
 */
export class ColumnRing {
	#capacity: number;
	#head = 0;
	#length = 0;
	#dropped = 0;
	/** Count of adjacent logical pairs whose time goes down or is NaN. Zero means time is sorted. */
	#descents = 0;
	#time: Float64Array;
	#values: Float64Array[];
	#extras = new Map<string, NumericColumn>();
	readonly #extraKinds: ReadonlyMap<string, ColumnKind>;
	/** Block summaries of the columns that scans asked for, by physical column. */
	#summaries = new Map<NumericColumn, BlockExtremes>();

	/**
	 * @param capacity - Maximum number of records kept, an integer of at least 1.
	 * @param seriesCount - Number of value columns.
	 * @param extras - Extra columns by name and element type. Records appended without a value
	 *   for a column get NaN (float kinds), -1 (int32) or 0 (uint8).
	 */
	constructor(
		capacity: number,
		seriesCount: number,
		extras: Readonly<Record<string, ColumnKind>> = {}
	) {
		checkCapacity(capacity);
		if (!Number.isInteger(seriesCount) || seriesCount < 0) {
			throw new RangeError(`invalid series count ${seriesCount}: expected an integer of 0 or more`);
		}
		this.#capacity = capacity;
		this.#time = new Float64Array(capacity);
		this.#values = Array.from({ length: seriesCount }, () => new Float64Array(capacity));
		this.#extraKinds = new Map(Object.entries(extras));
		for (const [name, kind] of this.#extraKinds) {
			this.#extras.set(name, allocateColumn(kind, capacity));
		}
	}

	get capacity(): number {
		return this.#capacity;
	}

	/** Number of records kept. */
	get length(): number {
		return this.#length;
	}

	/** Records overwritten or cut by `resize` since construction or the last `clear`. */
	get dropped(): number {
		return this.#dropped;
	}

	/** Whether the kept times are non-decreasing and none is NaN, so binary search works. */
	get sorted(): boolean {
		// Descents count pairs, and a NaN breaks every pair it is in. A lone record has no pair.
		if (this.#length === 1) return !Number.isNaN(this.timeAt(0));
		return this.#descents === 0;
	}

	get seriesCount(): number {
		return this.#values.length;
	}

	/** Physical time column, epoch ms. `resize` replaces it, so do not keep it across calls. */
	get time(): Float64Array {
		return this.#time;
	}

	/** Physical value column of one series. `resize` replaces it. */
	values(series: number): Float64Array {
		const column = this.#values[series];
		if (column === undefined) {
			throw new RangeError(`series ${series} not found: the ring has ${this.seriesCount} series`);
		}
		return column;
	}

	/** Physical extra column by name. `resize` replaces it. */
	column(name: string): NumericColumn {
		const column = this.#extras.get(name);
		if (column === undefined) {
			throw new RangeError(`extra column "${name}" not found in the ring`);
		}
		return column;
	}

	/**
	 * Returns the block summary of one of the ring's physical value or extra columns, made on
	 * first use and kept up to date by appends and `markWritten`. `resize` drops every summary.
	 */
	blockExtremes(column: NumericColumn): BlockExtremes {
		let summary = this.#summaries.get(column);
		if (summary === undefined) {
			if (
				!this.#values.includes(column as Float64Array) &&
				![...this.#extras.values()].includes(column)
			) {
				throw new RangeError('column not found in the ring: pass one of its physical columns');
			}
			summary = new BlockExtremes(column, this.#time);
			this.#summaries.set(column, summary);
		}
		return summary;
	}

	/** Marks every block summary of `column` stale, after code wrote into it in place. */
	markWritten(column: NumericColumn): void {
		this.#summaries.get(column)?.markAllStale();
	}

	/** Maps a logical index (0 = oldest) in [0, length) to its physical array index. */
	physical(logical: number): number {
		const index = this.#head + logical;
		return index >= this.#capacity ? index - this.#capacity : index;
	}

	timeAt(logical: number): number {
		return this.#time[this.physical(logical)];
	}

	valueAt(series: number, logical: number): number {
		return this.values(series)[this.physical(logical)];
	}

	/** Smallest kept time, or NaN when empty. Scans the buffer unless `sorted`. */
	minTime(): number {
		if (this.#length === 0) return NaN;
		if (this.sorted) return this.timeAt(0);
		let min = Infinity;
		for (let i = 0; i < this.#length; i++) {
			const t = this.#time[this.physical(i)];
			if (t < min) min = t;
		}
		return min === Infinity ? NaN : min;
	}

	/** Largest kept time, or NaN when empty. Scans the buffer unless `sorted`. */
	maxTime(): number {
		if (this.#length === 0) return NaN;
		if (this.sorted) return this.timeAt(this.#length - 1);
		let max = -Infinity;
		for (let i = 0; i < this.#length; i++) {
			const t = this.#time[this.physical(i)];
			if (t > max) max = t;
		}
		return max === -Infinity ? NaN : max;
	}

	/**
	 * Appends `count` records after the newest, overwriting the oldest when over capacity.
	 *
	 * When `count` exceeds the capacity, only the last `capacity` records of the batch are
	 * stored. Throws a RangeError when a column is shorter than `count`, the number of value
	 * columns differs from `seriesCount`, or an extra column name is unknown.
	 */
	append(
		count: number,
		time: Float64Array,
		values: readonly Float64Array[],
		extras: Readonly<Record<string, NumericColumn>> = {}
	): void {
		this.#checkBatch(count, time, values, extras);
		if (count === 0) return;

		this.#countDescents(count, time);

		const capacity = this.#capacity;
		const stored = Math.min(count, capacity);
		const sourceStart = count - stored;
		let tail = this.#head + this.#length;
		if (tail >= capacity) tail -= capacity;

		this.#copyIn(this.#time, time, sourceStart, stored, tail);
		for (let s = 0; s < values.length; s++) {
			this.#copyIn(this.#values[s], values[s], sourceStart, stored, tail);
		}
		for (const [name, column] of this.#extras) {
			const source = extras[name];
			if (source === undefined) {
				this.#fillIn(column, DEFAULT_FILL[this.#extraKinds.get(name)!], stored, tail);
			} else {
				this.#copyIn(column, source, sourceStart, stored, tail);
			}
		}
		const first = Math.min(stored, capacity - tail);
		for (const summary of this.#summaries.values()) {
			summary.markStale(tail, first);
			summary.markStale(0, stored - first);
		}

		const total = this.#length + count;
		const kept = Math.min(total, capacity);
		this.#dropped += total - kept;
		this.#length = kept;
		let newTail = tail + stored;
		if (newTail >= capacity) newTail -= capacity;
		this.#head = newTail - kept;
		if (this.#head < 0) this.#head += capacity;
	}

	/**
	 * Drops the newest records so that `length` records stay, for a caller that rewrites the
	 * tail in a new order. They are not counted in `dropped`.
	 */
	truncate(length: number): void {
		if (!Number.isInteger(length) || length < 0 || length > this.#length) {
			throw new RangeError(
				`invalid length ${length}: expected an integer from 0 to ${this.#length}`
			);
		}
		for (let k = Math.max(length, 1); k < this.#length; k++) {
			if (!(this.timeAt(k) >= this.timeAt(k - 1))) this.#descents--;
		}
		this.#length = length;
	}

	/** Empties the buffer and resets `dropped`. Capacity and columns stay. */
	clear(): void {
		this.#head = 0;
		this.#length = 0;
		this.#dropped = 0;
		this.#descents = 0;
	}

	/**
	 * Changes the capacity, keeping the newest records in order.
	 * Records cut because they no longer fit are added to `dropped`.
	 */
	resize(capacity: number): void {
		checkCapacity(capacity);
		const kept = Math.min(this.#length, capacity);
		const start = this.#length - kept;

		this.#time = this.#copyOut(this.#time, new Float64Array(capacity), start, kept);
		this.#values = this.#values.map((column) =>
			this.#copyOut(column, new Float64Array(capacity), start, kept)
		);
		for (const [name, column] of this.#extras) {
			const kind = this.#extraKinds.get(name)!;
			this.#extras.set(name, this.#copyOut(column, allocateColumn(kind, capacity), start, kept));
		}

		this.#summaries.clear();
		this.#dropped += this.#length - kept;
		this.#capacity = capacity;
		this.#head = 0;
		this.#length = kept;
		this.#descents = 0;
		for (let i = 1; i < kept; i++) {
			if (!(this.#time[i] >= this.#time[i - 1])) this.#descents++;
		}
	}

	/**
	 * Returns the first logical index whose time is at least `time`, or `length` when none is.
	 * Throws when the buffer is not `sorted`, because a binary search would then be wrong.
	 */
	lowerBound(time: number): number {
		this.#checkSorted('lowerBound');
		let low = 0;
		let high = this.#length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#time[this.physical(middle)] < time) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	/**
	 * Returns the first logical index whose time is greater than `time`, or `length` when none
	 * is. Throws when the buffer is not `sorted`.
	 */
	upperBound(time: number): number {
		this.#checkSorted('upperBound');
		let low = 0;
		let high = this.#length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#time[this.physical(middle)] <= time) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	#checkSorted(method: string): void {
		if (!this.sorted) {
			throw new Error(`${method} needs times in non-decreasing order; check ring.sorted first`);
		}
	}

	#checkBatch(
		count: number,
		time: Float64Array,
		values: readonly Float64Array[],
		extras: Readonly<Record<string, NumericColumn>>
	): void {
		if (!Number.isInteger(count) || count < 0) {
			throw new RangeError(`invalid record count ${count}: expected an integer of 0 or more`);
		}
		if (time.length < count) {
			throw new RangeError(`time column has ${time.length} entries, fewer than count ${count}`);
		}
		if (values.length !== this.#values.length) {
			throw new RangeError(
				`batch has ${values.length} value columns but the ring has ${this.#values.length} series`
			);
		}
		for (let s = 0; s < values.length; s++) {
			if (values[s].length < count) {
				throw new RangeError(
					`value column ${s} has ${values[s].length} entries, fewer than count ${count}`
				);
			}
		}
		for (const [name, column] of Object.entries(extras)) {
			if (!this.#extras.has(name)) {
				throw new RangeError(`extra column "${name}" not found in the ring`);
			}
			if (column.length < count) {
				throw new RangeError(
					`extra column "${name}" has ${column.length} entries, fewer than count ${count}`
				);
			}
		}
	}

	/**
	 * Updates the descent count for appending `count` times. Pairs are taken over the kept
	 * records followed by the batch, and pairs that the append pushes out are taken off again,
	 * so `sorted` becomes true once the last out-of-order pair leaves the buffer.
	 */
	#countDescents(count: number, time: Float64Array): void {
		const length = this.#length;
		const total = length + count;
		const dropped = total - Math.min(total, this.#capacity);
		let descents = this.#descents;

		// The pair across the join, then the batch's own pairs straight from its column, because
		// this runs for every record appended.
		if (length > 0 && !(time[0] >= this.timeAt(length - 1))) descents++;
		for (let i = 1; i < count; i++) {
			if (!(time[i] >= time[i - 1])) descents++;
		}
		for (let k = 0; k < dropped; k++) {
			if (!(this.#combinedTime(k + 1, time) >= this.#combinedTime(k, time))) descents--;
		}
		this.#descents = descents;
	}

	/** Time at index `k` of the kept records followed by the incoming batch. */
	#combinedTime(k: number, batchTime: Float64Array): number {
		return k < this.#length ? this.#time[this.physical(k)] : batchTime[k - this.#length];
	}

	/** Copies `count` source entries from `sourceStart` to physical `tail`, wrapping at the end. */
	#copyIn(
		target: NumericColumn,
		source: NumericColumn,
		sourceStart: number,
		count: number,
		tail: number
	): void {
		const first = Math.min(count, this.#capacity - tail);
		target.set(source.subarray(sourceStart, sourceStart + first), tail);
		if (first < count) {
			target.set(source.subarray(sourceStart + first, sourceStart + count), 0);
		}
	}

	#fillIn(target: NumericColumn, value: number, count: number, tail: number): void {
		const first = Math.min(count, this.#capacity - tail);
		target.fill(value, tail, tail + first);
		if (first < count) target.fill(value, 0, count - first);
	}

	/** Copies logical records [start, start + count) to the front of `target` and returns it. */
	#copyOut<T extends NumericColumn>(
		source: NumericColumn,
		target: T,
		start: number,
		count: number
	): T {
		const begin = this.physical(start);
		const first = Math.min(count, this.#capacity - begin);
		target.set(source.subarray(begin, begin + first), 0);
		if (first < count) target.set(source.subarray(0, count - first), first);
		return target;
	}
}
