import { SPREAD_SAMPLE_SIZE } from '../mapping/field-samples';
import { INFERENCE_SAMPLE_SIZE } from '../mapping/infer-mapping';
import type { BuiltinDbscanFeature, DbscanFeature } from '../protocol';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Prefix of a feature read from another numeric field of the file, as in `field:hour_frac`. */
const FIELD_PREFIX = 'field:';

/** Names of the built-in second features, as the chooser, axis labels and report show them. */
export const DBSCAN_FEATURE_NAMES: Readonly<Record<BuiltinDbscanFeature, string>> = {
	change: 'change from previous value',
	hour: 'time within the hour (UTC)',
	day: 'time of day (UTC)',
	none: 'none: value alone'
};

/** Built-in second features of DBSCAN, in the order the analysis page lists them. */
export const DBSCAN_FEATURES = Object.keys(DBSCAN_FEATURE_NAMES) as BuiltinDbscanFeature[];

/** Tooltip of the page's chooser, which explains how the time features are measured. */
export const DBSCAN_FEATURE_TITLE =
	'Clustered beside each value. Time within the hour and time of day are fractions from 0 to 1 ' +
	'of the UTC hour and day, whatever the time zone of the browser. A field of the file is ' +
	'taken as it is, and records without a number in it are left out.';

/** One entry of the page's second-feature chooser. */
export interface DbscanFeatureChoice {
	feature: DbscanFeature;
	label: string;
}

/**
 * Lists the second features a dataset offers, in the chooser's order: the built-in ones, with
 * `fields` (the file's other numeric fields, dotted) before 'none'. A field feature `chosen`
 * whose field is not in `fields`, such as one a link sets before any file is read, is listed
 * after them, so that the chooser shows it.
 */
export function dbscanFeatureChoices(
	fields: readonly string[],
	chosen?: DbscanFeature
): DbscanFeatureChoice[] {
	const chosenField = chosen === undefined ? null : fieldOfFeature(chosen);
	const listed =
		chosenField === null || fields.includes(chosenField) ? fields : [...fields, chosenField];
	const builtin = (feature: BuiltinDbscanFeature) => ({
		feature,
		label: DBSCAN_FEATURE_NAMES[feature]
	});
	return [
		builtin('change'),
		builtin('hour'),
		builtin('day'),
		...listed.map((field) => ({ feature: fieldFeature(field), label: `field ${field}` })),
		builtin('none')
	];
}

/** Returns the feature that reads the numeric field `field`, a dotted path. */
export function fieldFeature(field: string): DbscanFeature {
	return `${FIELD_PREFIX}${field}`;
}

/** Returns the dotted path of the field that `feature` reads, or null for a built-in feature. */
export function fieldOfFeature(feature: DbscanFeature): string | null {
	return feature.startsWith(FIELD_PREFIX) ? feature.slice(FIELD_PREFIX.length) : null;
}

/** Names `feature` for the axis labels, texts and report: a field by its dotted path. */
export function dbscanFeatureName(feature: DbscanFeature): string {
	return fieldOfFeature(feature) ?? DBSCAN_FEATURE_NAMES[feature as BuiltinDbscanFeature];
}

/** Tests whether `feature` is read from the records' times, so that it needs a time field. */
export function isTimeFeature(feature: DbscanFeature): boolean {
	return feature === 'hour' || feature === 'day';
}

/**
 * Builds one feature row per record for DBSCAN: the value, then the second feature unless it is
 * 'none'. The change is the difference from the previous finite value, so the first record and
 * a record with no finite value before it get NaN. Times are epoch milliseconds, and their
 * fractions of the hour and day are taken in UTC, from 0 (inclusive) to 1 (exclusive), also
 * before 1970. A field feature reads its column from `fields`, keyed by dotted path, where a
 * record without a finite number has NaN. A NaN in a row means that record cannot be clustered.
 *
 * @throws RangeError when `feature` is not one of DBSCAN_FEATURES or a field of `fields`, or the
 *   columns differ in length.
 */
export function dbscanFeatureRows(
	time: ArrayLike<number>,
	values: ArrayLike<number>,
	feature: DbscanFeature,
	fields: ReadonlyMap<string, ArrayLike<number>> = new Map()
): number[][] {
	requireDbscanFeature(feature, [...fields.keys()]);
	const field = fieldOfFeature(feature);
	const column = field === null ? time : fields.get(field)!;
	if (time.length !== values.length || column.length !== values.length) {
		const of = field === null ? 'times' : `numbers of field "${field}"`;
		throw new RangeError(
			`invalid DBSCAN columns: ${column.length} ${of} but ${values.length} values`
		);
	}
	const rows: number[][] = [];
	let previous = NaN;
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (feature === 'none') rows.push([value]);
		else if (feature === 'change') rows.push([value, value - previous]);
		else if (field !== null) rows.push([value, finiteOrNaN(column[i])]);
		else rows.push([value, fractionOf(time[i], feature === 'hour' ? HOUR_MS : DAY_MS)]);
		if (Number.isFinite(value)) previous = value;
	}
	return rows;
}

/** Returns `x`, or NaN for ±Infinity, which a lenient read keeps and no analysis counts. */
function finiteOrNaN(x: number): number {
	return Number.isFinite(x) ? x : NaN;
}

/** Returns the fraction of its period that `ms` has run, from 0 to 1. Periods start at the epoch. */
function fractionOf(ms: number, period: number): number {
	// NOTE: the fraction is linear, not circular, so 23:59 and 00:00 are almost 1 apart.
	// Adding the period first keeps a time before 1970, whose remainder is negative, in 0 to 1.
	return (((ms % period) + period) % period) / period;
}

/** Tests whether `text` names one of DBSCAN_FEATURES. */
function isBuiltinFeature(text: string): text is BuiltinDbscanFeature {
	return (DBSCAN_FEATURES as string[]).includes(text);
}

/**
 * Numeric fields of a loaded file, dotted, that the chooser does not offer as a field feature.
 * These are the value, time and split fields, with time and split null when the file has none.
 * `withoutNumber` lists the fields that no record read has a finite number in, such as a field
 * of another split line.
 */
export interface UnofferedFields {
	value: string;
	time: string | null;
	split: string | null;
	withoutNumber: string[];
}

/**
 * Checks that `feature` is one of DBSCAN_FEATURES, or reads one of `fields`, the dataset's other
 * numeric fields. `unoffered` names the file's fields that are not offered, for the message.
 *
 * @throws RangeError naming the invalid feature and the valid ones.
 */
export function requireDbscanFeature(
	feature: string,
	fields: readonly string[] = [],
	unoffered?: UnofferedFields
): asserts feature is DbscanFeature {
	if (isBuiltinFeature(feature)) return;
	const field = fieldOfFeature(feature as DbscanFeature);
	if (field === null) {
		throw new RangeError(
			`invalid DBSCAN second feature "${feature}": expected one of ` +
				`${DBSCAN_FEATURES.join(', ')} or field:NAME`
		);
	}
	const problem = unknownFieldProblem(feature as DbscanFeature, fields, unoffered);
	if (problem !== null) throw new RangeError(problem);
}

/**
 * Returns the message for a `field:` feature whose field is not among `fields`, the dataset's
 * numeric fields other than the value, time and split fields. With `unoffered`, the message
 * gives the reason the field is not offered, or names the records that the fields are listed
 * from when it is not among them. Returns null for a field among `fields` and for a built-in
 * feature.
 */
export function unknownFieldProblem(
	feature: DbscanFeature,
	fields: readonly string[],
	unoffered?: UnofferedFields
): string | null {
	const field = fieldOfFeature(feature);
	if (field === null || fields.includes(field)) return null;
	return `invalid DBSCAN second feature "${feature}": ${unknownField(field, fields, unoffered)}`;
}

/** Explains why `field` is not one of `fields`, and lists them. */
function unknownField(
	field: string,
	fields: readonly string[],
	unoffered: UnofferedFields | undefined
): string {
	const choose =
		fields.length === 0
			? 'and the dataset has none besides its value, time and split fields'
			: `expected one of ${fields.join(', ')}`;
	if (unoffered === undefined) return `numeric field "${field}" not found, ${choose}`;

	if (field === unoffered.value) {
		return `"${field}" is the value field, which DBSCAN clusters already, ${choose}`;
	}
	if (field === unoffered.time) {
		return `"${field}" is the time field, which the features hour and day read, ${choose}`;
	}
	if (field === unoffered.split) {
		return `"${field}" is the split field, which is the same in every record of a line, ${choose}`;
	}
	if (unoffered.withoutNumber.includes(field)) {
		return `numeric field "${field}" has no finite number in the records read, ${choose}`;
	}
	const spread = SPREAD_SAMPLE_SIZE.toLocaleString('en-US');
	const where = `the first ${INFERENCE_SAMPLE_SIZE} records of the file or ${spread} spread over the rest`;
	return `numeric field "${field}" not found in ${where}, ${choose}`;
}

/**
 * Reads a `dbscan-feature=` URL parameter: change, hour, day, none or field:NAME. Absent or blank
 * gives undefined, which keeps the default. Whether the file has field NAME is checked once the
 * file is read, by unknownFieldProblem.
 */
export function readDbscanFeatureParam(
	text: string | null
): { value: DbscanFeature | undefined; problem?: undefined } | { problem: string } {
	if (text === null || text === '') return { value: undefined };
	if (isBuiltinFeature(text)) return { value: text };
	const field = fieldOfFeature(text as DbscanFeature);
	if (field !== null && field !== '') return { value: fieldFeature(field) };
	return {
		problem:
			`invalid dbscan-feature "${text}": expected change (change from the previous value), ` +
			'hour (time within the UTC hour), day (time of the UTC day), none (value alone) or ' +
			'field:NAME (another numeric field of the file, such as field:hour_frac)'
	};
}
