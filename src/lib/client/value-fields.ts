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

/**
 * Checks the requested value fields (`value=`) against the fields of the records read so far.
 * It returns a problem that names the fields not found and the numeric fields found, or null
 * when every field was found or too few records were read to tell.
 *
 * A field counts as found when a listed field is it or lies inside it, because the field list
 * stops at a depth and a count. A field found without numbers is left to the gap note.
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

	const missing = requested.filter((path) => !fields.some((field) => contains(path, field)));
	if (missing.length === 0) return null;

	const names = missing.map((path) => `"${formatPath(path)}"`).join(', ');
	const noun = missing.length === 1 ? 'field' : 'fields';
	if (simulator) {
		return {
			param: 'value',
			message:
				`${noun} ${names} not found: the simulator's records have one value field, "value", ` +
				'and take no value=. Open a file or connect a stream to chart fields of your own.'
		};
	}
	const numeric = numericFields(fields, seen.leaveOut);
	const found =
		numeric.length > 0 ? `Numeric fields found: ${numeric.join(', ')}.` : 'No numeric field found.';
	const records = seen.records === 1 ? 'record' : 'records';
	const read = seen.done
		? `in the ${seen.records} ${records} read`
		: `in the first ${seen.records} ${records}`;
	return {
		param: 'value',
		message: `${noun} ${names} not found ${read}. ${found} Choose a value field under Fields.`
	};
}

/**
 * Tests whether `path` is the listed field, an object that contains it, or lies inside it. A field
 * listed as an object or of mixed types, at the depth where the list stops, may hold `path`.
 */
function contains(path: FieldPath, field: FieldInfo): boolean {
	const listed = field.path;
	const prefix = (short: FieldPath, long: FieldPath) => short.every((key, i) => key === long[i]);
	if (path.length <= listed.length) return prefix(path, listed);
	return (field.type === 'object' || field.type === 'mixed') && prefix(listed, path);
}

/** Lists the quoted paths of the number fields, except those in `leaveOut`. */
function numericFields(fields: readonly FieldInfo[], leaveOut: readonly (FieldPath | null)[]) {
	const skipped = new Set(leaveOut.filter((path) => path !== null).map(formatPath));
	return fields
		.filter((field) => field.type === 'number' && !skipped.has(formatPath(field.path)))
		.map((field) => `"${formatPath(field.path)}"`);
}
