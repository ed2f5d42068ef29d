import { quantileSorted } from 'simple-statistics';

/**
 * The last `capacity` values in sorted order, for order statistics over a sliding window.
 * Insert and remove cost O(capacity) (a binary search, then a shift), which is fine up to a
 * few thousand values. simple-statistics has no sliding order statistics.
 */
export class SortedWindow {
	readonly capacity: number;
	#sorted: number[] = [];
	#arrival: number[] = [];
	#head = 0;

	constructor(capacity: number) {
		this.capacity = capacity;
	}

	/** Adds `x`, dropping the oldest value once full. Non-finite values are ignored. */
	push(x: number): void {
		if (!Number.isFinite(x)) return;
		if (this.#arrival.length - this.#head === this.capacity) {
			const oldest = this.#arrival[this.#head++];
			this.#sorted.splice(this.#search(oldest), 1);
			// Compact the arrival queue now and then, so it does not grow without bound.
			if (this.#head > this.capacity) {
				this.#arrival = this.#arrival.slice(this.#head);
				this.#head = 0;
			}
		}
		this.#arrival.push(x);
		this.#sorted.splice(this.#search(x), 0, x);
	}

	get size(): number {
		return this.#sorted.length;
	}

	get min(): number {
		return this.#sorted.length === 0 ? NaN : this.#sorted[0];
	}

	get max(): number {
		return this.#sorted.length === 0 ? NaN : this.#sorted[this.#sorted.length - 1];
	}

	/** Median of the window (mean of the middle two for an even count), NaN when empty. */
	get median(): number {
		const n = this.#sorted.length;
		if (n === 0) return NaN;
		const mid = n >> 1;
		return n % 2 === 1 ? this.#sorted[mid] : (this.#sorted[mid - 1] + this.#sorted[mid]) / 2;
	}

	/**
	 * Quantile `p` (0 to 1) of the window by linear interpolation between the two nearest ranks
	 * (R's type 7, numpy's default), NaN when empty.
	 */
	quantile(p: number): number {
		return this.#sorted.length === 0 ? NaN : quantileSorted(this.#sorted, p);
	}

	#search(x: number): number {
		let low = 0;
		let high = this.#sorted.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.#sorted[mid] < x) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}
