import type { FieldInfo, FieldPath } from '../protocol';
import { MAX_FIELD_DEPTH } from './field-path';
import { INFERENCE_SAMPLE_SIZE } from './infer-mapping';

/** Maximum of fields listed. Records with more have fields that the list leaves out. */
export const MAX_FIELDS = 60;
const MAX_SAMPLES = 3;
const MAX_SAMPLE_LENGTH = 40;

/**
 * Lists the leaf fields of `records` (nested objects flattened to paths, arrays left whole),
 * each with its type and up to three distinct sample values, in order of first appearance.
 */
export function describeFields(records: unknown[]): FieldInfo[] {
	const fields = new Map<string, { path: FieldPath; types: Set<string>; samples: string[] }>();
	const visit = (value: unknown, path: FieldPath) => {
		if (isPlainObject(value) && path.length < MAX_FIELD_DEPTH) {
			for (const key of Object.keys(value)) visit(value[key], [...path, key]);
			return;
		}
		if (path.length === 0) return;
		const id = JSON.stringify(path);
		let field = fields.get(id);
		if (field === undefined) {
			if (fields.size >= MAX_FIELDS) return;
			field = { path, types: new Set(), samples: [] };
			fields.set(id, field);
		}
		field.types.add(value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
		const sample = sampleText(value);
		if (field.samples.length < MAX_SAMPLES && !field.samples.includes(sample)) {
			field.samples.push(sample);
		}
	};
	for (const record of records) visit(record, []);

	return [...fields.values()].map((field) => {
		const types = [...field.types].filter((type) => type !== 'null');
		let type = 'mixed';
		if (types.length === 0) type = 'null';
		else if (types.length === 1) type = types[0];
		return { path: field.path, type, samples: field.samples };
	});
}

function sampleText(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > MAX_SAMPLE_LENGTH ? text.slice(0, MAX_SAMPLE_LENGTH - 1) + '…' : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Number of records spread over the rest of a file that the field lists read. */
export const SPREAD_SAMPLE_SIZE = 1_000;

/**
 * Returns the first records, as many as inference reads, and up to {@link SPREAD_SAMPLE_SIZE}
 * more spread evenly over the rest. A field that first appears late in a file, such as one that
 * only some split lines carry, is then still listed, at a cost that does not grow with the file.
 */
export function fieldSample(records: readonly unknown[]): unknown[] {
	const sample = records.slice(0, INFERENCE_SAMPLE_SIZE);
	const rest = records.length - sample.length;
	if (rest <= SPREAD_SAMPLE_SIZE) return records.slice();
	const step = rest / SPREAD_SAMPLE_SIZE;
	for (let k = 0; k < SPREAD_SAMPLE_SIZE; k++) {
		sample.push(records[INFERENCE_SAMPLE_SIZE + Math.floor(k * step)]);
	}
	return sample;
}
