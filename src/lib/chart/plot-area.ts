/** Space around the live chart's plot for the axes, in CSS pixels. */
export const chartMargin = { top: 12, right: 16, bottom: 26, left: 56 };

/** Size of the plot inside a canvas of `width` × `height` CSS pixels, at least 1 × 1. */
export function plotSize(width: number, height: number): { width: number; height: number } {
	return {
		width: Math.max(1, width - chartMargin.left - chartMargin.right),
		height: Math.max(1, height - chartMargin.top - chartMargin.bottom)
	};
}
