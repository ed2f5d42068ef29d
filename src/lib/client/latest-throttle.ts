/**
 * Passes values on to `apply` at most once per `intervalMs`, always the latest: a value that
 * arrives sooner is held, and the one held last is applied when the interval ends. A value that
 * `isUrgent` picks is applied at once. The dashboard uses it so that figures and lists change a
 * few times a second while the chart redraws every frame.
 */
export class LatestThrottle<T> {
	#intervalMs: number;
	#apply: (value: T) => void;
	#isUrgent: (applied: T, next: T) => boolean;
	#applied: { value: T; at: number } | null = null;
	#held: { value: T } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * @param isUrgent - Tests whether `next` must replace `applied` without waiting; the first
	 *   value is always applied at once.
	 */
	constructor(
		intervalMs: number,
		apply: (value: T) => void,
		isUrgent: (applied: T, next: T) => boolean = () => false
	) {
		this.#intervalMs = intervalMs;
		this.#apply = apply;
		this.#isUrgent = isUrgent;
	}

	/** Applies `value` now, or keeps it until the current interval ends. */
	push(value: T, now = performance.now()): void {
		const applied = this.#applied;
		if (
			applied === null ||
			now - applied.at >= this.#intervalMs ||
			this.#isUrgent(applied.value, value)
		) {
			this.#applyNow(value, now);
			return;
		}
		this.#held = { value };
		this.#timer ??= setTimeout(() => this.flush(), applied.at + this.#intervalMs - now);
	}

	/** Applies the held value, if any, now. */
	flush(): void {
		if (this.#held !== null) this.#applyNow(this.#held.value, performance.now());
	}

	/** Drops the held value and stops the timer. */
	dispose(): void {
		this.#clearHeld();
	}

	#applyNow(value: T, now: number): void {
		this.#clearHeld();
		this.#applied = { value, at: now };
		this.#apply(value);
	}

	#clearHeld(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.#held = null;
	}
}
