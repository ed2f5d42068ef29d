/** A 2D context of a page canvas or of an OffscreenCanvas in the chart worker. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
