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
	/** One-step-ahead fitted value per finite input, in input order. */
	fitted: Float64Array;
	/** Standard deviation of the one-step errors, √(SSE / errors). */
	sigma: number;
	forecast: Float64Array;
	lower: Float64Array;
	upper: Float64Array;
}

/**
 * Additive Holt-Winters (ETS(A,A,A)) on the finite values, or Holt's linear method when
 * `period` < 2, each without its trend when `trend` is false. Start values: level = mean of the
 * first season, trend = mean season-to-season change over the first two seasons divided by the
 * period, seasonal = first season minus its mean. Without a season: level = x₀, trend = x₁ − x₀.
 * Without a trend, trend = 0 throughout.
 *
 * The band is ŷ ± z · σ · √(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α(1 + jβ) + γ·[j mod m = 0], the
 * variance of the h-step error of ETS(A,A,A) (Hyndman et al., "Forecasting with Exponential
 * Smoothing", 2008, table 6.1), z the normal quantile of the level. Without a trend, β = 0 in it.
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

	const x: number[] = [];
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) x.push(values[i]);
	const fitted = new Float64Array(x.length).fill(NaN);
	const empty = new Float64Array(o.horizon).fill(NaN);
	// The start values of a season take two full seasons, and the fit then has m errors.
	const needed = m > 0 ? 2 * m : 3;
	if (x.length < needed) {
		return {
			issue: 'insufficient-data',
			fitted,
			sigma: NaN,
			forecast: empty,
			lower: empty.slice(),
			upper: empty.slice()
		};
	}

	let level: number;
	let trend: number;
	const season = new Float64Array(Math.max(m, 1));
	let start: number;
	if (m > 0) {
		let first = 0;
		let second = 0;
		for (let i = 0; i < m; i++) {
			first += x[i] / m;
			second += x[m + i] / m;
		}
		level = first;
		trend = o.trend ? (second - first) / m : 0;
		for (let i = 0; i < m; i++) season[i] = x[i] - first;
		start = m;
	} else {
		level = x[0];
		trend = o.trend ? x[1] - x[0] : 0;
		start = 1;
	}

	let sse = 0;
	let errors = 0;
	for (let t = start; t < x.length; t++) {
		const s = m > 0 ? season[t % m] : 0;
		const prediction = level + trend + s;
		fitted[t] = prediction;
		const error = x[t] - prediction;
		sse += error * error;
		errors++;
		const previousLevel = level;
		level = o.alpha * (x[t] - s) + (1 - o.alpha) * (level + trend);
		trend = beta * (level - previousLevel) + (1 - beta) * trend;
		if (m > 0) season[t % m] = gamma * (x[t] - level) + (1 - gamma) * s;
	}

	const sigma = Math.sqrt(sse / errors);
	const z = normalQuantile(0.5 + o.level / 2);
	const forecast = new Float64Array(o.horizon);
	const lower = new Float64Array(o.horizon);
	const upper = new Float64Array(o.horizon);
	let varianceSum = 1;
	for (let h = 1; h <= o.horizon; h++) {
		if (h > 1) {
			const j = h - 1;
			const c = o.alpha * (1 + j * beta) + (m > 0 && j % m === 0 ? gamma : 0);
			varianceSum += c * c;
		}
		const t = x.length - 1 + h;
		forecast[h - 1] = level + h * trend + (m > 0 ? season[t % m] : 0);
		const halfWidth = z * sigma * Math.sqrt(varianceSum);
		lower[h - 1] = forecast[h - 1] - halfWidth;
		upper[h - 1] = forecast[h - 1] + halfWidth;
	}
	return { fitted, sigma, forecast, lower, upper };
}
