/**
 * Signal shapes of the simulator, each a pure function of the elapsed time in seconds and the
 * base value. The random pattern needs state and lives in `random-walk.ts`.
 */

/** Period of the sine pattern, in seconds. */
export const SINE_PERIOD_S = 60;

/** Period of the sawtooth pattern, in seconds: one ramp from low to high, then a reset. */
export const SAWTOOTH_PERIOD_S = 30;

/** Time in seconds that the trending pattern takes to rise by one amplitude. */
export const TREND_RISE_TIME_S = 60;

/**
 * Returns the swing of every pattern around `base`: 10 % of |base|, or 10 when base is 0,
 * so that the signal shows on a chart whatever its scale.
 */
export function amplitudeFor(base: number): number {
	return base === 0 ? 10 : 0.1 * Math.abs(base);
}

/** Returns base + amplitude · sin(2π t / 60 s). */
export function sineAt(elapsedS: number, base: number): number {
	return base + amplitudeFor(base) * Math.sin((2 * Math.PI * elapsedS) / SINE_PERIOD_S);
}

/** Returns base + slope · t, where the slope is one amplitude per minute. */
export function trendingAt(elapsedS: number, base: number): number {
	const slopePerS = amplitudeFor(base) / TREND_RISE_TIME_S;

	return base + slopePerS * elapsedS;
}

/** Returns a ramp from base − amplitude up to base + amplitude that restarts every 30 s. */
export function sawtoothAt(elapsedS: number, base: number): number {
	const cycles = elapsedS / SAWTOOTH_PERIOD_S;
	const phase = cycles - Math.floor(cycles);
	const amplitude = amplitudeFor(base);

	return base - amplitude + 2 * amplitude * phase;
}
