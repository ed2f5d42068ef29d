/**
 * Spread, relative to the larger magnitude, below which two ends of a domain count as one value.
 * Rounding in arithmetic on equal values is about 1e-16 of their size (0.1 + 0.2 − 0.3).
 */
const FLAT_SPREAD = 1e-12;

/**
 * Returns [low, high] for an axis, widened on either side by 1, or by a millionth of the value
 * where 1 is too small to tell apart (above a million), when the two are equal or differ by
 * rounding only. An axis over a constant series then reads its value, not fifteen decimals of
 * rounding, such as 49.99999999999997.
 */
export function axisDomain(low: number, high: number): [number, number] {
	const size = Math.max(Math.abs(low), Math.abs(high));
	if (high - low <= FLAT_SPREAD * size) {
		const pad = Math.max(1, size * 1e-6);
		return [low - pad, high + pad];
	}
	return [low, high];
}
