import { expect } from 'vitest';

/** Default relative tolerance for floating-point comparisons. */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * Tests whether `actual` is within `relative` of `expected`, measured against the larger magnitude.
 * Equal values (including equal infinities) and two NaNs count as close.
 */
export function isClose(actual: number, expected: number, relative = RELATIVE_TOLERANCE): boolean {
	if (Object.is(actual, expected) || actual === expected) return true;
	if (Number.isNaN(actual) && Number.isNaN(expected)) return true;
	if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
	return Math.abs(actual - expected) <= relative * Math.max(Math.abs(actual), Math.abs(expected));
}

/** Asserts `isClose(actual, expected, relative)` with a message that shows both numbers. */
export function expectClose(
	actual: number,
	expected: number,
	relative = RELATIVE_TOLERANCE,
	label = 'value'
): void {
	expect(
		isClose(actual, expected, relative),
		`${label} ${actual} is not within relative ${relative} of ${expected}`
	).toBe(true);
}
