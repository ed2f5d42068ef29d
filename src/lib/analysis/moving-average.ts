/**
 * Simple moving average over the last `window` finite values, O(1) per value.
 *
 * Hand-written because simple-statistics (7.x) has no incremental API. Non-finite values are
 * skipped, so one NaN does not poison later averages. Until `window` finite values have been
 * seen, the average is over the values seen so far and `isPartial` is true. Missing values are
 * never counted as zeros.
 */
export class MovingAverage {
	readonly window: number;
	#values: Float64Array;
	#next = 0;
	#filled = 0;
	#sum = 0;
	#pushesSinceResum = 0;

	/** @param window - Number of values averaged, an integer of at least 1. */
	constructor(window: number) {
		if (!Number.isInteger(window) || window < 1) {
			throw new RangeError(
				`invalid moving-average window ${window}: expected an integer of at least 1`
			);
		}
		this.window = window;
		this.#values = new Float64Array(window);
	}

	/**
	 * Adds `x` unless it is not finite, and returns the current average: NaN before the first
	 * finite value.
	 */
	push(x: number): number {
		if (Number.isFinite(x)) {
			if (this.#filled === this.window) {
				this.#sum -= this.#values[this.#next];
			} else {
				this.#filled++;
			}
			this.#values[this.#next] = x;
			this.#sum += x;
			this.#next = this.#next + 1 === this.window ? 0 : this.#next + 1;

			// Adding and subtracting leaves rounding error in the sum, so it is summed afresh
			// once per window, which keeps the cost O(1) per value on average.
			this.#pushesSinceResum++;
			if (this.#pushesSinceResum >= this.window) this.#resum();
		}
		return this.current;
	}

	/** Average of the finite values in the window, or NaN when there are none. */
	get current(): number {
		return this.#filled === 0 ? NaN : this.#sum / this.#filled;
	}

	/** Whether fewer than `window` finite values have been seen, so `current` is partial. */
	get isPartial(): boolean {
		return this.#filled < this.window;
	}

	/** Number of finite values in the window. */
	get filled(): number {
		return this.#filled;
	}

	reset(): void {
		this.#next = 0;
		this.#filled = 0;
		this.#sum = 0;
		this.#pushesSinceResum = 0;
	}

	#resum(): void {
		let sum = 0;
		for (let i = 0; i < this.#filled; i++) sum += this.#values[i];
		this.#sum = sum;
		this.#pushesSinceResum = 0;
	}
}
