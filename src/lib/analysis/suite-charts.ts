import type { SuiteResult } from '../protocol';
import {
	type ChartSize,
	clusterScatterSvg,
	FULL_CHART,
	HALF_CHART,
	timeChartSvg,
	type XAxisKind
} from './report-svg';

/** The SVG charts of one suite result, shared by the analysis page and the report. */
export interface SuiteCharts {
	series: string;
	trend: string;
	seasonality: string;
	forecast: string;
	clusters: string;
}

/** Sizes of the full-width chart and of the half-width charts of a suite result. */
export interface SuiteChartLayout {
	full: ChartSize;
	half: ChartSize;
}

/** Sizes for a wide page and for the report. */
export const WIDE_LAYOUT: SuiteChartLayout = { full: FULL_CHART, half: HALF_CHART };

/** Smallest viewBox width of a chart drawn for a narrow screen. A narrower chart is scaled down. */
const MIN_NARROW_WIDTH = 280;

/**
 * Sizes every time chart at `width`, the width a narrow screen shows it at in CSS pixels, so that
 * its 11 px text is drawn at 11 px instead of scaled down from a wide viewBox.
 */
export function narrowLayout(width: number): SuiteChartLayout {
	const size = { width: Math.max(MIN_NARROW_WIDTH, Math.round(width)), height: 240 };
	return { full: size, half: size };
}

const BLUE = '#2f7ed8';
const ORANGE = '#e08a00';
const RED = '#d92d20';
const GREEN = '#2e9e5b';

/** Draws every chart of `result` as SVG markup. */
export function suiteCharts(
	result: SuiteResult,
	detector = 'ensemble',
	layout: SuiteChartLayout = WIDE_LAYOUT
): SuiteCharts {
	const { time, values } = result;
	const valueName = result.valueName ?? 'value';
	const flagged = result.detections.find((d) => d.detector === detector);
	const anomalyTimes = flagged?.anomalies.map((a) => a.time) ?? [];
	const anomalyValues = flagged?.anomalies.map((a) => a.value) ?? [];
	const tail = Math.max(0, time.length - 4 * result.forecast.time.length);
	const xAxis: XAxisKind = result.timed ? 'time' : 'record';
	// An average carries over records without a value, but is drawn only where the value is, so
	// that it breaks where the value line breaks and never reads as data across a gap.
	const atValues = (average: Float64Array) =>
		average.map((a, i) => (Number.isFinite(values[i]) ? a : NaN));

	return {
		series: timeChartSvg(
			'Values, moving averages and anomalies',
			[
				{ label: valueName, x: time, y: values, color: BLUE },
				{ label: `SMA ${result.params.window}`, x: time, y: atValues(result.sma), color: ORANGE },
				{ label: `EMA ${result.params.window}`, x: time, y: atValues(result.ema), color: GREEN },
				{
					label: `${detector} anomalies`,
					x: anomalyTimes,
					y: anomalyValues,
					color: RED,
					dots: true
				}
			],
			[],
			layout.full,
			xAxis
		),
		trend: timeChartSvg(
			'Detrended values',
			[{ label: 'value minus trend line', x: time, y: result.trend.detrended, color: BLUE }],
			[],
			layout.half,
			xAxis
		),
		seasonality: timeChartSvg(
			'Seasonally adjusted values',
			[{ label: 'seasonally adjusted', x: time, y: result.seasonality.adjusted, color: BLUE }],
			[],
			layout.half,
			xAxis
		),
		forecast: timeChartSvg(
			'Exponential smoothing forecast',
			[
				{ label: valueName, x: time.subarray(tail), y: values.subarray(tail), color: BLUE },
				{ label: 'forecast', x: result.forecast.time, y: result.forecast.forecast, color: ORANGE }
			],
			[
				{
					x: result.forecast.time,
					low: result.forecast.lower,
					high: result.forecast.upper,
					color: ORANGE
				}
			],
			layout.half,
			xAxis
		),
		clusters: clustersSvg(result)
	};
}

/**
 * Draws the DBSCAN scatter plot: the value against the second feature, both standardised, or
 * with no second feature the standardised value against time, since one feature has no plane.
 */
function clustersSvg(result: SuiteResult): string {
	const c = result.clusters;
	const [value, second] = c.features;
	if (c.points.length > 1) {
		return clusterScatterSvg('DBSCAN clusters', c.points[0], c.points[1], c.labels, [
			{ label: `${value} (z)` },
			{ label: `${second} (z)` }
		]);
	}
	const times = Float64Array.from(c.records, (i) => result.time[i]);
	const against = result.timed ? 'time' : 'record number';
	return clusterScatterSvg(
		`DBSCAN clusters of ${value} alone, drawn against ${against}`,
		times,
		c.points[0],
		c.labels,
		[
			result.timed
				? { label: 'time (UTC), not clustered', time: true }
				: { label: 'record number, not clustered' },
			{ label: `${value} (z)` }
		]
	);
}
