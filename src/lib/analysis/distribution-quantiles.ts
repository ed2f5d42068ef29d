import { gammaln } from 'simple-statistics';

/**
 * Student-t and normal quantiles, for confidence intervals and prediction bands.
 * simple-statistics (7.x) has no t distribution, and its `probit` is an approximation good to
 * about 3 digits (1.9572 for 0.975, not 1.95996). So the CDFs are computed here from the
 * regularised incomplete beta and gamma functions (continued fractions as in Numerical Recipes,
 * modified Lentz) and inverted by bisection, which gives full double precision.
 */

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
	// The continued fraction converges fast only below the mean, so use the symmetry above it.
	if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
	return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 10000; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return h;
}

/** Cumulative distribution of Student's t with `df` degrees of freedom at `t`. */
export function studentTCdf(t: number, df: number): number {
	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** Regularised lower incomplete gamma P(a, x). */
function incompleteGamma(a: number, x: number): number {
	if (x <= 0) return 0;
	const logFront = a * Math.log(x) - x - gammaln(a);
	if (x < a + 1) {
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < 10000; n++) {
			term *= x / (a + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
		}
		return sum * Math.exp(logFront);
	}
	const tiny = 1e-300;
	let b = x + 1 - a;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 10000; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return 1 - Math.exp(logFront) * h;
}

/** Cumulative distribution of the standard normal at `z`. */
export function normalCdf(z: number): number {
	const half = 0.5 * incompleteGamma(0.5, (z * z) / 2);
	return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** Quantile of the standard normal at probability `p` (0 < p < 1). */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`invalid probability ${p}: expected 0 < p < 1`);
	if (p === 0.5) return 0;
	if (p < 0.5) return -normalQuantile(1 - p);
	return bisectIncreasing(normalCdf, p);
}

/**
 * Finds t ≥ 0 with cdf(t) = p for an increasing cdf with cdf(0) = 0.5 < p, by bisection to the
 * last representable digit.
 */
function bisectIncreasing(cdf: (t: number) => number, p: number): number {
	let low = 0;
	let high = 1;
	while (cdf(high) < p) high *= 2;
	for (let i = 0; i < 200; i++) {
		const mid = (low + high) / 2;
		if (mid === low || mid === high) break;
		if (cdf(mid) < p) low = mid;
		else high = mid;
	}
	return (low + high) / 2;
}

/** Quantile of Student's t with `df` degrees of freedom at probability `p` (0 < p < 1). */
export function studentTQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`invalid probability ${p}: expected 0 < p < 1`);
	if (!(df > 0)) throw new RangeError(`invalid degrees of freedom ${df}: expected > 0`);
	if (p === 0.5) return 0;
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	return bisectIncreasing((t) => studentTCdf(t, df), p);
}
