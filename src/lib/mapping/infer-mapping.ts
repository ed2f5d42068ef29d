import type { FieldMapping, FieldPath } from '../protocol';
import { isNumeric } from './coerce-number';
import { parseIsoDate, toTimestamp } from './coerce-time';
import { formatPath, MAX_FIELD_DEPTH } from './field-path';

/** Number of leading records that {@link inferMapping} reads. */
export const INFERENCE_SAMPLE_SIZE = 50;

const MAX_VALUE_FIELDS = 8;
/** Maximum number of distinct strings in the sample for a field to become the category. */
const MAX_CATEGORY_VALUES = 20;
/** Maximum number of fields tracked, so that records with thousands of keys stay cheap. */
const MAX_FIELDS = 1000;
/** Numeric values a field keeps the same for, over the sample, to count as a constant. */
const MIN_CONSTANT_VALUES = 5;
/** Smallest magnitude of the integers of a field that counts as an id or a counter. */
const MIN_ID_MAGNITUDE = 1e6;
/** Leaf names of id fields, such as `id`, `log_id` or `deviceId`. */
const ID_NAME = /^id$|_id$|[a-z]Id$/;
/** Leaf names of sequence numbers, such as `seq`, `seqNo` or `sequence_number`, any case. */
const SEQUENCE_NAME = /^(seq|sequence)([_-]?(no|num|number))?$/i;

/**
 * Leaf names that mark a number as a clock reading: `t`, `ts`, `time`, `timestamp` or `epoch`,
 * or a name ending in a unit or time suffix, in snake case (`sent_ms`, `t_s`, `created_at`,
 * `recv_time`) or camel case (`sentMs`, `createdAt`, `recvTime`).
 */
const CLOCK_NAME = /^(t|ts|time|timestamp|epoch)$|_(s|ms|us|ns|at|time)$/i;
/** Camel-case clock suffixes, matched with their case so that `items` is no `…Ms`. */
const CAMEL_CLOCK_NAME = /[a-z](Ms|Us|Ns|At|Time)$/;

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
	/** Distinct numeric values, collected up to one more than INFERENCE_SAMPLE_SIZE. */
	numbers: Set<number>;
	/** Numeric values that are integers of at least MIN_ID_MAGNITUDE in magnitude. */
	largeIntegers: number;
}

/** Options of {@link inferMapping}. */
export interface InferOptions {
	/**
	 * The field that splits the series into one line per value. It is no value field, and
	 * without a value field chosen the split charts the one value field with the most numbers.
	 */
	split?: FieldPath | null;
	/**
	 * The time field the user chose, or null for none (records are numbered). It is then the
	 * time the values are picked beside, so it is no value field, and nor are the epoch times
	 * and clocks beside it.
	 */
	time?: FieldPath | null;
}

/**
 * Guesses which fields contain the time, the values and the category, from the first
 * {@link INFERENCE_SAMPLE_SIZE} records.
 *
 * Nested objects are walked down to {@link MAX_FIELD_DEPTH} keys. Arrays are skipped. Records that
 * are not objects are ignored. The zero-setup format `{"timestamp": "…", "value": 42.5,
 * "category": "A", …}` maps without a question: time `timestamp`, values `value`, category
 * `category`.
 */
export function inferMapping(records: unknown[], options: InferOptions = {}): FieldMapping {
	const fields = new Map<string, FieldStats>();
	const count = Math.min(records.length, INFERENCE_SAMPLE_SIZE);
	for (let i = 0; i < count; i++) {
		const record = records[i];
		if (isPlainObject(record)) collectFields(record, [], fields);
	}

	const splitId = options.split ? formatPath(options.split) : null;
	const leaves = [...fields.values()];
	const time =
		options.time === undefined
			? pickTime(leaves)
			: options.time === null
				? undefined
				: fields.get(formatPath(options.time));
	const candidates = leaves.filter((field) => formatPath(field.path) !== splitId);
	const topLevelValue = splitId === 'value' ? undefined : fields.get('value');
	let values = pickValues(candidates, time, topLevelValue);
	if (splitId !== null)
		values = values
			.slice()
			.sort((a, b) => b.numeric - a.numeric)
			.slice(0, 1);
	return {
		time: options.time !== undefined ? options.time : (time?.path ?? null),
		values: values.map((field) => field.path),
		category: pickCategory(leaves, time, fields.get('category'))?.path ?? null
	};
}

/**
 * Picks a field with a usual time name whose values convert to times, else the first field whose
 * values are all ISO dates or plausible epoch times. Shallower fields win in both steps. A named
 * field needs all its values to convert, or four in five of at least five: one bad time is then
 * rejected with its line, instead of the whole field being dropped.
 */
function pickTime(leaves: FieldStats[]): FieldStats | undefined {
	const shallowFirst = byDepth(leaves);
	const named = shallowFirst.find(
		(field) =>
			TIME_NAMES.has(field.path[field.path.length - 1].toLowerCase()) &&
			field.present > 0 &&
			(field.timestamps === field.present ||
				(field.present >= 5 && field.timestamps * 5 >= field.present * 4))
	);
	if (named !== undefined) return named;

	return shallowFirst.find((field) => field.present > 0 && field.plausibleTimes === field.present);
}

/**
 * Picks a top-level numeric `value`, else up to {@link MAX_VALUE_FIELDS} numeric fields. When no
 * field is mostly numeric, it falls back to fields with more than a third numeric values, most
 * numeric first. Numbers sent as text with many invalid ones then still get a chart, while a
 * state such as "1", "on", "off" stays a category.
 *
 * Numeric fields that are no measurement are left out while others remain: ids and counters
 * (see {@link isIdLike}), epoch times beside the time field, and constants over at least
 * {@link MIN_CONSTANT_VALUES} values, such as an MQTT `qos` of 0. When only such fields remain,
 * clocks beside the time field (see {@link isClock}) still stay out unless nothing else is left.
 * A constant `v` is then charted, not the `t_ms` and `t_us` copies of the time.
 */
function pickValues(
	leaves: FieldStats[],
	time: FieldStats | undefined,
	topLevelValue: FieldStats | undefined
): FieldStats[] {
	if (topLevelValue !== undefined && isNumericField(topLevelValue)) return [topLevelValue];

	const numeric = leaves.filter((field) => field !== time && isNumericField(field));
	const measured = numeric.filter(
		(field) =>
			!isIdLike(field) &&
			!isConstant(field) &&
			!(time !== undefined && field.plausibleTimes === field.present)
	);
	const unclocked = numeric.filter((field) => !(time !== undefined && isClock(field)));
	let values = measured;
	if (values.length === 0) values = unclocked.length > 0 ? unclocked : numeric;
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

/**
 * Tells whether a numeric field contains ids or counters rather than measurements: its name is
 * `id`, ends in `_id` or is camel case ending in `Id`, it is named as a sequence number (`seq`),
 * or its values are distinct integers of at least {@link MIN_ID_MAGNITUDE}, as a trade id or an
 * event offset is.
 */
function isIdLike(field: FieldStats): boolean {
	const name = field.path[field.path.length - 1];
	if (ID_NAME.test(name) || SEQUENCE_NAME.test(name)) return true;
	return (
		field.numeric >= 2 &&
		field.largeIntegers === field.numeric &&
		field.numbers.size === field.numeric
	);
}

/** Leaf names of numbers that name a thing rather than measure it, such as an issue `number`. */
const NUMBER_NAME = /^number$|[a-z]Number$/;

/**
 * Tells whether a field's leaf name marks an identifier: `id`, `…_id`, `…Id`, a sequence number
 * (`seq`) or a `number` such as GitHub's issue number. Unlike {@link isIdLike}, which decides
 * inference, it reads the name alone. The field picker uses it to suggest counting records.
 */
export function isIdentifierName(path: FieldPath): boolean {
	const name = path[path.length - 1] ?? '';
	return ID_NAME.test(name) || SEQUENCE_NAME.test(name) || NUMBER_NAME.test(name);
}

/**
 * Tells whether a numeric field is a clock: its name marks a time (see {@link CLOCK_NAME}) and
 * every value reads as an epoch time from 2000 to 2099, in the unit that its size suggests.
 */
function isClock(field: FieldStats): boolean {
	const name = field.path[field.path.length - 1];
	const named = CLOCK_NAME.test(name) || CAMEL_CLOCK_NAME.test(name);
	return named && field.present > 0 && field.plausibleTimes === field.present;
}

function isConstant(field: FieldStats): boolean {
	return field.numeric >= MIN_CONSTANT_VALUES && field.numbers.size === 1;
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
			if (path.length < MAX_FIELD_DEPTH) collectFields(value, path, fields);
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
			distinct: new Set(),
			numbers: new Set(),
			largeIntegers: 0
		};
		fields.set(id, field);
	}
	if (value === null) return;

	field.present++;
	// ±Infinity comes only from a lenient parse of an Infinity token: the field is still numeric.
	const numeric = isNumeric(value) || value === Infinity || value === -Infinity;
	if (numeric) {
		field.numeric++;
		const number = Number(value);
		if (field.numbers.size <= INFERENCE_SAMPLE_SIZE) field.numbers.add(number);
		if (Number.isInteger(number) && Math.abs(number) >= MIN_ID_MAGNITUDE) field.largeIntegers++;
	}

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
