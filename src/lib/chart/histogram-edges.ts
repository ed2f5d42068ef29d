/**
 * Returns the edges to draw a histogram's bars with, each bar as wide as the widest bin. The bins
 * start at the smallest value and end at the largest, so the first and last are cut short where
 * those fall between two thresholds. Drawn at their true width they read as slivers as tall as
 * full bars. Their counts are those of the full bins, because no value lies beyond the ends, so
 * the first edge moves down and the last up to a full bin's width. One bin is kept as it is.
 */
export function fullWidthEdges(edges: readonly number[]): number[] {
	const drawn = [...edges];
	const last = edges.length - 1;
	if (last < 2) return drawn;
	let widest = 0;
	for (let i = 0; i < last; i++) widest = Math.max(widest, edges[i + 1] - edges[i]);
	drawn[0] = Math.min(edges[0], edges[1] - widest);
	drawn[last] = Math.max(edges[last], edges[last - 1] + widest);
	return drawn;
}
