import { requireInteger } from './finite';
import { MovingAverage } from './moving-average';

/** A moving average at every input position. */
export interface MovingAverageSeries {
	values: Float64Array;
	/** 1 while fewer than `window` finite values have been seen, so the average is partial. */
	partial: Uint8Array;
}

/**
 * Simple moving average over the last `window` finite values at every position. Non-finite
 * inputs are skipped, so they never poison later windows, and a window is never zero-filled:
 * the first `window − 1` averages are over the values seen so far and marked partial.
 */
export function simpleMovingAverage(
	values: ArrayLike<number>,
	window: number
): MovingAverageSeries {
	const average = new MovingAverage(window);
	const out = new Float64Array(values.length);
	const partial = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		out[i] = average.push(values[i]);
		partial[i] = average.isPartial ? 1 : 0;
	}
	return { values: out, partial };
}

/**
 * Exponential moving average with smoothing factor α = 2 / (window + 1), the usual "span"
 * convention, started at the first finite value: s₀ = x₀, sₖ = α·xₖ + (1 − α)·sₖ₋₁. A non-finite
 * input leaves the average unchanged. The first `window − 1` finite values are marked partial,
 * because the start value still weighs more than its share there.
 */
export function exponentialMovingAverage(
	values: ArrayLike<number>,
	window: number
): MovingAverageSeries {
	requireInteger('EMA window', window, 1);
	const alpha = 2 / (window + 1);
	const out = new Float64Array(values.length);
	const partial = new Uint8Array(values.length);
	let current = NaN;
	let seen = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (Number.isFinite(v)) {
			current = seen === 0 ? v : alpha * v + (1 - alpha) * current;
			seen++;
		}
		out[i] = current;
		partial[i] = seen < window ? 1 : 0;
	}
	return { values: out, partial };
}
