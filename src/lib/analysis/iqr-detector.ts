import { quantileSorted } from 'simple-statistics';
import { type AnalysisIssue, finiteValues, isZeroSpread } from './finite';

/** Minimum finite values for quartiles that mean something. */
export const IQR_MIN_POINTS = 4;

/** Result of the IQR detector over one series. */
export interface IqrResult {
	/** Set when the figures are missing (`insufficient-data`) or degenerate (`no-variance`). */
	issue?: AnalysisIssue;
	q1: number;
	q3: number;
	iqr: number;
	k: number;
	lowerFence: number;
	upperFence: number;
	/**
	 * Distance beyond the nearer fence in units of IQR, 0 inside the fences, NaN for a
	 * non-finite input. With no variance, any value off the constant gets ±Infinity.
	 */
	score: Float64Array;
	anomaly: Uint8Array;
}

/**
 * Flags values outside [Q1 − k·IQR, Q3 + k·IQR] (Tukey's fences, k = 1.5 by convention),
 * quartiles by linear interpolation (numpy's default). Non-finite values are neither used nor
 * flagged. When IQR is zero, every value different from the quartiles is flagged: that is the
 * stated fallback for a constant series with a spike.
 */
export function iqrDetect(values: ArrayLike<number>, k = 1.5): IqrResult {
	if (!(k > 0)) throw new RangeError(`invalid IQR k ${k}: expected a positive number`);
	const n = values.length;
	const score = new Float64Array(n).fill(NaN);
	const anomaly = new Uint8Array(n);
	const sorted = finiteValues(values).sort((a, b) => a - b);
	if (sorted.length < IQR_MIN_POINTS) {
		return {
			issue: 'insufficient-data',
			q1: NaN,
			q3: NaN,
			iqr: NaN,
			k,
			lowerFence: NaN,
			upperFence: NaN,
			score,
			anomaly
		};
	}

	const q1 = quantileSorted(sorted, 0.25);
	const q3 = quantileSorted(sorted, 0.75);
	const iqr = q3 - q1;
	const noVariance = isZeroSpread(iqr, (q1 + q3) / 2);
	const lowerFence = noVariance ? q1 : q1 - k * iqr;
	const upperFence = noVariance ? q3 : q3 + k * iqr;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		const beyond = v > upperFence ? v - upperFence : v < lowerFence ? v - lowerFence : 0;
		score[i] = beyond === 0 ? 0 : noVariance ? Math.sign(beyond) * Infinity : beyond / iqr;
		anomaly[i] = beyond === 0 ? 0 : 1;
	}
	return {
		issue: noVariance ? 'no-variance' : undefined,
		q1,
		q3,
		iqr,
		k,
		lowerFence,
		upperFence,
		score,
		anomaly
	};
}
