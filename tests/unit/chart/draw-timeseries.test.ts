import { scaleLinear, scaleTime } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { chartAxes } from '../../../src/lib/chart/chart-axes';
import type { Context2D } from '../../../src/lib/chart/context-2d';
import { drawTimeseries } from '../../../src/lib/chart/draw-timeseries';
import { formatTimeTick } from '../../../src/lib/chart/time-ticks';
import type { ChartColours, ChartData, DecimatedSeries } from '../../../src/lib/protocol';

/**
 * Returns a canvas context that records each fillText call, the centre of each arc and the point
 * of each moveTo and lineTo, and ignores every other drawing call.
 */
function recordingContext(
	width: number,
	charWidth = 0
): {
	ctx: Context2D;
	texts: [string, number, number][];
	arcs: [number, number][];
	points: [number, number][];
} {
	const texts: [string, number, number][] = [];
	const arcs: [number, number][] = [];
	const points: [number, number][] = [];
	let dx = 0;
	let dy = 0;
	const methods: Record<string, (...args: never[]) => unknown> = {
		translate: (x: number, y: number) => {
			dx += x;
			dy += y;
		},
		fillText: (text: string, x: number, y: number) => texts.push([text, x + dx, y + dy]),
		arc: (x: number, y: number) => arcs.push([x + dx, y + dy]),
		moveTo: (x: number, y: number) => points.push([x + dx, y + dy]),
		lineTo: (x: number, y: number) => points.push([x + dx, y + dy]),
		getTransform: () => ({ a: 1, d: 1, e: dx, f: dy }),
		measureText: (text: string) => ({ width: text.length * charWidth })
	};
	const ctx = new Proxy(
		{ canvas: { width } },
		{
			get: (target, key: string) => (key in target ? target.canvas : (methods[key] ?? (() => {})))
		}
	);
	return { ctx: ctx as unknown as Context2D, texts, arcs, points };
}

/** A rectangle in canvas pixels, by its edges. */
interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * Returns a canvas context that keeps the clip rectangle in force through save, restore, rect
 * and clip calls, and records it with each stroke and with each arc (centre and radius).
 */
function clipRecordingContext(width: number) {
	const strokes: Box[] = [];
	const arcs: { x: number; y: number; radius: number; clip: Box }[] = [];
	const none: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
	let state = { dx: 0, dy: 0, clip: none };
	let path: Box | null = null;
	const stack: (typeof state)[] = [];
	const methods: Record<string, (...args: never[]) => unknown> = {
		save: () => stack.push({ ...state }),
		restore: () => (state = stack.pop()!),
		translate: (x: number, y: number) => (state = { ...state, dx: state.dx + x, dy: state.dy + y }),
		beginPath: () => (path = null),
		rect: (x: number, y: number, w: number, h: number) => {
			path = {
				left: x + state.dx,
				top: y + state.dy,
				right: x + w + state.dx,
				bottom: y + h + state.dy
			};
		},
		clip: () => {
			const { clip } = state;
			state = {
				...state,
				clip: {
					left: Math.max(clip.left, path!.left),
					top: Math.max(clip.top, path!.top),
					right: Math.min(clip.right, path!.right),
					bottom: Math.min(clip.bottom, path!.bottom)
				}
			};
		},
		stroke: () => strokes.push(state.clip),
		arc: (x: number, y: number, radius: number) =>
			arcs.push({ x: x + state.dx, y: y + state.dy, radius, clip: state.clip }),
		getTransform: () => ({ a: 1, d: 1, e: state.dx, f: state.dy }),
		measureText: () => ({ width: 0 })
	};
	const ctx = new Proxy(
		{ canvas: { width } },
		{
			get: (target, key: string) => (key in target ? target.canvas : (methods[key] ?? (() => {})))
		}
	);
	return { ctx: ctx as unknown as Context2D, strokes, arcs };
}

const colours: ChartColours = {
	text: '#000',
	grid: '#ccc',
	line: '#00f',
	average: '#f80',
	anomaly: '#f00',
	band: '#00f3',
	gap: '#888'
};

const NONE: DecimatedSeries = { time: new Float64Array(0), value: new Float64Array(0) };

/** Builds the chart data of a line and its moving average over [from, to], with nothing else. */
function chartData(
	from: number,
	to: number,
	line: DecimatedSeries,
	movingAverage: DecimatedSeries
): ChartData {
	return {
		from,
		to,
		buffered: line.time.length,
		line,
		movingAverage,
		anomalies: NONE,
		extraLines: [],
		gaps: []
	};
}

describe('drawTimeseries', () => {
	it('drawTimeseries says why an empty chart is empty', () => {
		const empty = chartData(0, 0, NONE, NONE);
		const waiting = recordingContext(400);
		drawTimeseries(waiting.ctx, empty, chartAxes(empty, 400, 300), 400, 300, colours, []);
		const ended = recordingContext(400);
		const done = { ...empty, emptyText: 'The source ended without a record.' };
		drawTimeseries(ended.ctx, done, chartAxes(done, 400, 300), 400, 300, colours, []);

		expect(waiting.texts).toEqual([['No data yet', 200, 150]]);
		expect(ended.texts).toEqual([['The source ended without a record.', 200, 150]]);
	});

	it('drawTimeseries places tick labels where D3 puts them', () => {
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 3_600_000;
		const time = Float64Array.from({ length: 1600 }, (_, i) => from + i * 2250);
		const value = Float64Array.from(time, (_, i) => 40 + 30 * Math.sin(i / 50));
		const data = chartData(from, to, { time, value }, { time, value });
		const { ctx, texts } = recordingContext(868);

		drawTimeseries(ctx, data, chartAxes(data, 868, 380), 868, 380, colours, []);

		// The scales that the chart worker built itself before the page sent the axes, over the plot.
		const x = scaleTime().domain([from, to]).range([0, 796]);
		const y = scaleLinear().domain([10, 70]).range([336, 6]).nice();
		const expected: [string, number, number][] = [];
		const yFormat = y.tickFormat(6);
		for (const tick of y.ticks(6)) {
			expected.push([yFormat(tick), 56 - 8, Math.round(y(tick)) + 0.5 + 12]);
		}
		for (const tick of x.ticks(7)) {
			expected.push([formatTimeTick(tick), Math.round(x(tick)) + 0.5 + 56, 342 + 7 + 12]);
		}
		expect(texts).toEqual(expected);
	});

	it('drawTimeseries keeps a time label at the plot end inside the canvas', () => {
		// A tick on the plot's last pixel: centred there, its label would cross the canvas edge.
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 40_000;
		const time = Float64Array.from({ length: 41 }, (_, i) => from + i * 1000);
		const value = Float64Array.from(time, (_, i) => i);
		const data = chartData(from, to, { time, value }, NONE);
		const { ctx, texts } = recordingContext(868, 6);
		const axes = chartAxes(data, 868, 380);
		drawTimeseries(ctx, data, axes, 868, 380, colours, []);

		// Time labels sit 7 px under the plot, whose top is 12 px down a canvas 868 px wide.
		const timeLabels = texts.filter(([, , y]) => y === 380 - 26 + 7);
		expect(timeLabels.map(([text]) => text)).toEqual(axes.x.ticks.map((tick) => tick.label));
		for (const [text, x] of timeLabels) {
			expect(x - (text.length * 6) / 2, text).toBeGreaterThanOrEqual(0);
			expect(x + (text.length * 6) / 2, text).toBeLessThanOrEqual(868);
		}
	});

	it('drawTimeseries dots a point alone between two breaks', () => {
		// Values 1, break, 2, break, 3, 4: the 1 and the 2 have no neighbour to draw a line to.
		const from = Date.parse('2024-01-20T10:00:00Z');
		const time = Float64Array.from({ length: 6 }, (_, i) => from + i * 60_000);
		const value = Float64Array.from([1, NaN, 2, NaN, 3, 4]);
		const data = chartData(from, from + 300_000, { time, value }, NONE);
		const { ctx, arcs } = recordingContext(868);
		const axes = chartAxes(data, 868, 380);
		drawTimeseries(ctx, data, axes, 868, 380, colours, []);

		const x = scaleTime()
			.domain([from, from + 300_000])
			.range([0, 796]);
		expect(arcs.map(([px]) => Math.round(px - 56))).toEqual([
			Math.round(x(time[0])),
			Math.round(x(time[2]))
		]);
	});

	it('drawTimeseries draws a dot on the plot edge whole', () => {
		// A line on the left and a lone point at the window's end, with an anomaly there too.
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 8000;
		const line = { time: Float64Array.of(from, from + 1000), value: Float64Array.of(0, 8) };
		const sparse = {
			series: 1,
			name: 'sparse',
			line: { time: Float64Array.of(to), value: Float64Array.of(5) },
			anomalies: NONE,
			anomalyScores: new Float64Array(0),
			anomalyCount: 0
		};
		const data: ChartData = {
			...chartData(from, to, line, NONE),
			extraLines: [sparse],
			anomalies: { time: Float64Array.of(to), value: Float64Array.of(5) }
		};
		const { ctx, strokes, arcs } = clipRecordingContext(868);
		const axes = chartAxes(data, 868, 380);
		drawTimeseries(ctx, data, axes, 868, 380, colours, ['#0a0']);

		const plot = { left: 56, top: 12, right: 56 + 796, bottom: 12 + 342 };
		expect(arcs).toHaveLength(2);
		for (const arc of arcs) {
			expect(arc.x).toBeCloseTo(plot.right, 6);
			expect(arc.clip.left).toBeLessThanOrEqual(arc.x - arc.radius);
			expect(arc.clip.right).toBeGreaterThanOrEqual(arc.x + arc.radius);
			expect(arc.clip.top).toBeLessThanOrEqual(arc.y - arc.radius);
			expect(arc.clip.bottom).toBeGreaterThanOrEqual(arc.y + arc.radius);
		}
		// The lines are still cut at the plot's edges: the value axis's grid lines are stroked
		// before any clip, and the series after it.
		const clipped = strokes.filter((clip) => Number.isFinite(clip.left));
		expect(clipped).toHaveLength(3);
		for (const clip of clipped) expect(clip).toEqual(plot);
	});

	it('drawTimeseries labels the right axis and titles both sides', () => {
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 60_000;
		const time = Float64Array.of(from, to);
		const main = { time, value: Float64Array.of(1000, 1012) };
		const small = { time, value: Float64Array.of(0.23, 0.87) };
		const data: ChartData = {
			...chartData(from, to, main, NONE),
			extraLines: [
				{
					series: 1,
					name: 'ratio',
					line: small,
					anomalies: NONE,
					anomalyScores: new Float64Array(0),
					anomalyCount: 0
				}
			],
			mainName: 'pressure',
			rightLines: [true]
		};
		const { ctx, texts, points } = recordingContext(800, 6);
		const axes = chartAxes(data, 800, 300);
		drawTimeseries(ctx, data, axes, 800, 300, colours, ['#0a0']);

		// The plot is 688 px wide from x = 56 and starts 30 px down. Right labels sit 6 px past it.
		const right = scaleLinear().domain([0.2, 0.9]).range([238, 6]);
		const rightLabels = texts.filter(([, x]) => x === 56 + 688 + 6);
		expect(rightLabels).toEqual(
			[0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((v) => [
				String(v),
				56 + 688 + 6,
				Math.round(right(v)) + 0.5 + 30
			])
		);
		// The small line runs from 0.23 at the plot's left edge to 0.87 at its right edge.
		const near = ([px, py]: [number, number], [ex, ey]: [number, number]) =>
			Math.abs(px - ex) < 1e-9 && Math.abs(py - ey) < 1e-9;
		expect(points.some((p) => near(p, [56, 30 + right(0.23)]))).toBe(true);
		expect(points.some((p) => near(p, [56 + 688, 30 + right(0.87)]))).toBe(true);
		// Titles are centred 13 px down the canvas: "pressure" after a 12 px key from x = 4, "ratio" (5 characters
		// of 6 px) ending 4 px from the right edge.
		expect(texts).toContainEqual(['pressure', 4 + 12 + 4, 13]);
		expect(texts).toContainEqual(['ratio', 800 - 4 - 30, 13]);
	});

	it('drawTimeseries scales the main series to the right axis', () => {
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 60_000;
		const time = Float64Array.of(from, to);
		const small = { time, value: Float64Array.of(0.23, 0.87) };
		const large = { time, value: Float64Array.of(1000, 1012) };
		const data: ChartData = {
			...chartData(from, to, small, small),
			anomalies: { time: Float64Array.of(to), value: Float64Array.of(0.87) },
			extraLines: [
				{
					series: 1,
					name: 'pressure',
					line: large,
					anomalies: NONE,
					anomalyScores: new Float64Array(0),
					anomalyCount: 0
				}
			],
			mainName: 'ratio',
			rightLines: [false],
			mainRight: true
		};
		const { ctx, texts, points, arcs } = recordingContext(800, 6);
		drawTimeseries(ctx, data, chartAxes(data, 800, 300), 800, 300, colours, ['#0a0']);

		// The plot is 688 px wide from x = 56 and starts 30 px down, as with a right extra line.
		const right = scaleLinear().domain([0.2, 0.9]).range([238, 6]);
		const left = scaleLinear().domain([1000, 1012]).range([238, 6]);
		const near = ([px, py]: [number, number], [ex, ey]: [number, number]) =>
			Math.abs(px - ex) < 1e-9 && Math.abs(py - ey) < 1e-9;
		expect(points.some((p) => near(p, [56, 30 + right(0.23)]))).toBe(true);
		expect(points.some((p) => near(p, [56 + 688, 30 + left(1012)]))).toBe(true);
		expect(arcs).toHaveLength(1);
		expect(near(arcs[0], [56 + 688, 30 + right(0.87)])).toBe(true);
		// The main series is named in the right title, ending 4 px from the canvas's right edge.
		expect(texts).toContainEqual(['pressure', 4 + 12 + 4, 13]);
		expect(texts).toContainEqual(['ratio', 800 - 4 - 30, 13]);
	});

	it('drawTimeseries fits long value labels inside the canvas', () => {
		const from = Date.parse('2024-01-20T10:00:00Z');
		const to = from + 60_000;
		const time = Float64Array.of(from, to);
		const line = { time, value: Float64Array.of(1.5e12 - 30, 1.5e12 + 30) };
		const data = chartData(from, to, line, NONE);
		const { ctx, texts } = recordingContext(800, 6);
		const axes = chartAxes(data, 800, 300, (text) => text.length * 6);
		drawTimeseries(ctx, data, axes, 800, 300, colours, []);

		// Right-aligned 8 px left of the plot, whose left edge has moved to the margin.
		const valueLabels = texts.filter(([text]) => text.endsWith('T'));
		expect(valueLabels).toHaveLength(7);
		for (const [text, x] of valueLabels) {
			expect(x).toBe(axes.margin.left - 8);
			expect(x - text.length * 6, text).toBeGreaterThanOrEqual(4);
		}
	});

	it('drawTimeseries draws the same without right lines', () => {
		const from = Date.parse('2024-01-20T10:00:00Z');
		const time = Float64Array.of(from, from + 60_000);
		const extra = {
			series: 1,
			name: 'ratio',
			line: { time, value: Float64Array.of(1, 2) },
			anomalies: NONE,
			anomalyScores: new Float64Array(0),
			anomalyCount: 0
		};
		const plain: ChartData = {
			...chartData(from, from + 60_000, { time, value: Float64Array.of(5, 9) }, NONE),
			extraLines: [extra]
		};
		const flagged: ChartData = { ...plain, mainName: 'pressure', rightLines: [false] };
		const before = recordingContext(800, 6);
		const after = recordingContext(800, 6);
		drawTimeseries(before.ctx, plain, chartAxes(plain, 800, 300), 800, 300, colours, ['#0a0']);
		drawTimeseries(after.ctx, flagged, chartAxes(flagged, 800, 300), 800, 300, colours, ['#0a0']);

		expect(after.texts).toEqual(before.texts);
	});
});
