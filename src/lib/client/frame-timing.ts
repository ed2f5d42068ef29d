/** User-timing measure of one chart frame: the view query, the page update and the draw. */
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
