/**
 * User-timing measure of one chart frame: the view query, the page update and the draw, until
 * the drawing calls return (see {@link frameEnd}).
 */
export const FRAME_MEASURE = 'streamlens:frame';

/** User-timing measure of a frame's view query, from the request until the view arrives. */
export const VIEW_MEASURE = 'streamlens:view';

/** User-timing measure of the chart's drawing calls alone, timed in the chart worker. */
export const DRAW_MEASURE = 'streamlens:draw';

/**
 * Records a user-timing measure named `name` from `start` (a `performance.now()` time) to now.
 * The previous entry of that name is cleared first, so the performance timeline keeps one entry
 * per name however long the page runs, while a PerformanceObserver still sees every frame.
 * Benchmarks and profilers read these; the page itself never does.
 */
export function measureSince(name: string, start: number): void {
	performance.clearMeasures(name);
	performance.measure(name, { start });
}

/**
 * Records a user-timing measure named `name` that starts at `start` (a `performance.now()` time)
 * and lasts `duration` ms, such as work another thread timed. Like `measureSince`, it clears the
 * previous entry of that name first.
 */
export function measureSpan(name: string, start: number, duration: number): void {
	performance.clearMeasures(name);
	performance.measure(name, { start, duration });
}

/**
 * Returns when a chart frame requested at `requestedAt` ended, in the page's `performance.now()`
 * time: `drawEnd`, when the drawing calls returned, or `now` when the frame drew nothing.
 *
 * The chart worker's canvas reaches the screen without the page, so the frame leaves out the
 * worker's reply to the page, as uPlot's draw time ends when its drawing calls return.
 */
export function frameEnd(requestedAt: number, drawEnd: number, now: number): number {
	return drawEnd >= requestedAt ? drawEnd : now;
}
