import { formatPath } from '../mapping/field-path';
import { MAX_FIELDS } from '../mapping/field-samples';
import { INFERENCE_SAMPLE_SIZE } from '../mapping/infer-mapping';
import type { FieldInfo, FieldPath, SourceKind } from '../protocol';
import type { ParamProblem } from './url-config';

/**
 * Records of a stream after which a value field that none of them contains is reported, the
 * same number that field inference reads. A field may still appear in a later record, so the
 * message states how many records were read. A source that has ended is checked at once.
 */
export const VALUE_FIELD_RECORDS = INFERENCE_SAMPLE_SIZE;

/** Summary of the records read so far, from the field report and the view. */
export interface RecordsSeen {
	source: SourceKind;
	/** Fields found in the records, as the field picker lists them. */
	fields: readonly FieldInfo[];
	/** Paths left out of the numeric fields the message suggests, such as the time field. */
	leaveOut: readonly (FieldPath | null)[];
	/** Records accepted so far. */
	records: number;
	/** Whether the source has ended, so that no later record can bring the field. */
	done: boolean;
}

/** The one numeric field of the simulator's records. */
const SIMULATOR_FIELDS: FieldInfo[] = [{ path: ['value'], type: 'number', samples: [] }];

/** Result of looking a requested value field up in the fields found. */
type FieldLookup = 'found' | 'missing' | 'object' | 'array';

/**
 * Checks the requested value fields (`value=`) against the fields of the records read so far.
 * It returns a problem that names the fields not found and the fields that hold an object or an
 * array, with the numeric fields found. It returns null when every field was found or too few
 * records were read to tell.
 *
 * A field counts as found when a listed field is it or when it lies inside a listed field,
 * because the field list stops at a depth and a count. A field that contains listed fields is an
 * object. A field found with strings, booleans or nulls in place of numbers is left to the gap
 * note.
 */
export function checkValueFields(
	requested: readonly FieldPath[] | undefined,
	seen: RecordsSeen
): ParamProblem | null {
	const simulator = seen.source === 'simulator';
	const fields = simulator ? SIMULATOR_FIELDS : seen.fields;
	if (requested === undefined || requested.length === 0) return null;
	if (!simulator && !seen.done && seen.records < VALUE_FIELD_RECORDS) return null;
	if (!simulator && seen.records === 0) return null;
	if (fields.length >= MAX_FIELDS) return null;

	const lookups = requested.map((path) => ({ path, lookup: lookUp(path, fields) }));
	const pathsOf = (lookup: FieldLookup) =>
		lookups.filter((entry) => entry.lookup === lookup).map((entry) => entry.path);
	const missing = pathsOf('missing');
	const objects = pathsOf('object');
	const arrays = pathsOf('array');
	if (missing.length + objects.length + arrays.length === 0) return null;

	if (simulator) {
		return {
			param: 'value',
			message:
				`${fieldNames(missing)} not found: the simulator's records have one value field, ` +
				'"value", and take no value=. Open a file or connect a stream to chart fields of your ' +
				'own.'
		};
	}
	const sentences: string[] = [];
	if (missing.length > 0) {
		const records = seen.records === 1 ? 'record' : 'records';
		const read = seen.done
			? `in the ${seen.records} ${records} read`
			: `in the first ${seen.records} ${records}`;
		sentences.push(`${fieldNames(missing)} not found ${read}.`);
	}
	if (objects.length > 0) {
		const kind = objects.length === 1 ? 'is an object, not a number' : 'are objects, not numbers';
		sentences.push(`${fieldNames(objects)} ${kind}.`);
	}
	if (arrays.length > 0) {
		const kind = arrays.length === 1 ? 'is an array, not a number' : 'are arrays, not numbers';
		sentences.push(`${fieldNames(arrays)} ${kind}.`);
	}
	const numeric = numericFields(fields, seen.leaveOut);
	const found =
		numeric.length > 0 ? `Numeric fields found: ${numeric.join(', ')}.` : 'No numeric field found.';
	const problems = sentences.map((sentence, i) => (i === 0 ? sentence : capitalize(sentence)));
	return {
		param: 'value',
		message: `${problems.join(' ')} ${found} Choose a value field under Fields.`
	};
}

/**
 * Looks `path` up in the listed fields. A listed field of type object or array has that type.
 * A path that listed fields lie inside is an object. A path inside a listed object or mixed
 * field counts as found, because the list stops at a depth where that field may hold it.
 */
function lookUp(path: FieldPath, fields: readonly FieldInfo[]): FieldLookup {
	const prefix = (short: FieldPath, long: FieldPath) => short.every((key, i) => key === long[i]);
	const listed = fields.find(
		(field) => field.path.length === path.length && prefix(path, field.path)
	);
	if (listed !== undefined) {
		if (listed.type === 'object' || listed.type === 'array') return listed.type;
		return 'found';
	}
	if (fields.some((field) => field.path.length > path.length && prefix(path, field.path))) {
		return 'object';
	}
	const holder = fields.some(
		(field) =>
			(field.type === 'object' || field.type === 'mixed') &&
			field.path.length < path.length &&
			prefix(field.path, path)
	);
	return holder ? 'found' : 'missing';
}

/** Names the quoted `paths` after the word field or fields, as a message starts. */
function fieldNames(paths: readonly FieldPath[]): string {
	const names = paths.map((path) => `"${formatPath(path)}"`).join(', ');
	return `${paths.length === 1 ? 'field' : 'fields'} ${names}`;
}

function capitalize(sentence: string): string {
	return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Lists the quoted paths of the number fields, except those in `leaveOut`. */
function numericFields(fields: readonly FieldInfo[], leaveOut: readonly (FieldPath | null)[]) {
	const skipped = new Set(leaveOut.filter((path) => path !== null).map(formatPath));
	return fields
		.filter((field) => field.type === 'number' && !skipped.has(formatPath(field.path)))
		.map((field) => `"${formatPath(field.path)}"`);
}
