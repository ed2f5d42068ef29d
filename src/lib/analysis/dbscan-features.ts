import type { DbscanFeature } from '../protocol';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Names of the second features, as the page's chooser, axis labels and report show them. */
export const DBSCAN_FEATURE_NAMES: Readonly<Record<DbscanFeature, string>> = {
	change: 'change from previous value',
	hour: 'time within the hour (UTC)',
	day: 'time of day (UTC)',
	none: 'none: value alone'
};

/** Second features of DBSCAN, in the order the analysis page lists them. */
export const DBSCAN_FEATURES = Object.keys(DBSCAN_FEATURE_NAMES) as DbscanFeature[];

/** Tooltip of the page's chooser, which explains how the time features are measured. */
export const DBSCAN_FEATURE_TITLE =
	'Clustered beside each value. Time within the hour and time of day are fractions from 0 to 1 ' +
	'of the UTC hour and day, whatever the time zone of the browser.';

/** Tests whether `feature` is read from the records' times, so that it needs a time field. */
export function isTimeFeature(feature: DbscanFeature): boolean {
	return feature === 'hour' || feature === 'day';
}

/**
 * Builds one feature row per record for DBSCAN: the value, then the second feature unless it is
 * 'none'. The change is the difference from the previous finite value, so the first record and
 * a record with no finite value before it get NaN. Times are epoch milliseconds, and their
 * fractions of the hour and day are taken in UTC, from 0 (inclusive) to 1 (exclusive), also
 * before 1970. A NaN in a row means that record cannot be clustered.
 *
 * @throws RangeError when `feature` is not one of DBSCAN_FEATURES, or the columns differ in length.
 */
export function dbscanFeatureRows(
	time: ArrayLike<number>,
	values: ArrayLike<number>,
	feature: DbscanFeature
): number[][] {
	requireDbscanFeature(feature);
	if (time.length !== values.length) {
		throw new RangeError(
			`invalid DBSCAN columns: ${time.length} times but ${values.length} values`
		);
	}
	const rows: number[][] = [];
	let previous = NaN;
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (feature === 'none') rows.push([value]);
		else if (feature === 'change') rows.push([value, value - previous]);
		else rows.push([value, fractionOf(time[i], feature === 'hour' ? HOUR_MS : DAY_MS)]);
		if (Number.isFinite(value)) previous = value;
	}
	return rows;
}

/** Returns the fraction of its period that `ms` has run, from 0 to 1. Periods start at the epoch. */
function fractionOf(ms: number, period: number): number {
	// NOTE: the fraction is linear, not circular, so 23:59 and 00:00 are almost 1 apart.
	// Adding the period first keeps a time before 1970, whose remainder is negative, in 0 to 1.
	return (((ms % period) + period) % period) / period;
}

/** Tests whether `text` names one of DBSCAN_FEATURES. */
function isDbscanFeature(text: string): text is DbscanFeature {
	return (DBSCAN_FEATURES as string[]).includes(text);
}

/**
 * Checks that `feature` is one of DBSCAN_FEATURES.
 *
 * @throws RangeError naming the invalid feature and the valid ones.
 */
export function requireDbscanFeature(feature: string): asserts feature is DbscanFeature {
	if (!isDbscanFeature(feature)) {
		throw new RangeError(
			`invalid DBSCAN second feature "${feature}": expected one of ${DBSCAN_FEATURES.join(', ')}`
		);
	}
}

/**
 * Reads a `dbscan-feature=` URL parameter: change, hour, day or none. Absent or blank gives
 * undefined, which keeps the default.
 */
export function readDbscanFeatureParam(
	text: string | null
): { value: DbscanFeature | undefined; problem?: undefined } | { problem: string } {
	if (text === null || text === '') return { value: undefined };
	if (isDbscanFeature(text)) return { value: text };
	return {
		problem:
			`invalid dbscan-feature "${text}": expected change (change from the previous value), ` +
			'hour (time within the UTC hour), day (time of the UTC day) or none (value alone)'
	};
}
