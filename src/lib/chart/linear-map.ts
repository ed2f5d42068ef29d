import type { ChartAxis } from '../protocol';

/**
 * Returns the function that maps `axis.domain` linearly onto `axis.range`, with the arithmetic
 * of d3-scale 4's `scaleLinear` and `scaleTime` (normalise, then interpolate, no clamping), so
 * it gives the same pixels as the scale on the page that made the axis. Written here instead of
 * importing d3-scale because the chart worker would otherwise ship D3 on every cold load. An
 * empty domain maps everything to the middle of the range, and a NaN input gives NaN.
 */
export function linearMap(axis: ChartAxis): (value: number) => number {
	let [d0, d1] = axis.domain;
	let [r0, r1] = axis.range;
	if (d1 < d0) {
		[d0, d1] = [d1, d0];
		[r0, r1] = [r1, r0];
	}
	const span = d1 - d0;
	if (!span) {
		const middle = r0 * 0.5 + r1 * 0.5;
		return Number.isNaN(span) ? () => NaN : () => middle;
	}
	return (value) => {
		const t = (value - d0) / span;
		return r0 * (1 - t) + r1 * t;
	};
}
