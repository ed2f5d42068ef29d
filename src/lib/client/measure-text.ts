import { rememberWidths, type MeasureText } from '$lib/chart/plot-area';

/**
 * Returns a function that measures text in `font` (a CSS font shorthand) on a canvas of its own,
 * and keeps each width (see {@link rememberWidths}). Uses an OffscreenCanvas where the browser
 * has one, else a detached canvas element. Returns undefined when no 2D context is available.
 */
export function canvasMeasure(font: string): MeasureText | undefined {
	const context =
		typeof OffscreenCanvas === 'function'
			? new OffscreenCanvas(1, 1).getContext('2d')
			: document.createElement('canvas').getContext('2d');
	if (!context) return undefined;
	context.font = font;
	return rememberWidths((text) => context.measureText(text).width);
}
