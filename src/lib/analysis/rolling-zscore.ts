import type { NumericColumn } from '../store/ring-buffer';

/** Minimum number of previous finite values before a point gets a z-score. */
export const MIN_HISTORY = 10;

/**
 * Relative tolerance below which the rolling standard deviation counts as zero: std at most
 * ZERO_VARIANCE_TOLERANCE · max(1, |mean|). Rounding leaves a std near 1e-17 on a constant
 * series, and dividing by it would give z = ±1 for every point. A tolerance of 1e-9 would be too
 * coarse, because it would treat values near 1e9 with a std below 1 as constant.
 */
export const ZERO_VARIANCE_TOLERANCE = 1e-12;

/**
 * Rolling z-score detector: each point is compared with the previous `window` finite points,
 * z = (x − mean) / std with the sample standard deviation (n − 1), and it is an anomaly when
 * |z| > threshold.
 *
 * A point gets z = NaN (never an anomaly) while fewer than MIN_HISTORY previous finite points
 * exist, or when it is not finite itself. When the history has no variance (see
 * ZERO_VARIANCE_TOLERANCE), a point further than that tolerance from the mean gets z = ±Infinity,
 * so it is always an anomaly, and a point within it gets z = 0.
 *
 * Mean and variance are updated in O(1) by adding the new point and removing the one leaving the
 * window (Welford's update and its inverse), on values minus a shift near the mean. Hand-written
 * because simple-statistics (7.x) has no incremental API.
 */
export class RollingZScore {
	readonly window: number;
	/** |z| above this is an anomaly. */
	threshold: number;
	#values: Float64Array;
	#next = 0;
	#filled = 0;
	/** Offset subtracted from every value before the update, moved to the mean by #recompute. */
	#shift = 0;
	/** Mean of the history minus #shift. */
	#mean = 0;
	/** Sum of squared deviations from the mean (Welford's M2). */
	#m2 = 0;
	#pushesSinceRecompute = 0;

	/**
	 * @param window - Previous points compared against, an integer of at least MIN_HISTORY.
	 * @param threshold - |z| above which a point is an anomaly, a positive number.
	 */
	constructor(window: number, threshold: number) {
		if (!Number.isInteger(window) || window < MIN_HISTORY) {
			throw new RangeError(
				`invalid z-score window ${window}: expected an integer of at least ${MIN_HISTORY}`
			);
		}
		if (!(threshold > 0)) {
			throw new RangeError(`invalid z-score threshold ${threshold}: expected a positive number`);
		}
		this.window = window;
		this.threshold = threshold;
		this.#values = new Float64Array(window);
	}

	/** Returns the z-score of `x` against the current history without adding it. */
	score(x: number): number {
		if (!Number.isFinite(x) || this.#filled < MIN_HISTORY) return NaN;

		const std = Math.sqrt(this.#m2 / (this.#filled - 1));
		const tolerance = ZERO_VARIANCE_TOLERANCE * Math.max(1, Math.abs(this.#shift + this.#mean));
		const deviation = x - this.#shift - this.#mean;
		if (std <= tolerance) {
			if (Math.abs(deviation) <= tolerance) return 0;
			return deviation > 0 ? Infinity : -Infinity;
		}
		return deviation / std;
	}

	/** Scores `x` against the history, then adds it to the history when finite. */
	push(x: number): number {
		const z = this.score(x);
		if (Number.isFinite(x)) this.#add(x);
		return z;
	}

	/** Tests whether a z-score from `score` or `push` is an anomaly at the current threshold. */
	isAnomaly(z: number): boolean {
		return Math.abs(z) > this.threshold;
	}

	/** Mean of the history, or NaN when empty. */
	get mean(): number {
		return this.#filled === 0 ? NaN : this.#shift + this.#mean;
	}

	/** Sample standard deviation of the history, or NaN for fewer than 2 points. */
	get std(): number {
		return this.#filled < 2 ? NaN : Math.sqrt(this.#m2 / (this.#filled - 1));
	}

	/**
	 * Writes the deviation of `x` from the window's mean to `deviation[index]` and the window's
	 * standard deviation to `std[index]`, as {@link mean} and {@link std} give them, or NaN to
	 * both before {@link MIN_HISTORY} values or for a value that is not finite. Written here, not
	 * returned, because a call that the compiler does not inline returns each double in a new heap
	 * number, two per record.
	 */
	writeBand(x: number, deviation: NumericColumn, std: NumericColumn, index: number): void {
		if (this.#filled < MIN_HISTORY || !Number.isFinite(x)) {
			deviation[index] = NaN;
			std[index] = NaN;
			return;
		}
		deviation[index] = x - (this.#shift + this.#mean);
		std[index] = Math.sqrt(this.#m2 / (this.#filled - 1));
	}

	/** Number of finite points in the history. */
	get filled(): number {
		return this.#filled;
	}

	reset(): void {
		this.#next = 0;
		this.#filled = 0;
		this.#shift = 0;
		this.#mean = 0;
		this.#m2 = 0;
		this.#pushesSinceRecompute = 0;
	}

	#add(x: number): void {
		if (this.#filled === this.window) {
			this.#remove(this.#values[this.#next]);
		}
		if (this.#filled === 0) this.#shift = x;
		this.#filled++;
		const shifted = x - this.#shift;
		const delta = shifted - this.#mean;
		this.#mean += delta / this.#filled;
		this.#m2 += delta * (shifted - this.#mean);
		this.#values[this.#next] = x;
		this.#next = this.#next + 1 === this.window ? 0 : this.#next + 1;

		// Removing values leaves rounding error behind, so mean and M2 are computed afresh once
		// per window (two passes), which keeps the cost O(1) per point on average.
		this.#pushesSinceRecompute++;
		if (this.#pushesSinceRecompute >= this.window) this.#recompute();
	}

	#remove(y: number): void {
		const remaining = this.#filled - 1;
		if (remaining === 0) {
			this.#mean = 0;
			this.#m2 = 0;
		} else {
			const shifted = y - this.#shift;
			const delta = shifted - this.#mean;
			this.#mean -= delta / remaining;
			this.#m2 = Math.max(0, this.#m2 - delta * (shifted - this.#mean));
		}
		this.#filled = remaining;
	}

	/**
	 * Recomputes mean and M2 in two passes and moves the shift to the current mean. Values far
	 * from zero with a small spread (1e9 ± 0.5) would otherwise lose digits when the deviations
	 * are formed, and the shift follows a trending series.
	 */
	#recompute(): void {
		const n = this.#filled;
		const shift = this.#shift + this.#mean;
		let sum = 0;
		for (let i = 0; i < n; i++) sum += this.#values[i] - shift;
		const mean = sum / n;
		let m2 = 0;
		for (let i = 0; i < n; i++) {
			const d = this.#values[i] - shift - mean;
			m2 += d * d;
		}
		this.#shift = shift;
		this.#mean = mean;
		this.#m2 = m2;
		this.#pushesSinceRecompute = 0;
	}
}
