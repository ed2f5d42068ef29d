/** Space around the live chart's plot for the axes, in CSS pixels. */
export const chartMargin = { top: 12, right: 16, bottom: 26, left: 56 };

/**
 * Space around the plot while a right value axis is drawn: room for its tick labels on the right,
 * and for the axis titles above the plot that name the series of each side.
 */
export const dualAxisMargin = { top: 30, right: 56, bottom: 26, left: 56 };

/** Plot margins in CSS pixels. */
export type PlotMargin = typeof chartMargin;

/** Font of the chart's tick labels, as a CSS font shorthand. */
export const TICK_FONT = '11px system-ui, sans-serif';

/** Width in CSS pixels of `text` drawn in {@link TICK_FONT}. */
export type MeasureText = (text: string) => number;

/**
 * Estimates the width of a tick label in {@link TICK_FONT} at 7 px a character. In Debian 12's
 * Chromium with its default fonts, a digit measures 7.0 px and "1.49999999997T" 94 px, because
 * points and commas are narrower. Used where no canvas is at hand to measure the text.
 */
export function estimateTickWidth(text: string): number {
	return [...text].length * 7;
}

/** Gap between a value axis's tick labels and the plot, CSS px. */
const LABEL_GAP = 8;

/** Space kept between a tick label and the canvas edge, CSS px. */
const EDGE_GAP = 4;

/** Widest margin a value axis may take, CSS px, so that the plot keeps most of the canvas. */
export const MAX_AXIS_MARGIN = 160;

/**
 * Returns the margin that a value axis needs for `labels`: `base` when they fit in it, else wide
 * enough for the widest label, at most {@link MAX_AXIS_MARGIN} or a third of the canvas. The plot
 * then keeps at least a third of the canvas while both axes are at their widest.
 * NOTE: a label wider than that limit is still cut off at the canvas edge.
 *
 * @param base - The margin of the axis with short labels, CSS px.
 * @param canvasWidth - Width of the whole canvas, CSS px.
 */
export function valueAxisMargin(
	labels: readonly string[],
	base: number,
	canvasWidth: number,
	measure: MeasureText = estimateTickWidth
): number {
	let widest = 0;
	for (const label of labels) widest = Math.max(widest, measure(label));
	const needed = Math.ceil(widest + LABEL_GAP + EDGE_GAP);
	const limit = Math.max(base, Math.min(MAX_AXIS_MARGIN, Math.floor(canvasWidth / 3)));
	return Math.min(limit, Math.max(base, needed));
}

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

/**
 * Returns `measure` with the width of each label kept, up to `limit` labels before they are
 * dropped. Each frame measures its tick labels, which mostly repeat the last frame's, and a
 * canvas shapes the text again at every measureText call.
 */
export function rememberWidths(measure: MeasureText, limit = 1000): MeasureText {
	const widths = new Map<string, number>();
	return (text) => {
		let width = widths.get(text);
		if (width === undefined) {
			if (widths.size >= limit) widths.clear();
			width = measure(text);
			widths.set(text, width);
		}
		return width;
	};
}

/**
 * Returns the centre of a time tick label for a tick at plot x `px`, in CSS px. `half` is half
 * the label's width. The label sits on its tick, or near either end moves inward to stay whole
 * inside the canvas, 2 px from its edge.
 */
export function timeLabelCentre(
	px: number,
	half: number,
	plotWidth: number,
	margin: PlotMargin
): number {
	return Math.max(half + 2 - margin.left, Math.min(px, plotWidth + margin.right - half - 2));
}
