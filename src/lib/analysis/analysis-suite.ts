import { max, mean, median, min, quantile, sampleStandardDeviation } from 'simple-statistics';
import type {
	SuiteDetection,
	SuiteParams,
	SuiteResult,
	SuiteSummary,
	SuiteTimings
} from '../protocol';
import { formatPath } from '../mapping/field-path';
import { type LoadedSeries, type SeriesFields, loadSeries } from '../mapping/load-series';
import { dbscan, standardise } from './dbscan';
import {
	dbscanFeatureName,
	dbscanFeatureRows,
	isTimeFeature,
	requireDbscanFeature,
	type UnofferedFields
} from './dbscan-features';
import { DETECTORS } from './detectors';
import { DEFAULT_ENSEMBLE } from './ensemble-detector';
import { describeIssue, finiteValues, isZeroSpread } from './finite';
import { chooseForecast } from './forecast-choice';
import { iqrDetect } from './iqr-detector';
import { isolationForestDetect } from './isolation-forest';
import { kDistance } from './k-distance';
import { leastSquaresTrend } from './least-squares-trend';
import { exponentialMovingAverage, simpleMovingAverage } from './moving-averages';
import { rollingStats } from './rolling-stats';
import { RollingZScore } from './rolling-zscore';
import { detectSeasonality, seasonUse } from './seasonality';
import { type SuiteChartLayout, type SuiteCharts, suiteCharts } from './suite-charts';
import { suiteReportHtml } from './suite-report';
import { lateRecordsWarning, sortByTime } from './time-order';

/** Parameters used when the page has not changed them. */
export const DEFAULT_SUITE_PARAMS: SuiteParams = {
	window: 20,
	zThreshold: 3,
	iqrK: 1.5,
	forestTrees: 100,
	forestThreshold: 0.65,
	seed: 1,
	minPts: 5,
	eps: null,
	dbscanFeature: 'change',
	alpha: 0.5,
	beta: 0.1,
	gamma: 0.1,
	horizon: 48,
	maxPeriod: 500
};

/** Anomalies listed per detector; the count covers all of them. */
export const MAX_LISTED_ANOMALIES = 500;

const DAY_MS = 86_400_000;

/** Computes the summary statistics of the finite values, with simple-statistics. */
export function summarise(values: ArrayLike<number>): SuiteSummary {
	const finite = finiteValues(values);
	const empty = { mean: NaN, std: NaN, min: NaN, max: NaN, median: NaN, q1: NaN, q3: NaN };
	if (finite.length < 2) {
		return { count: values.length, finite: finite.length, issue: 'insufficient-data', ...empty };
	}
	const std = sampleStandardDeviation(finite);
	const centre = mean(finite);
	return {
		count: values.length,
		finite: finite.length,
		issue: isZeroSpread(std, centre) ? 'no-variance' : undefined,
		mean: centre,
		std,
		min: min(finite),
		max: max(finite),
		median: median(finite),
		q1: quantile(finite, 0.25),
		q3: quantile(finite, 0.75)
	};
}

/**
 * The analysis page's batch analyses over one dataset: summary, rolling statistics, moving
 * averages, four detectors, trend, seasonality, DBSCAN clusters and an exponential smoothing
 * forecast, which is Holt-Winters when the seasonality has a usable period.
 * The analysis-suite worker exposes one instance with Comlink.
 */
export class AnalysisSuite {
	#series: Pick<LoadedSeries, 'time' | 'values' | 'errors'> | null = null;
	/** Whether the records have times from a field, not their numbers in the file. */
	#timed = false;
	/**
	 * Numbers of the file's other numeric fields per record, keyed by dotted path, in the order
	 * of `#series`, for DBSCAN's second feature. Only fields with a finite number in some record
	 * are kept. Empty for a recorded session.
	 */
	#fieldColumns = new Map<string, Float64Array>();
	/** Fields of the file read last that DBSCAN cannot use, or undefined for a recorded session. */
	#unofferedFields: UnofferedFields | undefined;
	#name = '';
	/** Name of the value series, for the charts' legends. */
	#valueName = 'value';
	#last: SuiteResult | null = null;

	/**
	 * Reads a JSON Lines or CSV text (CSV when `name` ends in .csv) and keeps its first value
	 * series in time order, or one line of it with `fields.split` and `fields.line`. Returns the
	 * record count, the rejected lines, the split values found, the value and time fields read
	 * (time null when records are timed by their numbers), and the numeric fields a user can
	 * choose as the value. It also returns the fields that DBSCAN can cluster beside the value,
	 * and those it cannot, with the reason (see UnofferedFields).
	 */
	load(text: string, name: string, fields: SeriesFields = {}) {
		const series = loadSeries(text, name, { ...fields, fieldColumns: true });
		this.#timed = series.mapping.time !== null;
		const fileFields = [...series.fieldColumns.keys()];
		const columns = [...series.fieldColumns.values()];
		const ordered = this.#timed
			? sortByTime(series.time, series.values, columns)
			: { time: series.time, values: series.values, columns, late: 0 };
		const errors =
			ordered.late > 0 ? [...series.errors, lateRecordsWarning(ordered.late)] : series.errors;
		this.#series = { time: ordered.time, values: ordered.values, errors };
		// A field without a number in the records read, such as one of another split line,
		// would leave every record out of the clustering, so it is not offered.
		const fileColumns = new Map(fileFields.map((field, i) => [field, ordered.columns[i]]));
		this.#fieldColumns = new Map(
			[...fileColumns].filter(([, column]) => column.some(Number.isFinite))
		);
		const featureFields = [...this.#fieldColumns.keys()];
		this.#name =
			fields.line !== undefined ? `${name} · ${fields.line ?? `(no ${fields.split})`}` : name;
		const { mapping } = series;
		this.#valueName = formatPath(mapping.values[0]);
		const unofferedFields: UnofferedFields = {
			value: formatPath(mapping.values[0]),
			time: mapping.time === null ? null : formatPath(mapping.time),
			split: mapping.split ? formatPath(mapping.split) : null,
			withoutNumber: fileFields.filter((field) => !this.#fieldColumns.has(field))
		};
		this.#unofferedFields = unofferedFields;
		return {
			count: series.values.length,
			errors,
			lines: series.lines,
			value: unofferedFields.value,
			time: unofferedFields.time,
			valueFields: series.valueFields,
			featureFields,
			unofferedFields
		};
	}

	/**
	 * Keeps a series that is already in columns, such as a recorded session, as the dataset, in
	 * time order. Returns its record count.
	 *
	 * @throws RangeError when the columns differ in length.
	 */
	loadColumns(
		time: Float64Array,
		values: Float64Array,
		name: string,
		valueName = 'value'
	): { count: number } {
		if (time.length !== values.length) {
			throw new RangeError(
				`invalid dataset ${name}: ${time.length} times but ${values.length} values`
			);
		}
		const ordered = sortByTime(time, values);
		const errors = ordered.late > 0 ? [lateRecordsWarning(ordered.late)] : [];
		this.#series = { time: ordered.time, values: ordered.values, errors };
		this.#fieldColumns = new Map();
		this.#unofferedFields = undefined;
		this.#timed = true;
		this.#name = name;
		this.#valueName = valueName;
		return { count: values.length };
	}

	/** Runs every analysis with `params` over the loaded dataset. */
	run(params: Partial<SuiteParams> = {}): SuiteResult {
		if (this.#series === null)
			throw new Error('no dataset loaded: load a file or a recorded session first');
		const started = performance.now();
		const p = { ...DEFAULT_SUITE_PARAMS, ...params };
		requireDbscanFeature(p.dbscanFeature, [...this.#fieldColumns.keys()], this.#unofferedFields);
		if (isTimeFeature(p.dbscanFeature) && !this.#timed) {
			throw new Error(
				`DBSCAN second feature "${dbscanFeatureName(p.dbscanFeature)}" needs record ` +
					`times, but ${this.#name} has no time field: choose one under Time field, or ` +
					'another second feature'
			);
		}
		const { time, values, errors } = this.#series;
		const rolling = rollingStats(values, p.window, []);
		const trend = this.#trend(time, values);
		const summary = summarise(values);
		const seasonality = detectSeasonality(values, p.maxPeriod);
		const seasonUsable = seasonUse(seasonality, summary.finite);
		const forecast = chooseForecast(values, seasonality.period, seasonUsable, p);
		const step = medianStep(time);
		const last = time.length > 0 ? time[time.length - 1] : 0;
		const timings: SuiteTimings = { isolationForestMs: 0, kDistanceMs: 0, dbscanMs: 0 };

		this.#last = {
			name: this.#name,
			valueName: this.#valueName,
			params: p,
			errors,
			summary,
			time,
			timed: this.#timed,
			values,
			sma: simpleMovingAverage(values, p.window).values,
			ema: exponentialMovingAverage(values, p.window).values,
			rollingStd: rolling.std,
			detections: this.#detect(p, timings),
			trend,
			seasonality: {
				issue: seasonality.issue,
				period: seasonality.period,
				use: seasonUsable,
				strength: seasonality.strength,
				autocorrelation: seasonality.autocorrelation,
				adjusted: seasonality.adjusted
			},
			clusters: this.#cluster(time, values, p, timings),
			forecast: {
				issue: forecast.issue,
				method: forecast.method,
				period: forecast.period,
				sigma: forecast.sigma,
				trendSigma: forecast.trendSigma,
				levelSigma: forecast.levelSigma,
				time: Float64Array.from({ length: p.horizon }, (_, h) => last + (h + 1) * step),
				forecast: forecast.forecast,
				lower: forecast.lower,
				upper: forecast.upper
			},
			elapsedMs: performance.now() - started,
			timings
		};
		return this.#last;
	}

	/** Runs every analysis and draws its charts, for the page. */
	runWithCharts(params: Partial<SuiteParams> = {}): { result: SuiteResult; charts: SuiteCharts } {
		const result = this.run(params);
		return { result, charts: suiteCharts(result) };
	}

	/** Draws the charts of the last run with the sizes of `layout`, such as for a narrow screen. */
	chartsOfLastRun(layout: SuiteChartLayout): SuiteCharts {
		if (this.#last === null) throw new Error('no analysis run yet: run the analyses first');
		return suiteCharts(this.#last, 'ensemble', layout);
	}

	/** Builds the HTML report of the last run. */
	report(generatedAt: Date): string {
		if (this.#last === null) throw new Error('no analysis run yet: run the analyses first');
		return suiteReportHtml(this.#last, generatedAt);
	}

	#detect(p: SuiteParams, timings: SuiteTimings): SuiteDetection[] {
		const { time, values } = this.#series!;
		const zscore = new RollingZScore(100, p.zThreshold);
		const zScores = new Float64Array(values.length);
		const zFlags = new Uint8Array(values.length);
		for (let i = 0; i < values.length; i++) {
			zScores[i] = zscore.push(values[i]);
			zFlags[i] = zscore.isAnomaly(zScores[i]) ? 1 : 0;
		}
		const iqr = iqrDetect(values, p.iqrK);
		const forestStarted = performance.now();
		const forest = isolationForestDetect(values, {
			trees: p.forestTrees,
			threshold: p.forestThreshold,
			seed: p.seed,
			window: p.window
		});
		timings.isolationForestMs = performance.now() - forestStarted;
		const record = DETECTORS.record(values, time);
		const ensemble = DETECTORS.ensemble(values, time);
		const list = (detector: string, score: Float64Array, flags: Uint8Array, note?: string) => {
			const detection: SuiteDetection = { detector, count: 0, anomalies: [], note };
			for (let i = 0; i < flags.length; i++) {
				if (flags[i] !== 1) continue;
				detection.count++;
				if (detection.anomalies.length < MAX_LISTED_ANOMALIES) {
					detection.anomalies.push({ index: i, time: time[i], value: values[i], score: score[i] });
				}
			}
			return detection;
		};
		return [
			list('zscore', zScores, zFlags),
			list('iqr', iqr.score, iqr.anomaly, iqr.issue && describeIssue(iqr.issue)),
			list(
				'iforest',
				forest.score,
				forest.anomaly,
				forest.lowConfidence
					? 'low confidence: fewer than 32 values'
					: forest.issue && describeIssue(forest.issue)
			),
			list('record', record.score, record.anomaly),
			list('ensemble', ensemble.score, ensemble.anomaly, ensembleNote(finiteValues(values).length))
		];
	}

	#trend(time: Float64Array, values: Float64Array): SuiteResult['trend'] {
		const t0 = time.length > 0 ? time[0] : 0;
		const days = Float64Array.from(time, (t) => (t - t0) / DAY_MS);
		const r = leastSquaresTrend(days, values);
		return {
			issue: r.issue,
			slopePerDay: r.slope,
			slopeLow: r.slopeLow,
			slopeHigh: r.slopeHigh,
			rSquared: r.rSquared,
			detrended: r.detrended
		};
	}

	#cluster(
		time: Float64Array,
		values: Float64Array,
		p: SuiteParams,
		timings: SuiteTimings
	): SuiteResult['clusters'] {
		const rows = dbscanFeatureRows(time, values, p.dbscanFeature, this.#fieldColumns);
		const { rows: scaled, index } = standardise(rows);
		const kDistanceStarted = performance.now();
		// The suggestion comes from the same standardised features that DBSCAN clusters.
		const suggestion = kDistance(scaled, p.minPts - 1);
		timings.kDistanceMs = performance.now() - kDistanceStarted;
		const eps = p.eps ?? (suggestion.suggestedEps > 0 ? suggestion.suggestedEps : 0.5);
		const dbscanStarted = performance.now();
		const result = dbscan(scaled, eps, p.minPts);
		timings.dbscanMs = performance.now() - dbscanStarted;
		const features = [this.#valueName];
		if (p.dbscanFeature !== 'none') features.push(dbscanFeatureName(p.dbscanFeature));
		const withoutValue = values.filter((value) => !Number.isFinite(value)).length;
		return {
			feature: p.dbscanFeature,
			features,
			points: features.map((_, d) => Float64Array.from(scaled, (r) => r[d])),
			records: Int32Array.from(index),
			leftOut: { value: withoutValue, feature: rows.length - index.length - withoutValue },
			labels: result.labels,
			clusterCount: result.clusterCount,
			noise: result.noise.map((i) => index[i]),
			eps,
			suggestedEps: suggestion.suggestedEps,
			minPts: p.minPts
		};
	}
}

/** Median gap between consecutive times, or one minute when there are none. */
function medianStep(time: Float64Array): number {
	const gaps: number[] = [];
	for (let i = 1; i < time.length; i++) gaps.push(time[i] - time[i - 1]);
	return gaps.length > 0 ? median(gaps) : 60_000;
}

/**
 * Returns a note for the ensemble on a series of `values` finite values, or undefined for a long
 * one. It learns each stream as it reads it, and its scores are multiplied by n / (n + ramp)
 * after n values (gaps do not count), so that what it has not learned yet does not flag. That
 * weight is under 1/2 below the ramp and under 2/3 below twice the ramp, where an obvious spike
 * may go unflagged.
 */
export function ensembleNote(values: number): string | undefined {
	const ramp = DEFAULT_ENSEMBLE.ramp;
	if (values >= 2 * ramp) return undefined;
	const count = (n: number) => n.toLocaleString('en-US');
	return (
		`learns the stream first: its scores are scaled by n / (n + ${count(ramp)}), under 2/3 ` +
		`for the first ${count(2 * ramp)} values. This series has ${count(values)}, so it flags ` +
		'little here. zscore or iforest suit a short series.'
	);
}
