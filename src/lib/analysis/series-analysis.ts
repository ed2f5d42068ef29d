import type { AnalysisSettings } from '../protocol';
import type { CategoryFilter } from '../store/category-filter';
import type { ColumnKind, ColumnRing, NumericColumn } from '../store/ring-buffer';
import { MovingAverage } from './moving-average';
import { MIN_HISTORY, RollingZScore } from './rolling-zscore';
import { RunningStats } from './running-stats';

/** Names of the ring's extra columns that contain one series' derived values. */
export interface DerivedColumnNames {
	/** float64: moving average at each record. */
	movingAverage: string;
	/** float32: rolling z-score at each record, NaN when it has none. */
	zScore: string;
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
	zScore: Float32Array;
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
		zScore: `z:${series}`,
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
		kinds[names.zScore] = 'float32';
		kinds[names.anomaly] = 'uint8';
		kinds[names.deviation] = 'float32';
		kinds[names.std] = 'float32';
	}
	return kinds;
}

/**
 * Incremental analyses of one series: running figures over every accepted value, moving
 * average, rolling z-score and the anomaly count.
 *
 * A line of a split series analyses the records of one category only. Its derived values go
 * into the columns of its value field at its own records, so the lines of one field share them.
 *
 * Each record also keeps the rolling mean and standard deviation its z-score was computed
 * from, for the band mean ± k σ. The mean is stored as the value's deviation from it, in
 * float32: that keeps the error relative to the deviation, not to the value, so values near
 * 1e9 keep their band. Both columns are NaN while the z-score has too little history.
 *
 * The z-score is rounded to float32 before it is compared with the threshold, because the ring
 * stores it as float32 and a later threshold change re-flags from the stored values. Both paths
 * then agree on every point.
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
	#zScore: RollingZScore;
	#anomalyCount = 0;
	#scratch: DerivedBatch = {
		movingAverage: new Float64Array(0),
		zScore: new Float32Array(0),
		anomaly: new Uint8Array(0),
		deviation: new Float32Array(0),
		std: new Float32Array(0)
	};

	constructor(
		series: number,
		settings: Pick<AnalysisSettings, 'maWindow' | 'zWindow' | 'zThreshold'>,
		line: LineCategory | null = null
	) {
		this.series = series;
		this.columns = derivedColumnNames(series);
		this.line = line;
		this.#movingAverage = new MovingAverage(settings.maWindow);
		this.#zScore = new RollingZScore(settings.zWindow, settings.zThreshold);
	}

	/** Anomalies flagged since construction, including those no longer in the ring. */
	get anomalyCount(): number {
		return this.#anomalyCount;
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
	 */
	ingest(values: Float64Array, count: number): DerivedBatch {
		for (let i = 0; i < count; i++) this.stats.push(values[i]);
		return this.derive(values, count);
	}

	/**
	 * Feeds the first `count` values through the moving average and the z-score only, and
	 * returns the derived values as {@link ingest} does. The running figures are left alone.
	 */
	derive(values: Float64Array, count: number): DerivedBatch {
		const derived = this.#scratchFor(count);
		const movingAverage = this.#movingAverage;
		const zScore = this.#zScore;
		const threshold = zScore.threshold;
		let anomalies = 0;

		for (let i = 0; i < count; i++) {
			const v = values[i];
			derived.movingAverage[i] = movingAverage.push(v);
			writeBand(zScore, v, derived, i);
			const z = Math.fround(zScore.push(v));
			derived.zScore[i] = z;
			const flag = Math.abs(z) > threshold ? 1 : 0;
			derived.anomaly[i] = flag;
			anomalies += flag;
		}
		this.#anomalyCount += anomalies;
		return derived;
	}

	/**
	 * Rewinds the moving average and the z-score to just before logical record `start` of the
	 * ring, and takes the anomalies from `start` on out of the count. The records from `start`
	 * on can then be derived again in a new order.
	 *
	 * Both analyses are rebuilt from the records before `start`: enough finite values to fill
	 * the longer of the two windows.
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
		const values = ring.values(this.series);
		const needed = Math.max(movingAverage.window, zScore.window);
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
		}
		this.#movingAverage = movingAverage;
		this.#zScore = zScore;
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
			if (this.#member(categories, p)) output[p] = movingAverage.push(values[p]);
		}
		ring.markWritten(output);
		this.#movingAverage = movingAverage;
	}

	/**
	 * Recomputes the z-score and anomaly columns over the ring with a new window and threshold,
	 * continues the stream from the replayed state, and corrects the anomaly count.
	 *
	 * NOTE: the replay starts with an empty history, so the oldest MIN_HISTORY finite records of
	 * the ring lose their z-score. Anomalies among records already dropped from the ring stay
	 * counted as they were flagged.
	 */
	rebuildZScores(ring: ColumnRing, window: number, threshold: number): void {
		const zScore = new RollingZScore(window, threshold);
		const values = ring.values(this.series);
		const zColumn = ring.column(this.columns.zScore);
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
			writeBand(zScore, values[p], band, p);
			const z = Math.fround(zScore.push(values[p]));
			const flag = Math.abs(z) > threshold ? 1 : 0;
			before += flags[p];
			after += flag;
			zColumn[p] = z;
			flags[p] = flag;
		}
		for (const column of [zColumn, flags, band.deviation, band.std]) ring.markWritten(column);
		this.#zScore = zScore;
		this.#anomalyCount += after - before;
	}

	/**
	 * Re-flags the records in the ring from their stored z-scores at a new threshold, and
	 * corrects the anomaly count. Records already dropped stay counted as they were flagged.
	 */
	applyThreshold(ring: ColumnRing, threshold: number): void {
		const zColumn = ring.column(this.columns.zScore);
		const flags = ring.column(this.columns.anomaly);
		const categories = this.#categories(ring);
		let before = 0;
		let after = 0;
		for (let i = 0; i < ring.length; i++) {
			const p = ring.physical(i);
			if (!this.#member(categories, p)) continue;
			const flag = Math.abs(zColumn[p]) > threshold ? 1 : 0;
			before += flags[p];
			after += flag;
			flags[p] = flag;
		}
		ring.markWritten(flags);
		this.#zScore.threshold = threshold;
		this.#anomalyCount += after - before;
	}

	#scratchFor(count: number): DerivedBatch {
		if (this.#scratch.movingAverage.length < count) {
			this.#scratch = {
				movingAverage: new Float64Array(count),
				zScore: new Float32Array(count),
				anomaly: new Uint8Array(count),
				deviation: new Float32Array(count),
				std: new Float32Array(count)
			};
		}
		const scratch = this.#scratch;
		return {
			movingAverage: scratch.movingAverage.subarray(0, count),
			zScore: scratch.zScore.subarray(0, count),
			anomaly: scratch.anomaly.subarray(0, count),
			deviation: scratch.deviation.subarray(0, count),
			std: scratch.std.subarray(0, count)
		};
	}
}

/**
 * Writes the band columns of one record at `index`: its deviation from the z-score's rolling
 * mean and the rolling standard deviation, both taken before the record joins the history.
 */
function writeBand(
	zScore: RollingZScore,
	value: number,
	band: { deviation: NumericColumn; std: NumericColumn },
	index: number
): void {
	if (zScore.filled < MIN_HISTORY || !Number.isFinite(value)) {
		band.deviation[index] = NaN;
		band.std[index] = NaN;
		return;
	}
	band.deviation[index] = value - zScore.mean;
	band.std[index] = zScore.std;
}
