import type { DerivedField } from '../protocol';
import { recordCountName } from './record-count';

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

/**
 * Names the record count over `windowMs`: `records per 1m`, or, when a value or derived field
 * in `takenNames` already has that name, the first of `records per 1m (2)`, `(3)` and so on
 * that is free. Unlike a derived field, the count cannot be renamed by the user, so it takes a
 * free name instead of being left out.
 */
export function recordCountSeriesName(windowMs: number, takenNames: readonly string[]): string {
	const name = recordCountName(windowMs);
	if (!takenNames.includes(name)) return name;
	let suffix = 2;
	while (takenNames.includes(`${name} (${suffix})`)) suffix += 1;
	return `${name} (${suffix})`;
}
