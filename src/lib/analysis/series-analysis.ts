import type { AnalysisSettings, LiveDetector } from '../protocol';
import type { CategoryFilter } from '../store/category-filter';
import type { ColumnKind, ColumnRing, NumericColumn } from '../store/ring-buffer';
import { createEnsembleDetector, createLiveForest } from './detector-loader';
import type { LiveForest } from './live-forest';
import { MovingAverage } from './moving-average';
import { RollingIqr } from './rolling-iqr';
import { RollingZScore } from './rolling-zscore';
import { RunningStats } from './running-stats';

/** The analysis settings one series uses. */
export type LineSettings = Pick<
	AnalysisSettings,
	'maWindow' | 'detector' | 'zWindow' | 'zThreshold' | 'iqrK' | 'forestThreshold'
>;

/**
 * A detector that scores each record when it arrives, from the records that arrived before it:
 * the ensemble and the isolation forest.
 */
interface ArrivalDetector {
	push(value: number, time: number): number;
	isAnomaly(score: number): boolean;
}

/**
 * Scores that the records of a re-derived tail had before, for a detector that scores each
 * record once, when it arrives.
 */
export interface PriorScores {
	/** Per record, its index in the batch that brought it, or -1 for a record already scored. */
	arrival: Int32Array;
	/** Stored score of each record already scored. */
	score: Float32Array;
	/** Stored flag of each record already scored. */
	anomaly: Uint8Array;
}

/** Names of the ring's extra columns that contain one series' derived values. */
export interface DerivedColumnNames {
	/**
	 * float64: moving average at each record with a finite value, and the value itself (NaN or
	 * ±Infinity) at a record without one (see {@link pushAverage}).
	 */
	movingAverage: string;
	/** float32: the detector's score at each record, NaN when it has none. */
	score: string;
	/** uint8: 1 for an anomaly, else 0. */
	anomaly: string;
	/** float32: the value minus the rolling mean the z-score compared it with, NaN when none. */
	deviation: string;
	/** float32: the rolling standard deviation the z-score divided by, NaN when none. */
	std: string;
}

/** Derived values of one batch, in scratch arrays that the next `ingest` overwrites. */
export interface DerivedBatch {
	movingAverage: Float64Array;
	score: Float32Array;
	anomaly: Uint8Array;
	deviation: Float32Array;
	std: Float32Array;
}

/** The category one line of a split series keeps, and the ring column that contains the categories. */
export interface LineCategory {
	/** Name of the ring's int32 category column. */
	column: string;
	/** Category index of the line's records; -1 for the records without a category. */
	category: number;
}

/** Returns the ring column names of series `series`. */
export function derivedColumnNames(series: number): DerivedColumnNames {
	return {
		movingAverage: `ma:${series}`,
		score: `score:${series}`,
		anomaly: `anomaly:${series}`,
		deviation: `deviation:${series}`,
		std: `std:${series}`
	};
}

/** Returns the extra-column layout a ring needs for `seriesCount` analysed series. */
export function derivedColumnKinds(seriesCount: number): Record<string, ColumnKind> {
	const kinds: Record<string, ColumnKind> = {};
	for (let s = 0; s < seriesCount; s++) {
		const names = derivedColumnNames(s);
		kinds[names.movingAverage] = 'float64';
		kinds[names.score] = 'float32';
		kinds[names.anomaly] = 'uint8';
		kinds[names.deviation] = 'float32';
		kinds[names.std] = 'float32';
	}
	return kinds;
}

/**
 * Incremental analyses of one series: running figures over every accepted value, moving
 * average, rolling z-score, the chosen detector's score and flag, and the anomaly count.
 *
 * A line of a split series analyses the records of one category only. Its derived values go
 * into the columns of its value field at its own records, so the lines of one field share them.
 *
 * Each record also keeps the rolling mean and standard deviation of the z-score's history, for
 * the band mean ± k σ, whichever detector flags the records. The mean is stored as the value's
 * deviation from it, in float32: that keeps the error relative to the deviation, not to the
 * value, so values near 1e9 keep their band. Both columns are NaN while the z-score has too
 * little history.
 *
 * Detectors (`detector` setting):
 * - zscore: |z| > zThreshold over the previous zWindow finite values (RollingZScore).
 * - iqr: outside Tukey's fences over the same values, with k = iqrK (RollingIqr).
 * - iforest: a LiveForest, score above forestThreshold, trained again as records arrive.
 * - ensemble: the streaming EnsembleDetector with its built-in threshold.
 *
 * The ensemble scores each record once, when it arrives: a late record is scored after the
 * records that arrived before it, and the records of later times keep the scores they had. The
 * isolation forest scores a late record and the records after it again in time order, with the
 * forest it has then.
 *
 * A z-score, IQR or isolation-forest score is rounded to float32 before it is compared with the
 * threshold, because the ring stores it as float32 and a later threshold change re-flags from the
 * stored values. Both paths then agree on every point. The ensemble flags from its unrounded
 * score, as the analysis page does.
 */
export class SeriesAnalysis {
	/** Figures over every value since construction, not only those in the ring. */
	readonly stats = new RunningStats();
	/** Index of the value column in the ring and in each batch. */
	readonly series: number;
	readonly columns: DerivedColumnNames;
	/** The category of a split series' line; null when the series takes every record. */
	readonly line: LineCategory | null;
	#movingAverage: MovingAverage;
	/** Rolling z-score, kept with every detector for the band. */
	#zScore: RollingZScore;
	#detector: LiveDetector;
	#iqrK: number;
	#forestThreshold: number;
	/** The IQR detector while `detector` is iqr, else null. */
	#iqr: RollingIqr | null = null;
	/** The forest or the ensemble while one of them is the detector, else null. */
	#arrival: ArrivalDetector | null = null;
	/** The forest while `detector` is iforest, else null; the same object as #arrival. */
	#forest: LiveForest | null = null;
	#anomalyCount = 0;
	#scratch: DerivedBatch = {
		movingAverage: new Float64Array(0),
		score: new Float32Array(0),
		anomaly: new Uint8Array(0),
		deviation: new Float32Array(0),
		std: new Float32Array(0)
	};

	constructor(series: number, settings: LineSettings, line: LineCategory | null = null) {
		this.series = series;
		this.columns = derivedColumnNames(series);
		this.line = line;
		this.#movingAverage = new MovingAverage(settings.maWindow);
		this.#zScore = new RollingZScore(settings.zWindow, settings.zThreshold);
		this.#detector = settings.detector;
		this.#iqrK = settings.iqrK;
		this.#forestThreshold = settings.forestThreshold;
		if (settings.detector === 'iqr') this.#iqr = new RollingIqr(settings.zWindow, settings.iqrK);
		this.#setArrival(this.#createArrival());
	}

	/** Creates the arrival-order detector that `detector` names, or null for the others. */
	#createArrival(): ArrivalDetector | null {
		if (this.#detector === 'ensemble') return createEnsembleDetector();
		if (this.#detector === 'iforest') return createLiveForest(this.#forestThreshold);
		return null;
	}

	#setArrival(detector: ArrivalDetector | null): void {
		this.#arrival = detector;
		this.#forest = this.#detector === 'iforest' ? (detector as LiveForest) : null;
	}

	/** Anomalies flagged since construction, including those no longer in the ring. */
	get anomalyCount(): number {
		return this.#anomalyCount;
	}

	/** The detector whose scores and flags this series writes. */
	get detector(): LiveDetector {
		return this.#detector;
	}

	/** The ring's records of this line, for the store's scans; undefined for a whole series. */
	filter(ring: ColumnRing): CategoryFilter | undefined {
		if (this.line === null) return undefined;
		return { column: ring.column(this.line.column), category: this.line.category };
	}

	/** Tests whether a record of category index `category` belongs to this series. */
	includes(category: number): boolean {
		return this.line === null || this.line.category === category;
	}

	/** Tests whether physical record `p` of the ring belongs to this series. */
	#member(categories: NumericColumn | null, p: number): boolean {
		return categories === null || categories[p] === this.line!.category;
	}

	#categories(ring: ColumnRing): NumericColumn | null {
		return this.line === null ? null : ring.column(this.line.column);
	}

	/**
	 * Feeds the first `count` values of a batch column through every analysis and returns the
	 * derived values per record, in scratch arrays that stay valid until the next call.
	 *
	 * @param time - Epoch-ms time of each value, which the ensemble detector reads.
	 */
	ingest(values: Float64Array, time: Float64Array, count: number): DerivedBatch {
		for (let i = 0; i < count; i++) this.stats.push(values[i]);
		return this.derive(values, time, count);
	}

	/**
	 * Feeds the first `count` values through the moving average, the z-score and the detector
	 * only, and returns the derived values as {@link ingest} does. The running figures are left
	 * alone. The detector is chosen once per call, so the z-score's loop has no branch per record.
	 *
	 * @param prior - Scores of records already scored, for a tail derived again after a late
	 *   record. The ensemble keeps them and scores only the new records, in arrival order. The
	 *   isolation forest adds only the new records to its training rows. The other detectors score
	 *   every record again from the rewound state.
	 */
	derive(
		values: Float64Array,
		time: Float64Array,
		count: number,
		prior?: PriorScores
	): DerivedBatch {
		const derived = this.#scratchFor(count);
		if (this.#detector === 'iqr') {
			this.#deriveIqr(values, count, derived);
			return derived;
		}
		if (this.#forest !== null) {
			this.#deriveForest(this.#forest, values, time, count, derived, prior);
			return derived;
		}
		if (this.#arrival !== null) {
			this.#deriveArrival(this.#arrival, values, time, count, derived, prior);
			return derived;
		}

		const movingAverage = this.#movingAverage;
		const zScore = this.#zScore;
		const threshold = zScore.threshold;
		let anomalies = 0;

		for (let i = 0; i < count; i++) {
			const v = values[i];
			derived.movingAverage[i] = pushAverage(movingAverage, v);
			zScore.writeBand(v, derived.deviation, derived.std, i);
			const z = Math.fround(zScore.push(v));
			derived.score[i] = z;
			const flag = Math.abs(z) > threshold ? 1 : 0;
			derived.anomaly[i] = flag;
			anomalies += flag;
		}
		this.#anomalyCount += anomalies;
		return derived;
	}

	#deriveIqr(values: Float64Array, count: number, derived: DerivedBatch): void {
		const movingAverage = this.#movingAverage;
		const zScore = this.#zScore;
		const iqr = this.#iqr!;
		let anomalies = 0;

		for (let i = 0; i < count; i++) {
			const v = values[i];
			derived.movingAverage[i] = pushAverage(movingAverage, v);
			zScore.writeBand(v, derived.deviation, derived.std, i);
			zScore.push(v);
			const score = Math.fround(iqr.push(v));
			derived.score[i] = score;
			// Inside the fences the score is exactly 0, and NaN compares false.
			const flag = Math.abs(score) > 0 ? 1 : 0;
			derived.anomaly[i] = flag;
			anomalies += flag;
		}
		this.#anomalyCount += anomalies;
	}

	/**
	 * Derives a batch under the isolation forest. Its features follow time order, so a tail
	 * derived again after a late record is scored again in time order. New records join the
	 * training rows, and records already scored are only scored again by the current forest.
	 */
	#deriveForest(
		forest: LiveForest,
		values: Float64Array,
		time: Float64Array,
		count: number,
		derived: DerivedBatch,
		prior: PriorScores | undefined
	): void {
		this.#deriveBand(values, count, derived);
		let anomalies = 0;
		for (let i = 0; i < count; i++) {
			const v = values[i];
			const arrived = prior === undefined || prior.arrival[i] >= 0;
			const score = arrived ? forest.push(v, time[i]) : forest.rescore(v);
			derived.score[i] = Math.fround(score);
			const flag = forest.isAnomaly(score) ? 1 : 0;
			derived.anomaly[i] = flag;
			anomalies += flag;
		}
		this.#anomalyCount += anomalies;
	}

	/** Feeds the moving average and the z-score's band, for the detectors that score apart. */
	#deriveBand(values: Float64Array, count: number, derived: DerivedBatch): void {
		const movingAverage = this.#movingAverage;
		const zScore = this.#zScore;
		for (let i = 0; i < count; i++) {
			const v = values[i];
			derived.movingAverage[i] = pushAverage(movingAverage, v);
			zScore.writeBand(v, derived.deviation, derived.std, i);
			zScore.push(v);
		}
	}

	#deriveArrival(
		detector: ArrivalDetector,
		values: Float64Array,
		time: Float64Array,
		count: number,
		derived: DerivedBatch,
		prior: PriorScores | undefined
	): void {
		this.#deriveBand(values, count, derived);
		const score = (i: number) => {
			const e = detector.push(values[i], time[i]);
			derived.score[i] = Math.fround(e);
			derived.anomaly[i] = detector.isAnomaly(e) ? 1 : 0;
		};
		if (prior === undefined) {
			for (let i = 0; i < count; i++) score(i);
		} else {
			// NOTE: records already scored keep their scores, and the new ones are scored in the
			// order they arrived, not in time order. So a late record is scored against the records
			// that arrived before it, later times included, and is not scored again afterwards.
			const arrived: number[] = [];
			for (let i = 0; i < count; i++) {
				if (prior.arrival[i] < 0) {
					derived.score[i] = prior.score[i];
					derived.anomaly[i] = prior.anomaly[i];
				} else arrived.push(i);
			}
			arrived.sort((a, b) => prior.arrival[a] - prior.arrival[b]);
			for (const i of arrived) score(i);
		}

		let anomalies = 0;
		for (let i = 0; i < count; i++) anomalies += derived.anomaly[i];
		this.#anomalyCount += anomalies;
	}

	/**
	 * Rewinds the moving average, the z-score and the IQR detector to just before logical record
	 * `start` of the ring, and takes the anomalies from `start` on out of the count. The records
	 * from `start` on can then be derived again in a new order.
	 *
	 * The analyses are rebuilt from the records before `start`: enough finite values to fill the
	 * largest window. The isolation forest's features are rewound too, but not its forest or
	 * training rows. The ensemble is not rewound, because it scores records in arrival order
	 * (see {@link derive}).
	 */
	rewind(ring: ColumnRing, start: number): void {
		const flags = ring.column(this.columns.anomaly);
		const categories = this.#categories(ring);
		for (let i = start; i < ring.length; i++) {
			const p = ring.physical(i);
			if (this.#member(categories, p)) this.#anomalyCount -= flags[p];
		}

		const movingAverage = new MovingAverage(this.#movingAverage.window);
		const zScore = new RollingZScore(this.#zScore.window, this.#zScore.threshold);
		const iqr = this.#iqr === null ? null : new RollingIqr(this.#iqr.window, this.#iqr.k);
		const values = ring.values(this.series);
		const forest = this.#forest;
		const needed = Math.max(movingAverage.window, zScore.window, forest?.featureWindow ?? 0);
		const history: number[] = [];
		let first = start;
		for (let finite = 0; first > 0 && finite < needed;) {
			first--;
			const p = ring.physical(first);
			if (Number.isFinite(values[p]) && this.#member(categories, p)) finite++;
		}
		for (let i = first; i < start; i++) {
			const p = ring.physical(i);
			if (!this.#member(categories, p)) continue;
			movingAverage.push(values[p]);
			zScore.push(values[p]);
			iqr?.push(values[p]);
			history.push(values[p]);
		}
		forest?.rewindFeatures(history);
		this.#movingAverage = movingAverage;
		this.#zScore = zScore;
		this.#iqr = iqr;
	}

	/**
	 * Restores the running figures' min and max after a replacement took out one of them, from
	 * this line's finite values in the ring and the values already retired. Does nothing while
	 * the figures' extremes are current.
	 */
	restoreExtremes(ring: ColumnRing): void {
		if (!this.stats.extremesStale) return;
		const values = ring.values(this.series);
		const categories = this.#categories(ring);
		let min = Infinity;
		let max = -Infinity;
		for (let i = 0; i < ring.length; i++) {
			const p = ring.physical(i);
			if (!this.#member(categories, p)) continue;
			const v = values[p];
			if (v - v !== 0) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
		this.stats.restoreExtremes(min, max);
	}

	/**
	 * Recomputes the moving-average column over the ring with a new window, and continues the
	 * stream from the state that the replay leaves.
	 */
	rebuildMovingAverage(ring: ColumnRing, window: number): void {
		const movingAverage = new MovingAverage(window);
		const values = ring.values(this.series);
		const output = ring.column(this.columns.movingAverage);
		const categories = this.#categories(ring);
		for (let i = 0; i < ring.length; i++) {
			const p = ring.physical(i);
			if (this.#member(categories, p)) output[p] = pushAverage(movingAverage, values[p]);
		}
		ring.markWritten(output);
		this.#movingAverage = movingAverage;
	}

	/**
	 * Applies new detector settings: a new detector, window or IQR k scores the ring again, and
	 * a new threshold under the z-score or the forest re-flags from the stored scores. Either way
	 * the anomaly count is corrected. Settings the current detector does not read are only stored.
	 *
	 * NOTE: the ensemble scores about 20,000 to 30,000 records a second in Node (a short run on a
	 * 2-core machine), so switching to it over a full ring of 200,000 records blocks the worker for
	 * several seconds.
	 */
	configureScores(ring: ColumnRing, settings: LineSettings): void {
		const { detector, zWindow, zThreshold, iqrK, forestThreshold } = settings;
		const detectorChanged = detector !== this.#detector;
		const kChanged = detector === 'iqr' && iqrK !== this.#iqrK;
		const thresholdChanged =
			zThreshold !== this.#zScore.threshold || forestThreshold !== this.#forestThreshold;
		this.#detector = detector;
		this.#iqrK = iqrK;
		this.#forestThreshold = forestThreshold;
		this.#zScore.threshold = zThreshold;
		if (this.#forest !== null) this.#forest.threshold = forestThreshold;
		if (detectorChanged || kChanged || zWindow !== this.#zScore.window) {
			this.#rebuildScores(ring, zWindow, zThreshold, detectorChanged);
		} else if (thresholdChanged) {
			this.#applyThreshold(ring);
		}
	}

	/**
	 * Recomputes the band, score and anomaly columns over the ring, continues the stream from the
	 * replayed state, and corrects the anomaly count. The forest's and the ensemble's scores are
	 * kept unless `rescoreArrival`, because they do not depend on the window.
	 *
	 * NOTE: the replay starts with an empty history, so the oldest MIN_HISTORY finite records of
	 * the ring lose their z-score or IQR score, and the forest's or the ensemble's first records
	 * score as the start of a stream. Anomalies among records already dropped from the ring stay
	 * counted as they were flagged.
	 */
	#rebuildScores(
		ring: ColumnRing,
		window: number,
		threshold: number,
		rescoreArrival: boolean
	): void {
		const zScore = new RollingZScore(window, threshold);
		const iqr = this.#detector === 'iqr' ? new RollingIqr(window, this.#iqrK) : null;
		const keepArrival = this.#arrival !== null && !rescoreArrival;
		const arrival = keepArrival ? this.#arrival : this.#createArrival();
		const values = ring.values(this.series);
		const scores = ring.column(this.columns.score);
		const flags = ring.column(this.columns.anomaly);
		let before = 0;
		let after = 0;
		const band = {
			deviation: ring.column(this.columns.deviation),
			std: ring.column(this.columns.std)
		};
		const categories = this.#categories(ring);
		for (let i = 0; i < ring.length; i++) {
			const p = ring.physical(i);
			if (!this.#member(categories, p)) continue;
			const v = values[p];
			zScore.writeBand(v, band.deviation, band.std, p);
			const z = Math.fround(zScore.push(v));
			if (keepArrival) continue;

			let score: number;
			let flag: number;
			if (iqr !== null) {
				score = Math.fround(iqr.push(v));
				flag = Math.abs(score) > 0 ? 1 : 0;
			} else if (arrival !== null) {
				const e = arrival.push(v, ring.time[p]);
				score = Math.fround(e);
				flag = arrival.isAnomaly(e) ? 1 : 0;
			} else {
				score = z;
				flag = Math.abs(z) > threshold ? 1 : 0;
			}
			before += flags[p];
			after += flag;
			scores[p] = score;
			flags[p] = flag;
		}
		for (const column of [scores, flags, band.deviation, band.std]) ring.markWritten(column);
		this.#zScore = zScore;
		this.#iqr = iqr;
		this.#setArrival(arrival);
		this.#anomalyCount += after - before;
	}

	/**
	 * Re-flags the records in the ring from their stored z-scores or forest scores at the current
	 * threshold, and corrects the anomaly count. Records already dropped stay counted as they were
	 * flagged. The other detectors have no threshold to change.
	 */
	#applyThreshold(ring: ColumnRing): void {
		let isAnomaly: (score: number) => boolean;
		if (this.#detector === 'zscore') {
			const threshold = this.#zScore.threshold;
			isAnomaly = (z) => Math.abs(z) > threshold;
		} else if (this.#forest !== null) {
			const forest = this.#forest;
			isAnomaly = (score) => forest.isAnomaly(score);
		} else return;

		const scores = ring.column(this.columns.score);
		const flags = ring.column(this.columns.anomaly);
		const categories = this.#categories(ring);
		let before = 0;
		let after = 0;
		for (let i = 0; i < ring.length; i++) {
			const p = ring.physical(i);
			if (!this.#member(categories, p)) continue;
			const flag = isAnomaly(scores[p]) ? 1 : 0;
			before += flags[p];
			after += flag;
			flags[p] = flag;
		}
		ring.markWritten(flags);
		this.#anomalyCount += after - before;
	}

	#scratchFor(count: number): DerivedBatch {
		if (this.#scratch.movingAverage.length < count) {
			this.#scratch = {
				movingAverage: new Float64Array(count),
				score: new Float32Array(count),
				anomaly: new Uint8Array(count),
				deviation: new Float32Array(count),
				std: new Float32Array(count)
			};
		}
		const scratch = this.#scratch;
		return {
			movingAverage: scratch.movingAverage.subarray(0, count),
			score: scratch.score.subarray(0, count),
			anomaly: scratch.anomaly.subarray(0, count),
			deviation: scratch.deviation.subarray(0, count),
			std: scratch.std.subarray(0, count)
		};
	}
}

/**
 * Adds `v` to the moving average and returns the average its record stores. A record without a
 * finite value stores that value (NaN or ±Infinity), so the decimated average has its points and
 * breaks at the same records as the value line. The window still spans a gap, so the first finite
 * value after it is averaged with the finite values before it.
 */
function pushAverage(movingAverage: MovingAverage, v: number): number {
	// v - v is 0 exactly when v is finite.
	return v - v === 0 ? movingAverage.push(v) : v;
}
