import { normalQuantile } from './distribution-quantiles';
import { requireBetween, requireInteger } from './finite';

/** Smoothing parameters of additive Holt-Winters. */
export interface HoltWintersOptions {
	/** Level smoothing, 0 < α < 1. */
	alpha: number;
	/** Trend smoothing, 0 < β < 1. */
	beta: number;
	/** Seasonal smoothing, 0 < γ < 1; unused without a period. */
	gamma: number;
	/** Season length in samples; 0 or 1 for none. */
	period: number;
	/**
	 * Whether the model has a trend. Without one and without a season it is simple exponential
	 * smoothing, ETS(A,N,N), and `beta` is unused.
	 */
	trend: boolean;
	/** Steps to forecast. */
	horizon: number;
	/** Coverage of the prediction band, e.g. 0.95. */
	level: number;
}

export const DEFAULT_HOLT_WINTERS: HoltWintersOptions = {
	alpha: 0.5,
	beta: 0.1,
	gamma: 0.1,
	period: 0,
	trend: true,
	horizon: 20,
	level: 0.95
};

/** Fit and forecast of additive Holt-Winters. */
export interface HoltWintersResult {
	issue?: 'insufficient-data';
	/** One-step-ahead fitted value per input, NaN before the fit starts. */
	fitted: Float64Array;
	/** Standard deviation of the one-step errors, √(SSE / errors). */
	sigma: number;
	forecast: Float64Array;
	lower: Float64Array;
	upper: Float64Array;
}

/**
 * Additive Holt-Winters (ETS(A,A,A)), or Holt's linear method when `period` < 2, each without
 * its trend when `trend` is false. The fit starts at the first finite value. Start values:
 * level = mean of the first season's finite values, trend = change between the means of the
 * first two seasons divided by the period, seasonal = first season minus its mean (or the
 * second season minus its mean where the first lacks the value). Without a season: level = the
 * first finite value, trend = the change to the next one per step.
 * Without a trend, trend = 0 throughout.
 *
 * A value that is not finite is a missing observation, as in the state space form of the model:
 * the states move on by their prediction and take no correction, and the step counts no error.
 * The season so stays in phase with the records' positions, which is what the period counts.
 *
 * The band is ŷ ± z · σ · √(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α(1 + jβ) + γ·[j mod m = 0], the
 * variance of the h-step error of ETS(A,A,A) (Hyndman et al., "Forecasting with Exponential
 * Smoothing", 2008, table 6.1), z the normal quantile of the level. Without a trend, β = 0 in it.
 * The forecast's first step follows the last input, finite or not. After k missing values at the
 * end, step h is k + h steps past the last observation, so its band is that of step k + h.
 */
export function holtWinters(
	values: ArrayLike<number>,
	options: Partial<HoltWintersOptions> = {}
): HoltWintersResult {
	const o = { ...DEFAULT_HOLT_WINTERS, ...options };
	requireBetween('Holt-Winters alpha', o.alpha, 0, 1);
	if (o.trend) requireBetween('Holt-Winters beta', o.beta, 0, 1);
	const beta = o.trend ? o.beta : 0;
	requireBetween('Holt-Winters level', o.level, 0, 1);
	requireInteger('Holt-Winters horizon', o.horizon, 1);
	requireInteger('Holt-Winters period', o.period, 0);
	const m = o.period >= 2 ? o.period : 0;
	if (m > 0) requireBetween('Holt-Winters gamma', o.gamma, 0, 1);
	const gamma = m > 0 ? o.gamma : 0;

	const n = values.length;
	const state = m > 0 ? seasonalStart(values, m, o.trend) : linearStart(values, o.trend);
	if (state === null) return insufficientData(n, o.horizon);
	const fitted = new Float64Array(n).fill(NaN);
	let { level, trend } = state;
	const { season } = state;

	let sse = 0;
	let errors = 0;
	for (let t = state.start; t < n; t++) {
		const s = m > 0 ? season[t % m] : 0;
		const prediction = level + trend + s;
		fitted[t] = prediction;
		const x = values[t];
		if (!Number.isFinite(x)) {
			level += trend;
			continue;
		}
		const error = x - prediction;
		sse += error * error;
		errors++;
		const previousLevel = level;
		level = o.alpha * (x - s) + (1 - o.alpha) * (level + trend);
		trend = beta * (level - previousLevel) + (1 - beta) * trend;
		if (m > 0) season[t % m] = gamma * (x - level) + (1 - gamma) * s;
	}
	// A seasonal fit needs m errors after its two start seasons. Without a season it needs two
	// errors, so three values, because the first error is 0 by construction.
	if (errors < (m > 0 ? m : 2)) return insufficientData(n, o.horizon);

	const sigma = Math.sqrt(sse / errors);
	const z = normalQuantile(0.5 + o.level / 2);
	const forecast = new Float64Array(o.horizon);
	const lower = new Float64Array(o.horizon);
	const upper = new Float64Array(o.horizon);
	// The states last took an observation `unobserved` steps before the end, so forecast step h
	// lies unobserved + h steps past that observation, and its band is that wide.
	const unobserved = n - 1 - lastFinite(values);
	let varianceSum = 1;
	for (let j = 1; j < unobserved; j++) varianceSum += bandTerm(o.alpha, beta, gamma, m, j);
	for (let h = 1; h <= o.horizon; h++) {
		const j = unobserved + h - 1;
		if (j > 0) varianceSum += bandTerm(o.alpha, beta, gamma, m, j);
		const t = n - 1 + h;
		forecast[h - 1] = level + h * trend + (m > 0 ? season[t % m] : 0);
		const halfWidth = z * sigma * Math.sqrt(varianceSum);
		lower[h - 1] = forecast[h - 1] - halfWidth;
		upper[h - 1] = forecast[h - 1] + halfWidth;
	}
	return { fitted, sigma, forecast, lower, upper };
}

/** Result of a fit with too few values: every figure NaN, the fitted values included. */
function insufficientData(n: number, horizon: number): HoltWintersResult {
	const empty = new Float64Array(horizon).fill(NaN);
	return {
		issue: 'insufficient-data',
		fitted: new Float64Array(n).fill(NaN),
		sigma: NaN,
		forecast: empty,
		lower: empty.slice(),
		upper: empty.slice()
	};
}

/** States where the fit starts: level, trend, seasonal indices and the first position fitted. */
interface StartState {
	level: number;
	trend: number;
	season: Float64Array;
	start: number;
}

/** Term c_j² of the h-step error variance: c_j = α(1 + jβ) + γ·[j mod m = 0]. */
function bandTerm(alpha: number, beta: number, gamma: number, m: number, j: number): number {
	const c = alpha * (1 + j * beta) + (m > 0 && j % m === 0 ? gamma : 0);
	return c * c;
}

/** Last position whose value is finite, or -1. */
function lastFinite(values: ArrayLike<number>): number {
	for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return i;
	return -1;
}

/** First position from `from` on whose value is finite, or -1. */
function nextFinite(values: ArrayLike<number>, from: number): number {
	for (let i = from; i < values.length; i++) if (Number.isFinite(values[i])) return i;
	return -1;
}

/** Mean of the finite values at positions from `from` (inclusive) to `to` (exclusive). */
function finiteMean(values: ArrayLike<number>, from: number, to: number): number {
	let sum = 0;
	let count = 0;
	for (let i = from; i < to; i++) {
		if (Number.isFinite(values[i])) {
			sum += values[i];
			count++;
		}
	}
	return count > 0 ? sum / count : NaN;
}

/** Start of Holt's method: the first finite value and the change to the next one per step. */
function linearStart(values: ArrayLike<number>, withTrend: boolean): StartState | null {
	const first = nextFinite(values, 0);
	const second = first < 0 ? -1 : nextFinite(values, first + 1);
	if (second < 0) return null;
	const trend = withTrend ? (values[second] - values[first]) / (second - first) : 0;
	return { level: values[first], trend, season: new Float64Array(1), start: first + 1 };
}

/**
 * Start of Holt-Winters over the two seasons from the first finite value, or null when either
 * season has no finite value or the values end inside them.
 */
function seasonalStart(
	values: ArrayLike<number>,
	m: number,
	withTrend: boolean
): StartState | null {
	const from = nextFinite(values, 0);
	if (from < 0 || from + 2 * m > values.length) return null;
	const first = finiteMean(values, from, from + m);
	const second = finiteMean(values, from + m, from + 2 * m);
	if (!Number.isFinite(second)) return null;
	const season = new Float64Array(m);
	for (let i = from; i < from + m; i++) {
		const own = values[i];
		const next = values[i + m];
		if (Number.isFinite(own)) season[i % m] = own - first;
		else if (Number.isFinite(next)) season[i % m] = next - second;
	}
	const trend = withTrend ? (second - first) / m : 0;
	return { level: first, trend, season, start: from + m };
}
