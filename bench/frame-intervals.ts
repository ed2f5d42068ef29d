/**
 * Frame times counted in display refresh intervals (vsyncs). Chromium starts an animation frame
 * only on a vsync. Since Chromium 91 it coarsens every DOMHighResTimeStamp, requestAnimationFrame
 * times included, to 100 µs in pages that are not cross-origin isolated
 * (https://developer.chrome.com/blog/cross-origin-isolated-hr-timers). So at 60 Hz a frame that
 * came on time reads 16.6, 16.7 or 16.8 ms after the one before, and a frame that missed one
 * vsync about 33.3 ms. Counting whole intervals tells a late frame from that rounding, which a
 * percentile of the raw deltas cannot.
 */
import { percentile } from './report';

/** Frames of one run counted in vsync intervals. */
export interface FrameIntervals {
	/** The refresh interval estimated from the deltas, in ms (about 16.67 at 60 Hz). */
	intervalMs: number;
	/** Deltas between consecutive frames. */
	frames: number;
	/** Frames that came one or more vsyncs after the one they were due on. */
	late: number;
	/** Vsyncs that passed with no frame: the sum over late frames of the intervals missed. */
	dropped: number;
	/** The 95th percentile of the deltas rounded to whole intervals, in ms. */
	p95Ms: number;
}

/**
 * Estimates the refresh interval as the mean of the deltas below 1.5 times their 10th
 * percentile, so that late frames do not move it unless more than nine in ten are late. The
 * mean, not the median, because the coarsened deltas of on-time frames (16.6, 16.7, 16.8) add
 * up to the true interval (16.67 ms at 60 Hz) while their median may be any one of them.
 */
export function estimateFrameInterval(deltas: readonly number[]): number {
	const floor = percentile(deltas, 10);
	const onTime = deltas.filter((delta) => delta < floor * 1.5);
	return onTime.reduce((sum, delta) => sum + delta, 0) / onTime.length;
}

/** Returns how many refresh intervals of `intervalMs` a frame delta spans, at least one. */
export function intervalsIn(deltaMs: number, intervalMs: number): number {
	return Math.max(1, Math.round(deltaMs / intervalMs));
}

/** Counts the frame deltas of one run in refresh intervals. */
export function countFrameIntervals(deltas: readonly number[]): FrameIntervals {
	const intervalMs = estimateFrameInterval(deltas);
	const spans = deltas.map((delta) => intervalsIn(delta, intervalMs));
	let late = 0;
	let dropped = 0;
	for (const span of spans) {
		if (span > 1) late += 1;
		dropped += span - 1;
	}

	return {
		intervalMs,
		frames: deltas.length,
		late,
		dropped,
		p95Ms: percentile(spans, 95) * intervalMs
	};
}

/**
 * Describes the raw deltas as their most frequent values rounded to 0.1 ms, with counts, e.g.
 * `16.7 ms ×1,802, 16.6 ms ×1,190, 33.3 ms ×12`, for the benchmark's log.
 */
export function describeDeltas(deltas: readonly number[], maxValues = 8): string {
	const counts = new Map<string, number>();
	for (const delta of deltas) {
		const key = delta.toFixed(1);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	return [...counts.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, maxValues)
		.map(([value, count]) => `${value} ms ×${count.toLocaleString('en-US')}`)
		.join(', ');
}
