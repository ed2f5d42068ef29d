/**
 * Paces a stream at a fixed rate. Record i is due at startMs + i · 1000 / rate, and the
 * number due is computed from the elapsed time at each call, never by adding up intervals,
 * so timer lateness does not accumulate into drift.
 *
 * Times are in milliseconds on one monotonic clock, e.g. `performance.now()`.
 */
export class RatePacer {
	readonly #rate: number;
	readonly #startMs: number;
	readonly #limit: number;
	#taken = 0;

	/**
	 * @param rate records per second, above 0
	 * @param limit total records of the run, or Infinity for no limit
	 */
	constructor(rate: number, startMs: number, limit = Infinity) {
		if (!(rate > 0)) throw new RangeError(`invalid rate ${rate}: expected a number above 0`);

		this.#rate = rate;
		this.#startMs = startMs;
		this.#limit = limit;
	}

	/** Records handed out so far. */
	get taken(): number {
		return this.#taken;
	}

	/** Whether every record up to the limit has been handed out. */
	get finished(): boolean {
		return this.#taken >= this.#limit;
	}

	/** Returns how many records are due at `nowMs` and not yet taken, at most `max`. */
	due(nowMs: number, max = Infinity): number {
		const elapsedMs = Math.max(0, nowMs - this.#startMs);
		// Record 0 is due at the start, so the count is one more than the whole intervals elapsed.
		const dueTotal = Math.min(Math.floor((elapsedMs * this.#rate) / 1000) + 1, this.#limit);

		return Math.max(0, Math.min(dueTotal - this.#taken, max));
	}

	/** Marks `n` more records as handed out. */
	take(n: number): void {
		this.#taken += n;
	}

	/** Returns the time at which the next record not yet taken is due. */
	nextDueMs(): number {
		return this.#startMs + (this.#taken * 1000) / this.#rate;
	}
}

/**
 * Returns how many records a run of `durationS` seconds at `rate` contains: those due strictly
 * before the end. The tolerance keeps 0.1 s × 30/s at 3 records despite floating-point error.
 */
export function recordsInDuration(durationS: number, rate: number): number {
	return Math.max(0, Math.ceil(durationS * rate - 1e-9));
}
