import type { SuiteResult } from '../protocol';
import { MIN_SEASON_VALUES, WEAK_SEASON_RATIO, seasonNoiseStrength } from './seasonality';

/**
 * Names how many values a figure covers out of the records read, such as "6 values of 189
 * records".
 */
export function describeCoverage(finite: number, records: number): string {
	const count = (n: number) => n.toLocaleString('en-US');
	return `${count(finite)} ${finite === 1 ? 'value' : 'values'} of ${count(records)} ${records === 1 ? 'record' : 'records'}`;
}

/** The rule a period must meet, in words, for the Seasonality panel and the report. */
export const SEASON_RULE =
	`A period counts when there are at least ${MIN_SEASON_VALUES} values and two full cycles ` +
	`of them, and it explains at least ${WEAK_SEASON_RATIO} times the variance that the same ` +
	'period explains in random data of this length.';

/** Describes the period found, or why there is no usable period. */
export function describeSeasonality(result: Pick<SuiteResult, 'seasonality' | 'summary'>): string {
	const { seasonality: season, summary } = result;
	const coverage = describeCoverage(summary.finite, summary.count);
	switch (season.use) {
		case 'too-few-values':
			return `too few values to look for a period: ${coverage}`;
		case 'no-variance':
			return 'every value is the same, so there is no period to find';
		case 'no-period':
			return 'no period found: the autocorrelation has no peak above 0';
		case 'weak': {
			const noise = seasonNoiseStrength(season.period, summary.finite);
			return (
				`weak: the period explains ${percent(season.strength)} of the variance, and the same ` +
				`period explains about ${percent(noise)} in random data of this length, so it may be noise`
			);
		}
		case 'usable':
			return `period of ${season.period} records, found in ${coverage}`;
	}
}

/** Describes which model the forecast used and why. */
export function describeForecast(
	result: Pick<SuiteResult, 'forecast' | 'seasonality' | 'summary'>
): string {
	const { forecast, seasonality: season, summary } = result;
	const coverage = describeCoverage(summary.finite, summary.count);
	// With too few values neither model is fitted, so no comparison between them is claimed.
	if (forecast.issue !== undefined || forecast.forecast.length === 0) {
		return `No forecast: too few values to fit one (${coverage}).`;
	}
	const fitted = `Fitted to ${coverage}.`;
	if (forecast.method === 'holt-winters') {
		return `Holt-Winters with season length ${forecast.period}, the period found. ${fitted}`;
	}
	const model =
		forecast.method === 'holt'
			? "Holt's linear trend, without a season"
			: 'Simple exponential smoothing, without a season or trend';
	const errors = `${sigma(forecast.trendSigma)} against ${sigma(forecast.levelSigma)}`;
	const trend =
		forecast.method === 'holt'
			? `it has a lower one-step error than without a trend (${errors})`
			: `a trend did not lower the one-step error (${errors})`;
	return `${model}: ${seasonReason(season)}, and ${trend}. ${fitted}`;
}

/** Describes why the forecast has no season. */
function seasonReason(season: SuiteResult['seasonality']): string {
	switch (season.use) {
		case 'weak':
			return `the period ${season.period} is weak and may be noise`;
		case 'too-few-values':
			return 'there are too few values to look for a period';
		case 'no-variance':
			return 'every value is the same';
		default:
			return 'no period was found';
	}
}

function percent(share: number): string {
	return `${(share * 100).toFixed(1)} %`;
}

function sigma(value: number): string {
	return Number.isFinite(value) ? value.toPrecision(3) : 'none';
}
