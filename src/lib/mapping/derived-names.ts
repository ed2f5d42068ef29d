import type { DerivedField } from '../protocol';

/**
 * Splits derived fields into those with a name of their own and those whose name is one of
 * `valueNames`, the dotted paths of the value fields. A series name must be unique, because
 * the legend, the alert rules and an export name series by it, so a clashing derived field is
 * not charted and the caller reports it.
 */
export function separateDerivedClashes(
	derived: readonly DerivedField[],
	valueNames: readonly string[]
): { unique: DerivedField[]; clashing: DerivedField[] } {
	const unique: DerivedField[] = [];
	const clashing: DerivedField[] = [];
	for (const field of derived) {
		if (valueNames.includes(field.name)) clashing.push(field);
		else unique.push(field);
	}
	return { unique, clashing };
}
