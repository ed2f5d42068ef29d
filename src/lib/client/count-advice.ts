import type { FieldMapping } from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';
import { formatPath } from '../mapping/field-path';
import { isIdentifierName } from '../mapping/infer-mapping';

/** Window of the record count that the dashboard suggests, one minute. */
export const SUGGESTED_COUNT_WINDOW_MS = 60_000;

/**
 * Tells whether a mapping charts no measurement: no record count, no derived field, and no
 * value field or only fields named as identifiers, such as GitHub's issue `number`.
 */
export function chartsNoMeasurement(mapping: FieldMapping): boolean {
	return (
		mapping.count == null &&
		(mapping.derived ?? []).length === 0 &&
		mapping.values.every(isIdentifierName)
	);
}

/**
 * Returns why counting records would chart more than `mapping` does, or null when it charts a
 * measurement or already counts.
 */
export function countAdvice(mapping: FieldMapping): string | null {
	if (!chartsNoMeasurement(mapping)) return null;
	const values = mapping.values.map(formatPath);
	if (values.length === 0) {
		return 'No numeric field to chart was found. Count records charts how many records arrive, overall or per split line.';
	}
	return (
		`The fields charted (${values.join(', ')}) look like identifiers, not measurements. ` +
		'Count records charts how many records arrive in their place, overall or per split line.'
	);
}

/**
 * Returns the field choice that counts records over `windowMs`, or stops counting when it is
 * undefined. Turned on while the mapping charts no measurement, the count replaces the fields.
 */
export function countChoice(mapping: FieldMapping, windowMs: number | undefined): MappingChoice {
	const replacing = windowMs !== undefined && chartsNoMeasurement(mapping);
	return replacing ? { countWindowMs: windowMs, values: [] } : { countWindowMs: windowMs };
}
