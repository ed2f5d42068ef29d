/**
 * Spread, relative to the larger magnitude, below which two ends of a domain count as one value.
 * Rounding in arithmetic on equal values is about 1e-16 of their size (0.1 + 0.2 − 0.3).
 */
const FLAT_SPREAD = 1e-12;

/**
 * Returns [low, high] for an axis, widened by 1 on either side when the two are equal or differ
 * by rounding only. An axis over a constant series then reads its value, not fifteen decimals of
 * rounding, such as 49.99999999999997.
 */
export function axisDomain(low: number, high: number): [number, number] {
	if (high - low <= FLAT_SPREAD * Math.max(Math.abs(low), Math.abs(high))) {
		return [low - 1, high + 1];
	}
	return [low, high];
}
