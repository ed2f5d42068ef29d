import type { FieldMapping, FieldPath } from '../protocol';
import { isNumeric } from './coerce-number';
import { parseIsoDate, toTimestamp } from './coerce-time';
import { formatPath } from './field-path';

/** Number of leading records that {@link inferMapping} reads. */
export const INFERENCE_SAMPLE_SIZE = 50;

/** Deepest field path inspected, in keys. */
const MAX_DEPTH = 4;
const MAX_VALUE_FIELDS = 8;
/** Maximum number of distinct strings in the sample for a field to become the category. */
const MAX_CATEGORY_VALUES = 20;
/** Maximum number of fields tracked, so that records with thousands of keys stay cheap. */
const MAX_FIELDS = 1000;

/** Field names taken as the time, compared in lower case at any depth. */
const TIME_NAMES = new Set([
	'timestamp',
	'time',
	'ts',
	'date',
	'datetime',
	'created_at',
	'@timestamp'
]);

/** Range in which an unnamed epoch number counts as a time: the years 2000 to 2099. */
const PLAUSIBLE_FROM_MS = Date.UTC(2000, 0, 1);
const PLAUSIBLE_TO_MS = Date.UTC(2100, 0, 1);

/** Statistics of one leaf field over the sample. Counts exclude null values. */
interface FieldStats {
	path: FieldPath;
	present: number;
	/** Finite numbers and strict numeric strings. */
	numeric: number;
	strings: number;
	/** Strings that parse as ISO 8601 dates. */
	isoStrings: number;
	/** Values that toTimestamp accepts. */
	timestamps: number;
	/** ISO strings, and numbers that read as epoch times between 2000 and 2099. */
	plausibleTimes: number;
	/** Distinct string values, collected up to one more than MAX_CATEGORY_VALUES. */
	distinct: Set<string>;
}

/**
 * Guesses which fields contain the time, the values and the category, from the first
 * {@link INFERENCE_SAMPLE_SIZE} records.
 *
 * Nested objects are walked down to {@link MAX_DEPTH} keys. Arrays are skipped. Records that
 * are not objects are ignored. The zero-setup format `{"timestamp": "…", "value": 42.5,
 * "category": "A", …}` maps without a question: time `timestamp`, values `value`, category
 * `category`.
 */
export function inferMapping(records: unknown[]): FieldMapping {
	const fields = new Map<string, FieldStats>();
	const count = Math.min(records.length, INFERENCE_SAMPLE_SIZE);
	for (let i = 0; i < count; i++) {
		const record = records[i];
		if (isPlainObject(record)) collectFields(record, [], fields);
	}

	const leaves = [...fields.values()];
	const time = pickTime(leaves);
	return {
		time: time?.path ?? null,
		values: pickValues(leaves, time, fields.get('value')).map((field) => field.path),
		category: pickCategory(leaves, time, fields.get('category'))?.path ?? null
	};
}

/**
 * Picks a field with a usual time name whose values all convert to times, else the first field
 * whose values are all ISO dates or plausible epoch times. Shallower fields win in both steps.
 */
function pickTime(leaves: FieldStats[]): FieldStats | undefined {
	const shallowFirst = byDepth(leaves);
	const named = shallowFirst.find(
		(field) =>
			TIME_NAMES.has(field.path[field.path.length - 1].toLowerCase()) &&
			field.present > 0 &&
			field.timestamps === field.present
	);
	if (named !== undefined) return named;

	return shallowFirst.find((field) => field.present > 0 && field.plausibleTimes === field.present);
}

/**
 * Picks a top-level numeric `value`, else up to {@link MAX_VALUE_FIELDS} numeric fields. When no
 * field is mostly numeric, it falls back to fields with more than a third numeric values, most
 * numeric first. Numbers sent as text with many invalid ones then still get a chart, while a
 * state such as "1", "on", "off" stays a category.
 */
function pickValues(
	leaves: FieldStats[],
	time: FieldStats | undefined,
	topLevelValue: FieldStats | undefined
): FieldStats[] {
	if (topLevelValue !== undefined && isNumericField(topLevelValue)) return [topLevelValue];

	const values = leaves.filter((field) => field !== time && isNumericField(field));
	if (values.length > 0) return values.slice(0, MAX_VALUE_FIELDS);

	const partly = leaves.filter((field) => field !== time && field.numeric * 3 > field.present);
	partly.sort((a, b) => b.numeric / b.present - a.numeric / a.present);
	return partly.slice(0, MAX_VALUE_FIELDS);
}

/**
 * Picks a top-level string `category`, else the shallowest string field with 2 to
 * {@link MAX_CATEGORY_VALUES} distinct values, else the shallowest with one value throughout.
 * A field that varies splits the records, so it wins over a constant such as `"type": "event"`.
 */
function pickCategory(
	leaves: FieldStats[],
	time: FieldStats | undefined,
	topLevelCategory: FieldStats | undefined
): FieldStats | undefined {
	if (topLevelCategory !== undefined && isStringField(topLevelCategory)) return topLevelCategory;

	const candidates = byDepth(leaves).filter(
		(field) =>
			field !== time &&
			isStringField(field) &&
			!isNumericField(field) &&
			field.isoStrings * 2 <= field.strings &&
			field.distinct.size <= MAX_CATEGORY_VALUES
	);
	return candidates.find((field) => field.distinct.size > 1) ?? candidates[0];
}

/**
 * Tells whether most values are numbers. A majority rather than all, so that a sensor that
 * sometimes sends "unavailable" is still a series.
 */
function isNumericField(field: FieldStats): boolean {
	return field.numeric > 0 && field.numeric * 2 > field.present;
}

function isStringField(field: FieldStats): boolean {
	return field.strings > 0 && field.strings === field.present;
}

/** Sorts fields by depth, keeping first-seen order among fields of the same depth. */
function byDepth(leaves: FieldStats[]): FieldStats[] {
	return leaves.slice().sort((a, b) => a.path.length - b.path.length);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function collectFields(
	object: Record<string, unknown>,
	prefix: FieldPath,
	fields: Map<string, FieldStats>
): void {
	for (const key of Object.keys(object)) {
		const value = object[key];
		const path = [...prefix, key];
		if (isPlainObject(value)) {
			if (path.length < MAX_DEPTH) collectFields(value, path, fields);
		} else if (!Array.isArray(value) && value !== undefined) {
			addValue(fields, path, value);
		}
	}
}

function addValue(fields: Map<string, FieldStats>, path: FieldPath, value: unknown): void {
	const id = formatPath(path);
	let field = fields.get(id);
	if (field === undefined) {
		if (fields.size >= MAX_FIELDS) return;
		field = {
			path,
			present: 0,
			numeric: 0,
			strings: 0,
			isoStrings: 0,
			timestamps: 0,
			plausibleTimes: 0,
			distinct: new Set()
		};
		fields.set(id, field);
	}
	if (value === null) return;

	field.present++;
	// ±Infinity comes only from a lenient parse of an Infinity token: the field is still numeric.
	const numeric = isNumeric(value) || value === Infinity || value === -Infinity;
	if (numeric) field.numeric++;

	const time = toTimestamp(value);
	if (!Number.isNaN(time)) field.timestamps++;

	if (typeof value === 'string') {
		field.strings++;
		if (field.distinct.size <= MAX_CATEGORY_VALUES) field.distinct.add(value);
		if (!Number.isNaN(parseIsoDate(value.trim()))) {
			field.isoStrings++;
			field.plausibleTimes++;
			return;
		}
	}
	if (numeric && time >= PLAUSIBLE_FROM_MS && time < PLAUSIBLE_TO_MS) field.plausibleTimes++;
}
