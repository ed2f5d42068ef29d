/** Space around the live chart's plot for the axes, in CSS pixels. */
export const chartMargin = { top: 12, right: 16, bottom: 26, left: 56 };

/**
 * Space around the plot while a right value axis is drawn: room for its tick labels on the right,
 * and for the axis titles above the plot that name the series of each side.
 */
export const dualAxisMargin = { top: 30, right: 56, bottom: 26, left: 56 };

/** Plot margins in CSS pixels. */
export type PlotMargin = typeof chartMargin;

/** Returns the margins of a chart with a right value axis (`dual`) or with the left one only. */
export function plotMargin(dual: boolean): PlotMargin {
	return dual ? dualAxisMargin : chartMargin;
}

/** Size of the plot inside a canvas of `width` × `height` CSS pixels, at least 1 × 1. */
export function plotSize(
	width: number,
	height: number,
	margin: PlotMargin = chartMargin
): { width: number; height: number } {
	return {
		width: Math.max(1, width - margin.left - margin.right),
		height: Math.max(1, height - margin.top - margin.bottom)
	};
}
