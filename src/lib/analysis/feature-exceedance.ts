import { SortedWindow } from './sorted-window';

/**
 * How far one feature breaks the record of its recent past: the amount by which a new value
 * exceeds the maximum of the last `history` values, in units of (that maximum − their median),
 * and 0 when it does not. The unit makes scores of features on any scale comparable, and a value
 * that only repeats an earlier extreme scores 0.
 */
export class FeatureExceedance {
	readonly warmUp: number;
	#window: SortedWindow;

	/**
	 * @param history past values each new one is compared with
	 * @param warmUp values needed before any score above 0 is given
	 */
	constructor(history: number, warmUp: number) {
		this.#window = new SortedWindow(history);
		this.warmUp = warmUp;
	}

	/** Scores `feature` against the history, then adds it. A non-finite feature scores 0. */
	push(feature: number): number {
		if (!Number.isFinite(feature)) return 0;
		let score = 0;
		if (this.#window.size >= this.warmUp) {
			const max = this.#window.max;
			const median = this.#window.median;
			// On a constant history the unit is a tiny share of the level, so any rise scores high.
			const unit = Math.max(max - median, 1e-9 * Math.max(1, Math.abs(median)));
			score = Math.max(0, (feature - max) / unit);
		}
		this.#window.push(feature);
		return score;
	}
}
