import { type HoltWintersResult, holtWinters } from './holt-winters';
import type { SeasonUse } from './seasonality';

/**
 * Exponential smoothing model of a forecast: additive Holt-Winters with a season, Holt's linear
 * trend, or simple exponential smoothing (level only).
 */
export type ForecastMethod = 'holt-winters' | 'holt' | 'simple';

/** Smoothing parameters and horizon of a forecast, as the analysis page sets them. */
export interface ForecastParams {
	alpha: number;
	beta: number;
	gamma: number;
	horizon: number;
}

/** A forecast with the model chosen for it. */
export interface ForecastChoice extends HoltWintersResult {
	method: ForecastMethod;
	/** Season length used, 0 without a season. */
	period: number;
	/** One-step error σ of Holt's linear trend, NaN when the forecast has a season. */
	trendSigma: number;
	/** One-step error σ of simple exponential smoothing, NaN when the forecast has a season. */
	levelSigma: number;
}

/**
 * Fits a forecast of `values`. It is additive Holt-Winters with the seasonality's `period` when
 * `seasonUse` is 'usable'. Otherwise it has no season, and it is Holt's linear trend when that
 * has a lower one-step error σ than simple exponential smoothing, else simple exponential
 * smoothing. With α and β fixed, not fitted, the trend of a flat noisy series follows the noise,
 * and the variance of its h-step error grows with h³. On the simulator's sine stream at 50
 * records/s (σ about 3, 750 records), the 48-step band of Holt's method with α 0.5 and β 0.1
 * spans about ±90. So the trend is kept only where it predicts better one step ahead.
 */
export function chooseForecast(
	values: ArrayLike<number>,
	period: number,
	seasonUse: SeasonUse,
	params: ForecastParams
): ForecastChoice {
	const { alpha, beta, gamma, horizon } = params;
	if (seasonUse === 'usable') {
		const seasonal = holtWinters(values, { alpha, beta, gamma, period, horizon });
		return { ...seasonal, method: 'holt-winters', period, trendSigma: NaN, levelSigma: NaN };
	}

	const holt = holtWinters(values, { alpha, beta, period: 0, horizon });
	const simple = holtWinters(values, { alpha, period: 0, trend: false, horizon });
	const common = { period: 0, trendSigma: holt.sigma, levelSigma: simple.sigma };
	return holt.sigma < simple.sigma
		? { ...holt, ...common, method: 'holt' }
		: { ...simple, ...common, method: 'simple' };
}
