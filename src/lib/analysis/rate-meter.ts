/** Width of one arrival-count bucket, ms. */
export const BUCKET_MS = 250;

/** Buckets kept: 8 × 250 ms = the last 2 s of arrivals. */
export const BUCKET_COUNT = 8;

/**
 * Records-per-second estimate from arrival times, counted in BUCKET_MS buckets over the last
 * BUCKET_COUNT buckets. Time is passed in (ms, e.g. performance.now()) so tests control it.
 */
export class RateMeter {
	#counts = new Float64Array(BUCKET_COUNT);
	/** Bucket number (floor(now / BUCKET_MS)) that each slot currently counts. */
	#bucketIds = new Float64Array(BUCKET_COUNT).fill(NaN);
	#firstArrival = NaN;
	/** Records of the first arrival, which `rate` leaves out. */
	#firstCount = 0;

	/** Counts `count` records arriving at `now` (ms). Ignores a non-finite time or count ≤ 0. */
	record(count: number, now: number): void {
		if (!(count > 0) || !Number.isFinite(now)) return;
		if (Number.isNaN(this.#firstArrival)) this.#firstArrival = now;
		if (now === this.#firstArrival) this.#firstCount += count;

		const id = Math.floor(now / BUCKET_MS);
		const slot = ((id % BUCKET_COUNT) + BUCKET_COUNT) % BUCKET_COUNT;
		if (this.#bucketIds[slot] !== id) {
			this.#bucketIds[slot] = id;
			this.#counts[slot] = 0;
		}
		this.#counts[slot] += count;
	}

	/**
	 * Returns records per second over the buckets of the last 2 s, 0 when none arrived in them.
	 *
	 * While the first arrival is still in those buckets, the rate is the records that came after
	 * it divided by the time since it. The first arrival's own records are left out, because the
	 * source collected them over a time before it that the meter cannot see, so they would make
	 * the rate read high. Until one bucket of time has passed since the first arrival, the rate is
	 * NaN (not measured yet). So a burst in the first milliseconds does not read as a huge rate,
	 * and a first batch alone does not read as a low one.
	 */
	rate(now: number): number {
		const current = Math.floor(now / BUCKET_MS);
		const oldest = current - (BUCKET_COUNT - 1);
		let total = 0;
		for (let slot = 0; slot < BUCKET_COUNT; slot++) {
			const id = this.#bucketIds[slot];
			if (id >= oldest && id <= current) total += this.#counts[slot];
		}
		if (total === 0) return 0;

		const windowStart = oldest * BUCKET_MS;
		if (this.#firstArrival < windowStart) return (total * 1000) / (now - windowStart);

		const elapsedMs = now - this.#firstArrival;
		if (elapsedMs < BUCKET_MS) return NaN;
		return ((total - this.#firstCount) * 1000) / elapsedMs;
	}

	reset(): void {
		this.#counts.fill(0);
		this.#bucketIds.fill(NaN);
		this.#firstArrival = NaN;
		this.#firstCount = 0;
	}
}
