/**
 * Why an analysis returned no figures. `insufficient-data` means too few finite values for the
 * figure to mean anything. `no-variance` means every finite value is the same (within
 * ZERO_SPREAD_TOLERANCE), so figures that divide by the spread are undefined.
 */
export type AnalysisIssue = 'insufficient-data' | 'no-variance';

/** Says in words why an analysis gave no figures, for a page or a report. */
export function describeIssue(issue: string | undefined): string {
	if (issue === 'insufficient-data') return 'too few values for this figure';
	if (issue === 'no-variance') return 'every value is the same, so there is no spread';
	return issue ?? '';
}

/**
 * Relative tolerance below which a spread counts as zero: spread ≤ tolerance · max(1, |centre|).
 * Rounding leaves a standard deviation near 1e-17 on a constant series, and dividing by it would
 * turn float dust into z = ±1. The same rule as the rolling z-score detector.
 */
export const ZERO_SPREAD_TOLERANCE = 1e-12;

/** Tests whether `spread` is zero within ZERO_SPREAD_TOLERANCE relative to `centre`. */
export function isZeroSpread(spread: number, centre: number): boolean {
	return !(spread > ZERO_SPREAD_TOLERANCE * Math.max(1, Math.abs(centre)));
}

/** Returns the finite values of `values` in order. NaN and ±Infinity never enter a statistic. */
export function finiteValues(values: ArrayLike<number>): number[] {
	const out: number[] = [];
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (Number.isFinite(v)) out.push(v);
	}
	return out;
}

/** Returns the indices of the finite values of `values`. */
export function finiteIndices(values: ArrayLike<number>): number[] {
	const out: number[] = [];
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(i);
	return out;
}

/** Throws a RangeError naming `name` unless `value` is an integer of at least `min`. */
export function requireInteger(name: string, value: number, min: number): void {
	if (!Number.isInteger(value) || value < min) {
		throw new RangeError(`invalid ${name} ${value}: expected an integer of at least ${min}`);
	}
}

/** Throws a RangeError naming `name` unless `min` < `value` < `max` (exclusive bounds). */
export function requireBetween(name: string, value: number, min: number, max: number): void {
	if (!(value > min && value < max)) {
		throw new RangeError(`invalid ${name} ${value}: expected a number between ${min} and ${max}`);
	}
}
