import {
	max,
	mean,
	medianSorted,
	min,
	quantileSorted,
	sampleStandardDeviation
} from 'simple-statistics';
import { requireInteger } from './finite';

/** Statistics of every trailing window, one entry per input value. */
export interface RollingStats {
	window: number;
	/** Quantile probabilities, in the order of `quantiles`. */
	probabilities: number[];
	/** Finite values in each window: fewer than `window` marks a partial window. */
	count: Int32Array;
	/** 1 where the window holds fewer than `window` finite values. */
	partial: Uint8Array;
	mean: Float64Array;
	/** Sample standard deviation (n − 1), NaN for fewer than 2 values. */
	std: Float64Array;
	min: Float64Array;
	max: Float64Array;
	median: Float64Array;
	/** `quantiles[j][i]`: quantile `probabilities[j]` of window i, linear interpolation (type 7). */
	quantiles: Float64Array[];
}

/**
 * Computes mean, std, min, max, median and quantiles over the last `window` finite values at
 * every position. Non-finite inputs are skipped, so a NaN or ±Infinity never enters a window.
 * At a non-finite position the figures are those of the window so far (the value does not
 * change them). Positions before the first finite value get NaN and count 0.
 *
 * Each window is sorted afresh (O(n · w log w)), which is fine for the 5–50 point windows the
 * page offers. simple-statistics has no incremental median, so no library does it faster.
 */
export function rollingStats(
	values: ArrayLike<number>,
	window: number,
	probabilities: number[] = [0.25, 0.75]
): RollingStats {
	requireInteger('rolling window', window, 1);
	for (const p of probabilities) {
		if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid quantile ${p}: expected 0 to 1`);
	}
	const n = values.length;
	const result: RollingStats = {
		window,
		probabilities: [...probabilities],
		count: new Int32Array(n),
		partial: new Uint8Array(n),
		mean: new Float64Array(n).fill(NaN),
		std: new Float64Array(n).fill(NaN),
		min: new Float64Array(n).fill(NaN),
		max: new Float64Array(n).fill(NaN),
		median: new Float64Array(n).fill(NaN),
		quantiles: probabilities.map(() => new Float64Array(n).fill(NaN))
	};

	const recent: number[] = [];
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (Number.isFinite(v)) {
			recent.push(v);
			if (recent.length > window) recent.shift();
		}
		result.count[i] = recent.length;
		result.partial[i] = recent.length < window ? 1 : 0;
		if (recent.length === 0) continue;

		const sorted = [...recent].sort((a, b) => a - b);
		result.mean[i] = mean(recent);
		result.std[i] = recent.length < 2 ? NaN : sampleStandardDeviation(recent);
		result.min[i] = min(recent);
		result.max[i] = max(recent);
		result.median[i] = medianSorted(sorted);
		for (let j = 0; j < probabilities.length; j++) {
			result.quantiles[j][i] = quantileSorted(sorted, probabilities[j]);
		}
	}
	return result;
}
