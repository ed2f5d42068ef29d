import { linearRegression } from 'simple-statistics';
import type { AnalysisIssue } from './finite';
import { studentTQuantile } from './distribution-quantiles';

/** Least-squares line through the finite (x, y) pairs, with the slope's confidence interval. */
export interface TrendResult {
	issue?: AnalysisIssue;
	/** Finite pairs used. */
	n: number;
	slope: number;
	intercept: number;
	/** Standard error of the slope, √(SSE / (n − 2) / Σ(x − x̄)²). */
	slopeStdError: number;
	/** Confidence level of the interval, e.g. 0.95. */
	level: number;
	slopeLow: number;
	slopeHigh: number;
	/** Coefficient of determination. */
	rSquared: number;
	/** y minus the fitted line, NaN where y or x is not finite. */
	detrended: Float64Array;
}

/** Minimum pairs: a line through two points has no residual to estimate the error from. */
export const TREND_MIN_POINTS = 3;

/**
 * Fits y = intercept + slope · x by least squares (simple-statistics), and gives the slope's
 * two-sided Student-t interval with n − 2 degrees of freedom and a detrended series.
 * With x constant the slope is undefined and the result says `insufficient-data`. With y constant
 * the slope is 0 with a zero-width interval and the result says `no-variance`.
 */
export function leastSquaresTrend(
	x: ArrayLike<number>,
	y: ArrayLike<number>,
	level = 0.95
): TrendResult {
	if (x.length !== y.length) {
		throw new RangeError(`trend input lengths differ: x has ${x.length}, y has ${y.length}`);
	}
	if (!(level > 0 && level < 1)) {
		throw new RangeError(`invalid confidence level ${level}: expected between 0 and 1`);
	}
	const pairs: [number, number][] = [];
	for (let i = 0; i < x.length; i++) {
		if (Number.isFinite(x[i]) && Number.isFinite(y[i])) pairs.push([x[i], y[i]]);
	}
	const n = pairs.length;
	const detrended = new Float64Array(x.length).fill(NaN);
	const empty: TrendResult = {
		issue: 'insufficient-data',
		n,
		slope: NaN,
		intercept: NaN,
		slopeStdError: NaN,
		level,
		slopeLow: NaN,
		slopeHigh: NaN,
		rSquared: NaN,
		detrended
	};
	if (n < TREND_MIN_POINTS) return empty;

	let xMean = 0;
	let yMean = 0;
	for (const [px, py] of pairs) {
		xMean += px / n;
		yMean += py / n;
	}
	let sxx = 0;
	let syy = 0;
	for (const [px, py] of pairs) {
		sxx += (px - xMean) ** 2;
		syy += (py - yMean) ** 2;
	}
	if (!(sxx > 0)) return empty;

	const { m: slope, b: intercept } = linearRegression(pairs);
	let sse = 0;
	for (let i = 0; i < x.length; i++) {
		if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
		const residual = y[i] - (intercept + slope * x[i]);
		detrended[i] = residual;
		sse += residual * residual;
	}
	const slopeStdError = Math.sqrt(sse / (n - 2) / sxx);
	const t = studentTQuantile(0.5 + level / 2, n - 2);
	const noVariance = !(syy > 0);
	return {
		issue: noVariance ? 'no-variance' : undefined,
		n,
		slope,
		intercept,
		slopeStdError,
		level,
		slopeLow: slope - t * slopeStdError,
		slopeHigh: slope + t * slopeStdError,
		rSquared: noVariance ? NaN : 1 - sse / syy,
		detrended
	};
}
