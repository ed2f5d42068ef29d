import { SortedWindow } from './sorted-window';
import { medianStep } from './median-step';

/** Parameters of the record-exceedance detector. */
export interface RecordExceedanceOptions {
	/** Past feature values each new one is compared with. */
	history: number;
	/** Feature values needed before any score is given. */
	warmUp: number;
	/** Records used to estimate the sampling step. */
	stepSample: number;
	/** Score at or above which a record is flagged. */
	threshold: number;
}

/**
 * Defaults, the same for every series. `threshold` is the value NAB's threshold sweep chose for
 * the standard profile on eight NAB series (docs/accuracy.md), so it is tuned on that data.
 */
export const DEFAULT_RECORD_EXCEEDANCE: RecordExceedanceOptions = {
	history: 8000,
	warmUp: 150,
	stepSample: 50,
	threshold: 0.093
};

const DAY_MS = 86_400_000;

/**
 * Streaming anomaly detector written for NAB-style data: it scores how far a record breaks the
 * records of its recent past.
 *
 * Five features are computed per record: the value, its negation, the absolute change from the
 * previous record, and the absolute change from one day and from one week earlier (in records,
 * from the sampling step estimated on the first records). For each feature the score is the
 * amount by which it exceeds the maximum of its last `history` values, in units of
 * (that maximum − their median), and 0 when it does not. The record's score is the sum over the
 * features. The unit makes scores comparable across series of any scale, so one threshold
 * serves all of them, and a value that only repeats an earlier extreme scores 0.
 */
export class RecordExceedance {
	readonly options: RecordExceedanceOptions;
	#windows = Array.from({ length: 5 }, () => new SortedWindow(0));
	#recent: number[] = [];
	#times: number[] = [];
	#day = 0;
	#previous = NaN;

	constructor(options: Partial<RecordExceedanceOptions> = {}) {
		this.options = { ...DEFAULT_RECORD_EXCEEDANCE, ...options };
		this.#windows = Array.from({ length: 5 }, () => new SortedWindow(this.options.history));
	}

	/** Scores one record, then adds it to the history. A non-finite value scores NaN. */
	push(value: number, time: number): number {
		if (this.#day === 0) this.#estimateDay(time);
		if (!Number.isFinite(value)) return NaN;

		const features = [
			value,
			-value,
			Math.abs(value - this.#previous),
			Math.abs(value - this.#lagged(this.#day)),
			Math.abs(value - this.#lagged(7 * this.#day))
		];
		let score = 0;
		features.forEach((feature, k) => {
			const window = this.#windows[k];
			if (window.size >= this.options.warmUp && Number.isFinite(feature)) {
				const max = window.max;
				const median = window.median;
				const unit = Math.max(max - median, 1e-9 * Math.max(1, Math.abs(median)));
				score += Math.max(0, (feature - max) / unit);
			}
			window.push(feature);
		});

		this.#previous = value;
		if (this.#day > 0) {
			this.#recent.push(value);
			if (this.#recent.length > 7 * this.#day) this.#recent.shift();
		}
		return score;
	}

	/** Tests whether a score from `push` is at or above the threshold. */
	isAnomaly(score: number): boolean {
		return score >= this.options.threshold;
	}

	/** Value `lag` records before the one being scored, NaN when unknown. */
	#lagged(lag: number): number {
		if (lag === 0 || this.#recent.length < lag) return NaN;
		return this.#recent[this.#recent.length - lag];
	}

	/** Sets the records per day from the median step of the first `stepSample` records. */
	#estimateDay(time: number): void {
		this.#times.push(time);
		if (this.#times.length <= this.options.stepSample) return;
		const step = medianStep(this.#times);
		this.#day = step > 0 ? Math.max(1, Math.round(DAY_MS / step)) : 1;
	}
}
