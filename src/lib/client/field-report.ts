import type { FieldReport } from '../protocol';

/**
 * Tests whether two field reports list the same fields, types, samples and mapping. The page
 * polls the report every second; an equal one keeps the report on screen, so the field picker
 * and what derives from it are not rebuilt for nothing.
 */
export function sameFieldReport(a: FieldReport | null, b: FieldReport | null): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}
