import type { ChartDrawn, ChartFrame } from '../protocol';
import type { Context2D } from './context-2d';
import { drawTimeseries } from './draw-timeseries';

/** A canvas the painter can draw on: the page's own, or one transferred to a worker. */
export type ChartCanvas = HTMLCanvasElement | OffscreenCanvas;

/**
 * Draws frames of the live chart on one canvas. The chart worker runs it on the OffscreenCanvas
 * that the page transferred to it, so that drawing and Chromium's rasterising of the canvas stay
 * off the page's main thread.
 */
export class ChartPainter {
	#canvas: ChartCanvas;
	#ctx: Context2D;

	constructor(canvas: ChartCanvas) {
		const ctx = canvas.getContext('2d') as Context2D | null;
		if (ctx === null) throw new Error('the chart canvas has no 2D context');
		this.#canvas = canvas;
		this.#ctx = ctx;
	}

	/** Sizes the canvas to the frame in device pixels, then draws the frame on it. */
	draw(frame: ChartFrame): ChartDrawn {
		const startedAt = performance.timeOrigin + performance.now();
		const start = performance.now();
		const { width, height, pixelRatio } = frame;
		// Setting either size clears the canvas, so each is set only when it changed.
		const deviceWidth = Math.round(width * pixelRatio);
		const deviceHeight = Math.round(height * pixelRatio);
		if (this.#canvas.width !== deviceWidth) this.#canvas.width = deviceWidth;
		if (this.#canvas.height !== deviceHeight) this.#canvas.height = deviceHeight;
		this.#ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
		const { data, axes, colours, extraColours } = frame;
		const band = drawTimeseries(this.#ctx, data, axes, width, height, colours, extraColours);
		return { band, startedAt, durationMs: performance.now() - start };
	}
}
