import { IQR_K_MAX, IQR_K_MIN } from './detector-limits';
import { isZeroSpread } from './finite';
import { MIN_HISTORY } from './rolling-zscore';
import { SortedWindow } from './sorted-window';

/**
 * Rolling IQR detector: each point is compared with the previous `window` finite points, and it
 * is an anomaly when it lies outside Tukey's fences [Q1 − k·IQR, Q3 + k·IQR]. Its score is the
 * distance beyond the nearer fence in units of IQR: positive above, negative below, 0 inside.
 *
 * Quartiles interpolate linearly between the two nearest ranks (R's type 7, numpy's default),
 * the same definition as the analysis page's IQR detector (`iqrDetect`).
 *
 * A point scores NaN (never an anomaly) while fewer than MIN_HISTORY previous finite points
 * exist, or when it is not finite itself. Non-finite points never enter the history.
 *
 * Zero IQR: when more than about half of the history is one value, Q1 = Q3 and the fences would
 * close on that value, so every other value would be flagged. The detector then uses the
 * history's range (max − min) in place of the IQR, for the fences and as the score's unit. Only
 * when the range is zero too (a constant history) does a point further than the zero-spread
 * tolerance from the constant score ±Infinity, as the rolling z-score does. Zero means at most
 * ZERO_SPREAD_TOLERANCE · max(1, |centre|).
 */
export class RollingIqr {
	readonly window: number;
	/** Fence multiplier: the fences lie k spreads beyond the quartiles. */
	k: number;
	#history: SortedWindow;

	/**
	 * @param window - Previous points compared against, an integer of at least MIN_HISTORY.
	 * @param k - Fence multiplier, from IQR_K_MIN to IQR_K_MAX.
	 */
	constructor(window: number, k: number) {
		if (!Number.isInteger(window) || window < MIN_HISTORY) {
			throw new RangeError(
				`invalid IQR window ${window}: expected an integer of at least ${MIN_HISTORY}`
			);
		}
		if (!(k >= IQR_K_MIN && k <= IQR_K_MAX)) {
			throw new RangeError(
				`invalid IQR k ${k}: expected a number from ${IQR_K_MIN} to ${IQR_K_MAX}`
			);
		}
		this.window = window;
		this.k = k;
		this.#history = new SortedWindow(window);
	}

	/** Number of finite points in the history. */
	get filled(): number {
		return this.#history.size;
	}

	/** Returns the score of `x` against the current history without adding it. */
	score(x: number): number {
		const history = this.#history;
		if (!Number.isFinite(x) || history.size < MIN_HISTORY) return NaN;

		const q1 = history.quantile(0.25);
		const q3 = history.quantile(0.75);
		const centre = (q1 + q3) / 2;
		let spread = q3 - q1;
		if (isZeroSpread(spread, centre)) spread = history.max - history.min;
		if (isZeroSpread(spread, centre)) {
			if (isZeroSpread(Math.abs(x - centre), centre)) return 0;
			return x > centre ? Infinity : -Infinity;
		}

		const upper = q3 + this.k * spread;
		const lower = q1 - this.k * spread;
		if (x > upper) return (x - upper) / spread;
		if (x < lower) return (x - lower) / spread;
		return 0;
	}

	/** Scores `x` against the history, then adds it to the history when finite. */
	push(x: number): number {
		const score = this.score(x);
		this.#history.push(x);
		return score;
	}
}
