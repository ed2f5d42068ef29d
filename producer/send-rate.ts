/**
 * Measures the rate at which a run sends records: the records sent after the first send, divided
 * by the time from the first send to the latest. The first send's records fell due before it, so
 * leaving them out makes the count match the span, however many records each send carries.
 *
 * Times are in milliseconds on one monotonic clock, e.g. `performance.now()`.
 */
export class SendRateMeter {
	#firstMs = NaN;
	#lastMs = NaN;
	#firstRecords = 0;
	#total = 0;

	/** Notes that `records` records were sent at `nowMs`; a send of none is ignored. */
	sent(records: number, nowMs: number): void {
		if (records <= 0) return;

		if (Number.isNaN(this.#firstMs)) {
			this.#firstMs = nowMs;
			this.#firstRecords = records;
		}
		this.#lastMs = nowMs;
		this.#total += records;
	}

	/** Records sent so far. */
	get total(): number {
		return this.#total;
	}

	/** Seconds from the first send to the latest, or 0 before the first. */
	get spanS(): number {
		return Number.isNaN(this.#firstMs) ? 0 : (this.#lastMs - this.#firstMs) / 1000;
	}

	/** Records per second from the first send to the latest, or NaN while that span is empty. */
	rate(): number {
		const spanS = this.spanS;
		if (!(spanS > 0)) return NaN;
		return (this.#total - this.#firstRecords) / spanS;
	}

	/**
	 * Describes the rate for the closing log line, e.g. `send rate 99998.4 records/s over 60.00 s
	 * (100000 requested)`; the benchmark reads the number after `send rate`.
	 */
	describe(requestedRate: number): string {
		const rate = this.rate();
		const measured = Number.isNaN(rate) ? 'n/a' : `${rate.toFixed(1)} records/s`;
		return `send rate ${measured} over ${this.spanS.toFixed(2)} s (${requestedRate} requested)`;
	}
}
