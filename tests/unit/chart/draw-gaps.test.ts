import { describe, expect, it } from 'vitest';
import type { Context2D } from '../../../src/lib/chart/context-2d';
import { drawGaps } from '../../../src/lib/chart/draw-gaps';
import type { StreamGap } from '../../../src/lib/protocol';

/** Returns a context that records fillText calls and measures text at 6 px a character. */
function recordingContext(): { ctx: Context2D; texts: [string, number, number][] } {
	const texts: [string, number, number][] = [];
	const methods: Record<string, (...args: never[]) => unknown> = {
		fillText: (text: string, x: number, y: number) => texts.push([text, x, y]),
		measureText: (text: string) => ({ width: text.length * 6 })
	};
	const ctx = new Proxy({}, { get: (_, key: string) => methods[key] ?? (() => {}) });
	return { ctx: ctx as unknown as Context2D, texts };
}

function gap(from: number, to: number, durationMs: number): StreamGap {
	return { from, to, durationMs, reason: 'connection lost (1006)' };
}

describe('drawGaps', () => {
	it('drawGaps stacks the labels of close gaps instead of overlapping them', () => {
		const { ctx, texts } = recordingContext();
		// Two bands 10 px apart, each widened to 3 px; a label, about 110 px wide, goes right of its band.
		drawGaps(ctx, [gap(100, 101, 566), gap(110, 111, 18_900)], (t) => t, 800, 300, '#888');

		expect(texts).toEqual([
			['disconnected 566 ms', 107, 4],
			['disconnected 18.9 s', 117, 18]
		]);
	});

	it('drawGaps keeps one row for gaps far apart', () => {
		const { ctx, texts } = recordingContext();
		drawGaps(ctx, [gap(100, 101, 566), gap(400, 401, 900)], (t) => t, 800, 300, '#888');

		expect(texts.map(([, , y]) => y)).toEqual([4, 4]);
	});

	it('drawGaps leaves a label out when every row is taken', () => {
		const { ctx, texts } = recordingContext();
		const gaps = [0, 5, 10, 15].map((at) => gap(100 + at, 101 + at, 500));
		drawGaps(ctx, gaps, (t) => t, 800, 300, '#888');

		expect(texts.map(([, , y]) => y)).toEqual([4, 18, 32]);
	});
});
