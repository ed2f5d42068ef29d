/**
 * Rolling record count: at each record, the number of records of its line whose times fall in
 * the window `(time - windowMs, time]`. A record exactly `windowMs` older than the current one
 * is out of the window, so a stream of one record a second counts 10 over a 10 s window.
 */

/** Minimum count window accepted, in ms (1 s). */
export const MIN_COUNT_WINDOW_MS = 1_000;

/** Maximum count window accepted, in ms (1 h). It bounds the entries of a line's queue. */
export const MAX_COUNT_WINDOW_MS = 3_600_000;

/** Windows the field picker offers, in ms. */
export const COUNT_WINDOW_PRESETS: readonly number[] = [10_000, 60_000, 300_000];

/** Labels of the preset windows, as the field picker and the count suggestion show them. */
export const COUNT_WINDOW_LABELS: Readonly<Record<number, string>> = {
	10_000: '10 s',
	60_000: '1 min',
	300_000: '5 min'
};

const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

/** A number with an optional unit: ms, s, m (or min) or h. A bare number is seconds. */
const WINDOW_TEXT = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|min|m|h)?$/;

/** Description of a valid count window, for messages about an invalid one. */
export const COUNT_WINDOW_EXPECTED =
	'a duration from 1s to 1h in ms, s, m or h, such as 10s, 1m or 5m (a bare number is seconds)';

/**
 * Parses a count window such as `10s`, `1m`, `5m`, `1h`, `1500ms` or `30` (seconds, as `span=`
 * reads them). Returns the window in ms, or NaN when the text is no duration or the duration is
 * not a whole number of ms from {@link MIN_COUNT_WINDOW_MS} to {@link MAX_COUNT_WINDOW_MS}.
 */
export function parseCountWindow(text: string): number {
	const match = WINDOW_TEXT.exec(text.trim());
	if (match === null) return NaN;
	const product = Number(match[1]) * unitMs[match[2] ?? 's'];
	// A decimal times its unit can miss the whole number by a rounding error: 1.001 * 1000 is
	// 1000.9999999999999, which is 1001 ms.
	const windowMs = Math.round(product);
	const whole = Math.abs(product - windowMs) < 1e-6;
	return whole && windowMs >= MIN_COUNT_WINDOW_MS && windowMs <= MAX_COUNT_WINDOW_MS
		? windowMs
		: NaN;
}

/** Writes a window in ms in the largest unit that divides it: 60000 is `1m`, 90000 is `90s`. */
export function formatCountWindow(windowMs: number): string {
	if (windowMs % 3_600_000 === 0) return `${windowMs / 3_600_000}h`;
	if (windowMs % 60_000 === 0) return `${windowMs / 60_000}m`;
	if (windowMs % 1_000 === 0) return `${windowMs / 1_000}s`;
	return `${windowMs}ms`;
}

/** Name of the count series over `windowMs`, such as `records per 1m`. */
export function recordCountName(windowMs: number): string {
	return `records per ${formatCountWindow(windowMs)}`;
}

/**
 * Counts records per line over a sliding time window, in O(1) amortised time per record.
 *
 * Each line keeps a queue of the distinct times in its window, with the number of records at
 * each, in arrival order. Memory per line is therefore at most one entry per record of one
 * window, and at most `windowMs` entries when times are whole milliseconds. Lines from
 * `maxLines` on are not counted, so the number of queues is bounded too.
 *
 * Records are expected in time order. A record older than the latest of its line is still
 * counted, as if it had come at that latest time. So the window is kept by arrival and never
 * moves back, and the count stays a count of the records that arrived, at least 1.
 */
export class RecordCounter {
	readonly windowMs: number;
	readonly #maxLines: number;
	readonly #lines: (LineWindow | undefined)[] = [];

	/**
	 * @param windowMs - Window length in ms, a positive finite number.
	 * @param maxLines - Number of lines counted, numbered from 0. Further lines get NaN.
	 * @throws RangeError when `windowMs` is not a positive finite number.
	 */
	constructor(windowMs: number, maxLines = Infinity) {
		if (!(windowMs > 0 && Number.isFinite(windowMs))) {
			throw new RangeError(`windowMs must be a positive finite number, got ${String(windowMs)}`);
		}
		this.windowMs = windowMs;
		this.#maxLines = maxLines;
	}

	/** Entries queued over all lines: distinct times in each line's window. */
	get queued(): number {
		let entries = 0;
		for (const window of this.#lines) entries += window?.size ?? 0;
		return entries;
	}

	/**
	 * Counts one record of `line` at `time` (epoch ms) and returns the records of that line in
	 * the window ending at `time`, this one included. Returns NaN for a line from `maxLines` on.
	 */
	add(time: number, line = 0): number {
		if (line >= this.#maxLines) return NaN;

		let window = this.#lines[line];
		if (window === undefined) {
			window = new LineWindow();
			this.#lines[line] = window;
		}
		return window.add(time, this.windowMs);
	}
}

/** Initial capacity of a line's queue, in distinct times. */
const INITIAL_CAPACITY = 16;

/** One line's queue: a ring of distinct times and the number of records at each. */
class LineWindow {
	#times = new Float64Array(INITIAL_CAPACITY);
	#counts = new Uint32Array(INITIAL_CAPACITY);
	#head = 0;
	#size = 0;
	/** Records in the window, the sum of the queued counts. */
	#total = 0;
	#latest = -Infinity;

	/** Distinct times queued. */
	get size(): number {
		return this.#size;
	}

	add(time: number, windowMs: number): number {
		// A late record is queued at the latest time, so the queue stays sorted.
		const at = time > this.#latest ? time : this.#latest;
		this.#latest = at;

		const start = at - windowMs;
		const capacity = this.#times.length;
		while (this.#size > 0 && this.#times[this.#head] <= start) {
			this.#total -= this.#counts[this.#head];
			this.#head = (this.#head + 1) % capacity;
			this.#size -= 1;
		}

		const last = (this.#head + this.#size - 1) % capacity;
		if (this.#size > 0 && this.#times[last] === at) this.#counts[last] += 1;
		else this.#push(at);
		this.#total += 1;
		return this.#total;
	}

	#push(time: number): void {
		if (this.#size === this.#times.length) this.#grow();
		const tail = (this.#head + this.#size) % this.#times.length;
		this.#times[tail] = time;
		this.#counts[tail] = 1;
		this.#size += 1;
	}

	/** Doubles the ring, moving its entries to the start in order. */
	#grow(): void {
		const capacity = this.#times.length * 2;
		const times = new Float64Array(capacity);
		const counts = new Uint32Array(capacity);
		for (let i = 0; i < this.#size; i++) {
			const from = (this.#head + i) % this.#times.length;
			times[i] = this.#times[from];
			counts[i] = this.#counts[from];
		}
		this.#times = times;
		this.#counts = counts;
		this.#head = 0;
	}
}
