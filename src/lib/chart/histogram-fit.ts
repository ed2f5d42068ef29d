import type { HistogramBins } from '../protocol';

/**
 * Returns the normal fit of a histogram at `x` on the scale of its bars: total × bin width ×
 * density, the count that a full bin around `x` would contain. The bin width is the widest
 * bin's, because d3 cuts the first and last bins short at the ends of the values.
 * Returns 0 when σ is 0, as in a flat window.
 */
export function fittedCount(histogram: HistogramBins, x: number): number {
	const { edges, mean, std, total } = histogram;
	if (!(std > 0)) return 0;
	let binWidth = 0;
	for (let i = 0; i + 1 < edges.length; i++) binWidth = Math.max(binWidth, edges[i + 1] - edges[i]);
	const z = (x - mean) / std;
	return (total * binWidth * Math.exp(-0.5 * z * z)) / (std * Math.sqrt(2 * Math.PI));
}
