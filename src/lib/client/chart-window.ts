/** A visible time window of the chart, epoch ms. */
export interface TimeWindow {
	from: number;
	to: number;
}

/** Narrowest window a zoom may reach, in ms. */
export const MIN_WINDOW_MS = 10;

/**
 * Scales a window around an anchor time: `factor` < 1 zooms in, > 1 zooms out. The anchor keeps
 * its place on screen, as in map and chart tools.
 */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number): TimeWindow {
	const span = Math.max(MIN_WINDOW_MS, (window.to - window.from) * factor);
	const share = window.to > window.from ? (anchor - window.from) / (window.to - window.from) : 1;
	const from = anchor - share * span;
	return { from, to: from + span };
}

/** Moves a window by `deltaMs`, later when positive. */
export function panWindow(window: TimeWindow, deltaMs: number): TimeWindow {
	return { from: window.from + deltaMs, to: window.to + deltaMs };
}

/** Zoom factor for one wheel event: each 100 px of scrolling zooms by 20 %. */
export function wheelFactor(deltaY: number): number {
	return Math.pow(1.2, deltaY / 100);
}

/**
 * Tests whether a window still shows the live edge, that is whether its end reaches the newest
 * record. A window that ends earlier looks at the past, so the chart stops following the stream.
 */
export function showsLiveEdge(window: TimeWindow, newest: number): boolean {
	return window.to >= newest;
}

/** Orders two brush ends into a window. */
export function brushWindow(start: number, end: number): TimeWindow {
	return { from: Math.min(start, end), to: Math.max(start, end) };
}

/**
 * Chart position: the live edge (following the stream, optionally with a zoomed span in place
 * of the page's window setting) or a fixed window the user zoomed or panned to.
 */
export type ChartView =
	{ kind: 'live'; spanMs?: number } | { kind: 'fixed'; from: number; to: number };

/** Returns the chart view after a move to `window`: live while it still reaches `newest`. */
export function viewAfterMove(window: TimeWindow, newest: number): ChartView {
	if (showsLiveEdge(window, newest)) return { kind: 'live', spanMs: window.to - window.from };
	return { kind: 'fixed', from: window.from, to: window.to };
}
