import { type AnalysisIssue, isZeroSpread } from './finite';

/** Dominant period of a series and the series without it. */
export interface SeasonalityResult {
	issue?: AnalysisIssue;
	/** Period in samples, 0 when none was found. */
	period: number;
	/** Autocorrelation at `period`. */
	autocorrelation: number;
	/**
	 * Share of variance the seasonal pattern explains, max(0, 1 − Var(remainder) / Var(x)),
	 * 0 to 1. Like Hyndman's seasonal strength, but against the raw series, not a detrended one.
	 */
	strength: number;
	/** Mean deviation from the overall mean at each phase 0 … period − 1. */
	seasonal: Float64Array;
	/** Input minus the seasonal component of its phase, NaN where the input is not finite. */
	adjusted: Float64Array;
	/** Autocorrelation at lags 0 … maxLag, as used to choose the period. */
	acf: Float64Array;
}

/** Minimum full cycles of a period, in finite values, before it counts. */
export const MIN_CYCLES = 2;

/**
 * Minimum count of finite values in which a period is looked for. With fewer, each phase mean of
 * even a short period rests on a handful of values, and {@link isWeakSeason} would call every
 * period above 4 weak anyway, because 5 × (p − 1) / (n − 1) exceeds 1 for p = 5 and n < 21.
 */
export const MIN_SEASON_VALUES = 20;

/**
 * Autocorrelation of `values` at lags 0 … maxLag, with the usual estimator
 * r_k = Σ (x_t − x̄)(x_{t+k} − x̄) / Σ (x_t − x̄)². Pairs with a non-finite member are skipped,
 * and the mean is over finite values only.
 */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): Float64Array {
	const n = values.length;
	let sum = 0;
	let count = 0;
	for (let i = 0; i < n; i++) {
		if (Number.isFinite(values[i])) {
			sum += values[i];
			count++;
		}
	}
	const mean = sum / count;
	const centred = new Float64Array(n);
	let denominator = 0;
	for (let i = 0; i < n; i++) {
		centred[i] = Number.isFinite(values[i]) ? values[i] - mean : NaN;
		if (Number.isFinite(centred[i])) denominator += centred[i] * centred[i];
	}
	const acf = new Float64Array(maxLag + 1);
	for (let k = 0; k <= maxLag; k++) {
		let s = 0;
		for (let t = 0; t + k < n; t++) {
			const product = centred[t] * centred[t + k];
			if (Number.isFinite(product)) s += product;
		}
		acf[k] = s / denominator;
	}
	return acf;
}

/**
 * Finds the dominant period near the highest autocorrelation peaks (local maxima above 0) between
 * lag 2 and f / MIN_CYCLES, f the count of finite values, then removes the mean profile of that
 * period. The lags within 5 % (at least 2, at most 10) of the three highest peaks are candidates.
 * The period is the candidate whose profile explains the most variance beyond the noise figure of
 * `seasonNoiseStrength`, or the shortest whole fraction of it that explains 95 % as much. A local
 * maximum is required because the autocorrelation of a smooth series is highest at lag 1 without
 * being periodic there. Samples are taken as evenly spaced. Gaps in time are not filled, and a
 * non-finite value keeps its place, so a period counts records. Returns the issue
 * `insufficient-data` with fewer than MIN_SEASON_VALUES finite values: a period needs at least that
 * many and MIN_CYCLES full cycles.
 */
export function detectSeasonality(
	values: ArrayLike<number>,
	maxPeriod?: number
): SeasonalityResult {
	const n = values.length;
	let finite = 0;
	let sum = 0;
	for (let i = 0; i < n; i++) {
		if (Number.isFinite(values[i])) {
			finite++;
			sum += values[i];
		}
	}
	// Both bounds matter when values are missing: two cycles of records that hold only a few
	// finite values leave phases with none at all, and such a period explains everything.
	const maxLag = Math.min(
		maxPeriod ?? Infinity,
		Math.floor(n / MIN_CYCLES),
		Math.floor(finite / MIN_CYCLES)
	);
	const none = (
		issue?: AnalysisIssue,
		acf: Float64Array = new Float64Array(0)
	): SeasonalityResult => ({
		issue,
		period: 0,
		autocorrelation: NaN,
		strength: 0,
		seasonal: new Float64Array(0),
		adjusted: Float64Array.from({ length: n }, (_, i) =>
			Number.isFinite(values[i]) ? values[i] : NaN
		),
		acf
	});
	if (finite < MIN_SEASON_VALUES || maxLag < 2) return none('insufficient-data');

	const mean = sum / finite;
	let variance = 0;
	for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) variance += (values[i] - mean) ** 2;
	variance /= finite;
	if (isZeroSpread(Math.sqrt(variance), mean)) return none('no-variance');

	const acf = autocorrelation(values, maxLag + 1);
	const peaks: number[] = [];
	for (let k = 2; k <= maxLag; k++) {
		if (acf[k] > acf[k - 1] && acf[k] >= acf[k + 1] && acf[k] > 0) peaks.push(k);
	}
	if (peaks.length === 0) return none(undefined, acf);
	peaks.sort((a, b) => acf[b] - acf[a]);

	// The autocorrelation of a noisy series is flat near its peak, and the estimator's factor
	// (n − k) / n tilts it towards shorter lags, so the highest peak can miss the period by a
	// record or two. Folded over many cycles, a period one record off spreads each phase over the
	// whole cycle and explains almost nothing. Noise can also lift a wiggle at lag 2 or 3 above the
	// cycle's peak. So the lags around the highest few peaks are folded, and the period is the one
	// whose mean profile explains the most variance beyond what as many phases explain in noise.
	// Candidates are scored in one pass each over the centred values, without the adjusted
	// series, which only the period chosen needs. There are up to 63 candidates, 21 around each peak.
	const centred = new Float64Array(n);
	let total = 0;
	for (let i = 0; i < n; i++) {
		centred[i] = Number.isFinite(values[i]) ? values[i] - mean : NaN;
		if (Number.isFinite(centred[i])) total += centred[i] * centred[i];
	}
	let period = 0;
	let share = 0;
	let bestScore = -Infinity;
	for (const peak of peaks.slice(0, CANDIDATE_PEAKS)) {
		const reach = Math.min(MAX_REACH, Math.max(2, Math.round(peak * REFINE_SHARE)));
		const lags = [peak];
		for (let k = Math.max(2, peak - reach); k <= Math.min(maxLag, peak + reach); k++) {
			if (k !== peak) lags.push(k);
		}
		for (const k of lags) {
			const explained = explainedShare(centred, total, k);
			const score = explained - seasonNoiseStrength(k, finite);
			if (score > bestScore) {
				period = k;
				share = explained;
				bestScore = score;
			}
		}
	}

	// The peak of a noisy cycle often falls on a multiple of it. A whole fraction of the period
	// whose profile explains nearly as much is the cycle itself, so the shortest such one wins.
	for (let parts = Math.floor(period / 2); parts >= 2; parts--) {
		if (period % parts !== 0) continue;
		if (explainedShare(centred, total, period / parts) >= FRACTION_SHARE * share) {
			period /= parts;
			break;
		}
	}
	return { ...fold(values, mean, variance, finite, period), autocorrelation: acf[period], acf };
}

/**
 * Measures the share of the variance that the mean profile of `period` explains, from values
 * already centred on their mean (NaN for none) and their sum of squares `total`: the sum over
 * the phases of count × mean², over `total`. It equals the strength that `fold` computes.
 */
function explainedShare(centred: Float64Array, total: number, period: number): number {
	const phaseSum = new Float64Array(period);
	const phaseCount = new Float64Array(period);
	let phase = 0;
	for (let i = 0; i < centred.length; i++) {
		const c = centred[i];
		if (c === c) {
			phaseSum[phase] += c;
			phaseCount[phase]++;
		}
		if (++phase === period) phase = 0;
	}
	let explained = 0;
	for (let p = 0; p < period; p++) {
		if (phaseCount[p] > 0) explained += (phaseSum[p] * phaseSum[p]) / phaseCount[p];
	}
	return total > 0 ? explained / total : 0;
}

/** Autocorrelation peaks, highest first, around which the period is searched. */
const CANDIDATE_PEAKS = 3;

/** Share of the peak lag searched on each side of it for the period, at least 2 lags. */
const REFINE_SHARE = 0.05;

/** Most lags searched on each side of a peak, which bounds the search on long series. */
const MAX_REACH = 10;

/** Share of a period's explained variance that a whole fraction of it must reach to replace it. */
const FRACTION_SHARE = 0.95;

/** A series with the mean profile of one period removed. */
type Folded = Pick<SeasonalityResult, 'period' | 'strength' | 'seasonal' | 'adjusted'>;

/** Removes the mean profile of `period` from `values` and measures the variance it explains. */
function fold(
	values: ArrayLike<number>,
	mean: number,
	variance: number,
	finite: number,
	period: number
): Folded {
	const n = values.length;
	const phaseSum = new Float64Array(period);
	const phaseCount = new Float64Array(period);
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(values[i])) continue;
		phaseSum[i % period] += values[i] - mean;
		phaseCount[i % period]++;
	}
	const seasonal = phaseSum.map((s, p) => (phaseCount[p] > 0 ? s / phaseCount[p] : 0));
	const adjusted = new Float64Array(n);
	let remainderVariance = 0;
	for (let i = 0; i < n; i++) {
		adjusted[i] = Number.isFinite(values[i]) ? values[i] - seasonal[i % period] : NaN;
		if (Number.isFinite(adjusted[i])) remainderVariance += (adjusted[i] - mean) ** 2;
	}
	remainderVariance /= finite;
	return {
		period,
		strength: Math.max(0, 1 - remainderVariance / variance),
		seasonal,
		adjusted
	};
}

/**
 * Returns the share of the variance that the mean profile of a period of `period` values
 * explains, on average, in `count` values of random noise: (period − 1) / (count − 1), the
 * expected R² of that many group means. A strength near it may be noise.
 */
export function seasonNoiseStrength(period: number, count: number): number {
	return count > 1 ? Math.min(1, (period - 1) / (count - 1)) : 1;
}

/**
 * Times {@link seasonNoiseStrength} below which a period is called weak. On Gaussian noise, in
 * 60 series each of 100 to 3,000 values, the period found explained a median of 1.1 to 1.5 times
 * the noise figure and at most 4.9 times. A sine of period 24, with the noise's σ as its
 * amplitude, over 1,000 values explained about 15 times.
 */
export const WEAK_SEASON_RATIO = 5;

/** Tells whether a period found in `count` finite values is too weak to tell from noise. */
export function isWeakSeason(result: { period: number; strength: number }, count: number): boolean {
	return (
		result.period > 0 &&
		result.strength < WEAK_SEASON_RATIO * seasonNoiseStrength(result.period, count)
	);
}

/**
 * Whether a seasonality result has a period to use, and why not: `too-few-values` below
 * MIN_SEASON_VALUES finite values, `no-variance` for a constant series, `no-period` when the
 * autocorrelation has no peak, and `weak` when {@link isWeakSeason} calls the period noise.
 */
export type SeasonUse = 'usable' | 'too-few-values' | 'no-variance' | 'no-period' | 'weak';

/**
 * Decides whether the period of `result`, found in `finite` finite values, may be used, such as
 * for a seasonal forecast. A period is usable when there are at least MIN_SEASON_VALUES values
 * and MIN_CYCLES full cycles of them, and the period is not weak. The Seasonality and Forecast
 * panels both follow this one rule.
 */
export function seasonUse(
	result: { issue?: string; period: number; strength: number },
	finite: number
): SeasonUse {
	if (result.issue === 'no-variance') return 'no-variance';
	if (result.issue !== undefined || finite < MIN_SEASON_VALUES) return 'too-few-values';
	if (result.period < 2) return 'no-period';
	if (finite < MIN_CYCLES * result.period) return 'too-few-values';
	return isWeakSeason(result, finite) ? 'weak' : 'usable';
}
