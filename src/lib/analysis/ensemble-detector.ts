import { ENSEMBLE_THRESHOLD } from './detector-limits';
import { FeatureExceedance } from './feature-exceedance';
import { SortedWindow } from './sorted-window';
import { medianStep } from './median-step';
import { ShapeNovelty } from './shape-novelty';
import { WeeklySeasonWeight } from './weekly-season-weight';

/** Parameters of the ensemble detector. */
export interface EnsembleOptions {
	/** Past values of each feature that a new one is compared with. */
	history: number;
	/** Values of a feature needed before it adds to the score. */
	warmUp: number;
	/** Records used to estimate the sampling step, from which day and hour lengths follow. */
	stepSample: number;
	/**
	 * Records after which the start-of-stream weight n / (n + `ramp`) of the score reaches 1/2,
	 * with n the records seen. 0 turns the weight off.
	 */
	ramp: number;
	/** A score counts only when it is above every score of this many records before it. */
	peakSpan: number;
	/**
	 * Share of the records seen so far to which the peak span grows when that is longer than
	 * `peakSpan`, so that the span keeps pace with anomaly windows, which grow with the series.
	 */
	peakFraction: number;
	/**
	 * Cap, in records, on the one-day windows of the median and windowed-Gaussian features, on
	 * the spans of the weekly features and on the grown peak span, because each record loops over
	 * them.
	 */
	maxDayWindow: number;
	/** Spans, in hours, of the week-over-week deviation features. An empty list turns them off. */
	weeklySpans: number[];
	/**
	 * Records per downsampled point of each shape-novelty feature (ShapeNovelty), one feature per
	 * entry. An empty list turns them off.
	 */
	shapeSteps: number[];
	/** Downsampled points in the window of each shape-novelty feature. */
	shapeWindow: number;
	/** Fuzzy ART vigilance of the shape-novelty features. */
	shapeVigilance: number;
	/** Fuzzy ART categories kept by each shape-novelty feature. */
	shapeCapacity: number;
	/** Score at or above which a record is flagged. */
	threshold: number;
}

/**
 * Defaults, the same for every series. They were chosen on eight NAB series (docs/accuracy.md):
 * `threshold` (ENSEMBLE_THRESHOLD) is the standard profile's swept threshold on them (0.09886),
 * rounded down.
 */
export const DEFAULT_ENSEMBLE: EnsembleOptions = {
	history: 8000,
	warmUp: 150,
	stepSample: 50,
	ramp: 750,
	peakSpan: 12,
	peakFraction: 0.025,
	maxDayWindow: 1440,
	weeklySpans: [1, 2, 4, 8, 16],
	shapeSteps: [4, 5, 6, 7, 8],
	shapeWindow: 8,
	shapeVigilance: 0.95,
	shapeCapacity: 300,
	threshold: ENSEMBLE_THRESHOLD
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Features other than the week-over-week deviations. */
const BASE_FEATURE_COUNT = 8;

/**
 * Streaming anomaly detector: the sum of record-exceedance scores (FeatureExceedance), each over
 * one feature of the stream, damped at the start of the stream and kept only at local peaks.
 *
 * The features of a record with value x, computed from x and the records before it only:
 * x and −x (new extremes); |x − previous| (jumps); |x − x one day earlier| and |x − x one week
 * earlier| (breaks of a daily or weekly pattern); −(mean of the last hour) (a sustained drop);
 * median of the previous day − x (a dip below the recent level); and the windowed-Gaussian z of
 * the last hour's mean against the mean and standard deviation of the day before it (a level
 * shift). Day and hour are counted in records from the median step of the first records.
 *
 * One more feature per span s in `weeklySpans`: |mean of x − (x one week earlier) over the last
 * s hours|, a stretch of hours unlike the same hours a week before (a holiday on a weekday). Their
 * scores are multiplied by WeeklySeasonWeight, which is 0 on a stream without a weekly pattern, so
 * there these features add nothing.
 *
 * One more feature per step in `shapeSteps`: the ShapeNovelty of the stream downsampled by that
 * step, a stretch whose shape is unlike every one learned before. Its record exceedance runs over
 * `history` / step downsampled points.
 *
 * Two rules fit the way NAB scores. A score is multiplied by n / (n + `ramp`), with n the records
 * seen, because new extremes are common while the history is short. It replaced the linear ramp
 * min(1, n / `ramp`), whose best length on NAB changed with the series held out. A score
 * that is not above every score of the previous max(`peakSpan`, `peakFraction` · records seen)
 * records becomes 0, because only the first detection in an anomaly window earns credit and later
 * ones outside it cost.
 *
 * Each score depends only on the records up to it, so appending records never changes earlier
 * scores, and the same input always gives the same scores.
 */
export class EnsembleDetector {
	readonly options: EnsembleOptions;
	#features: FeatureExceedance[];
	#shapes: ShapeNovelty[];
	/** Record exceedance of each shape novelty, over `history` / step downsampled points. */
	#shapeExceedances: FeatureExceedance[];
	#weeklyWeight = new WeeklySeasonWeight();
	#times: number[] = [];
	#day = 0;
	#hour = 0;
	/** Finite values seen, oldest first from #head. Trimmed to one week once the step is known. */
	#values: number[] = [];
	#head = 0;
	/** The last #dayWindow values for the median feature, created once the step is known. */
	#dayValues: SortedWindow | null = null;
	#dayWindow = 0;
	/** `weeklySpans` in records, capped at `maxDayWindow`, set once the step is known. */
	#weeklySpans: number[] = [];
	/** Indices into #weeklySpans in ascending order of span. */
	#weeklyOrder: number[] = [];
	#longestWeeklySpan = 0;
	#recentScores: number[] = [];
	#count = 0;

	constructor(options: Partial<EnsembleOptions> = {}) {
		this.options = { ...DEFAULT_ENSEMBLE, ...options };
		const { history, warmUp, weeklySpans, shapeSteps } = this.options;
		this.#features = Array.from(
			{ length: BASE_FEATURE_COUNT + weeklySpans.length },
			() => new FeatureExceedance(history, warmUp)
		);
		const { shapeWindow, shapeVigilance, shapeCapacity } = this.options;
		this.#shapes = shapeSteps.map(
			(step) =>
				new ShapeNovelty({
					step,
					window: shapeWindow,
					history: Math.round(history / step),
					vigilance: shapeVigilance,
					capacity: shapeCapacity
				})
		);
		// NOTE: the first windows of a stream are all new, and their novelty stays the maximum of this
		// history until it leaves it, so these features score nothing in the first `history` records.
		// Shorter histories let them score sooner but added many false positives on NAB.
		this.#shapeExceedances = shapeSteps.map(
			(step) => new FeatureExceedance(Math.round(history / step), Math.round(warmUp / step))
		);
	}

	/** Scores one record, then adds it to the history. A non-finite value scores NaN. */
	push(value: number, time: number): number {
		if (this.#day === 0) this.#estimateStep(time);
		if (!Number.isFinite(value)) return NaN;

		const features = this.#computeFeatures(value);
		const day = this.#day;
		this.#weeklyWeight.push(value - this.#lagged(day), value - this.#lagged(7 * day));
		let score = 0;
		for (let k = 0; k < BASE_FEATURE_COUNT; k++) score += this.#features[k].push(features[k]);
		const weight = this.#weeklyWeight.weight;
		for (let k = BASE_FEATURE_COUNT; k < features.length; k++) {
			score += weight * this.#features[k].push(features[k]);
		}
		this.#shapes.forEach((shape, k) => {
			score += this.#shapeExceedances[k].push(shape.push(value));
		});
		this.#count++;
		score *= this.#count / (this.#count + this.options.ramp);

		const { peakSpan, peakFraction, maxDayWindow } = this.options;
		const grown = Math.min(maxDayWindow, Math.round(peakFraction * this.#count));
		const span = Math.max(peakSpan, grown);
		const isPeak = this.#recentScores.every((previous) => score > previous);
		this.#recentScores.push(score);
		while (this.#recentScores.length > span) this.#recentScores.shift();

		this.#remember(value);
		return isPeak ? score : 0;
	}

	/** Tests whether a score from `push` is at or above the threshold. */
	isAnomaly(score: number): boolean {
		return score >= this.options.threshold;
	}

	#computeFeatures(x: number): number[] {
		const previous = this.#lagged(1);
		const hourMean = this.#mean(x, this.#hour);
		const dayMedian =
			this.#dayValues !== null && this.#dayValues.size === this.#dayWindow
				? this.#dayValues.median
				: NaN;
		return [
			x,
			-x,
			Math.abs(x - previous),
			Math.abs(x - this.#lagged(this.#day)),
			Math.abs(x - this.#lagged(7 * this.#day)),
			-hourMean,
			dayMedian - x,
			this.#windowedGaussian(hourMean),
			...this.#weeklyDeviations(x)
		];
	}

	/**
	 * |mean of x − (x one week earlier)| over each span of `weeklySpans`, NaN where the history is
	 * too short. One direct pass over the longest span, like #windowedGaussian, so no running sum
	 * drifts. The spans are visited in ascending order, so each step of the pass checks one span.
	 */
	#weeklyDeviations(x: number): number[] {
		const deviations = this.options.weeklySpans.map(() => NaN);
		const week = 7 * this.#day;
		if (week === 0) return deviations;
		const order = this.#weeklyOrder;
		const spans = this.#weeklySpans;
		let next = 0;
		let sum = 0;
		for (let lag = 0; lag < this.#longestWeeklySpan; lag++) {
			const weekEarlier = this.#lagged(lag + week);
			if (Number.isNaN(weekEarlier)) break;
			sum += (lag === 0 ? x : this.#lagged(lag)) - weekEarlier;
			// Capping or rounding can give two spans the same length, hence a loop rather than a
			// single test.
			while (next < order.length && spans[order[next]] === lag + 1) {
				deviations[order[next]] = Math.abs(sum / (lag + 1));
				next++;
			}
		}
		return deviations;
	}

	/** Value `lag` records before the one being scored, NaN when unknown. */
	#lagged(lag: number): number {
		const length = this.#values.length - this.#head;
		if (lag === 0 || length < lag) return NaN;
		return this.#values[this.#values.length - lag];
	}

	/** Mean of `x` and the `span − 1` values before it, NaN when there are fewer. */
	#mean(x: number, span: number): number {
		if (span === 0 || this.#values.length - this.#head < span - 1) return NaN;
		let sum = x;
		for (let lag = 1; lag < span; lag++) sum += this.#lagged(lag);
		return sum / span;
	}

	/**
	 * z of the last hour's mean against the #dayWindow values before that hour, NaN until they
	 * exist. Summed directly rather than kept as running sums, so no rounding drift builds up.
	 * The cost is small next to that of the sorted feature histories.
	 */
	#windowedGaussian(hourMean: number): number {
		const span = this.#dayWindow;
		if (!Number.isFinite(hourMean) || span === 0) return NaN;
		if (this.#values.length - this.#head < this.#hour - 1 + span) return NaN;
		let sum = 0;
		let sumSquares = 0;
		for (let lag = this.#hour; lag < this.#hour + span; lag++) {
			const v = this.#lagged(lag);
			sum += v;
			sumSquares += v * v;
		}
		const mean = sum / span;
		const variance = Math.max(0, sumSquares / span - mean * mean);
		// A constant day gives a spread of 0, so a floor relative to the level keeps z finite.
		const spread = Math.max(Math.sqrt(variance), 1e-9 * Math.max(1, Math.abs(mean)));
		return (hourMean - mean) / spread;
	}

	#remember(value: number): void {
		this.#values.push(value);
		this.#dayValues?.push(value);
		if (this.#day === 0) return;
		const capacity =
			Math.max(7 * this.#day + this.#longestWeeklySpan, this.#hour + this.#dayWindow) + 1;
		if (this.#values.length - this.#head > capacity) this.#head++;
		// Compact now and then, so the array does not grow without bound.
		if (this.#head > capacity) {
			this.#values = this.#values.slice(this.#head);
			this.#head = 0;
		}
	}

	/** Sets the records per day and hour from the median step of the first `stepSample` records. */
	#estimateStep(time: number): void {
		this.#times.push(time);
		if (this.#times.length <= this.options.stepSample) return;
		const step = medianStep(this.#times);
		this.#day = step > 0 ? Math.max(1, Math.round(DAY_MS / step)) : 1;
		this.#hour = step > 0 ? Math.max(1, Math.round(HOUR_MS / step)) : 1;
		this.#dayWindow = Math.min(this.#day, this.options.maxDayWindow);
		this.#weeklyWeight.setDay(this.#day);
		const { weeklySpans, maxDayWindow } = this.options;
		this.#weeklySpans = weeklySpans.map((hours) =>
			Math.min(maxDayWindow, Math.max(1, Math.round(hours * this.#hour)))
		);
		this.#weeklyOrder = this.#weeklySpans
			.map((_, k) => k)
			.sort((a, b) => this.#weeklySpans[a] - this.#weeklySpans[b]);
		this.#longestWeeklySpan = Math.max(0, ...this.#weeklySpans);
		this.#dayValues = new SortedWindow(this.#dayWindow);
		for (const v of this.#values.slice(-this.#dayWindow)) this.#dayValues.push(v);
	}
}
