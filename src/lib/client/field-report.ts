import type { FieldReport } from '../protocol';

/**
 * Tests whether two field reports list the same fields, types, samples and mapping. The page
 * polls the report every second and keeps the one on screen when the new one is equal, so the
 * field picker is not rebuilt without a change.
 */
export function sameFieldReport(a: FieldReport | null, b: FieldReport | null): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}
