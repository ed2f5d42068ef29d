import type {
	BandDrawn,
	BandSeries,
	ChartAxes,
	ChartAxis,
	ChartColours,
	ChartData,
	DecimatedSeries
} from '../protocol';
import { addPolyline, emptySpans, type ColumnSpans } from './column-spans';
import type { Context2D } from './context-2d';
import { drawGaps } from './draw-gaps';
import { linearMap } from './linear-map';
import { plotSize, TICK_FONT, timeLabelCentre, type PlotMargin } from './plot-area';

/**
 * Points per pixel column above which a series is filled column by column instead of stroked.
 * Chromium rasterises canvas paths in software when it has no GPU, and a stroke wider than one
 * device pixel along a dense zig-zag is slow there. In headless Chromium 156 with --disable-gpu,
 * stroking 1,600 random points across 800 pixels 1.5 px wide took about 40 ms to rasterise,
 * 400 points 6 ms and 200 points 2 ms, while 800 one-pixel rectangles took under 1 ms.
 */
const DENSE_POINTS_PER_COLUMN = 0.25;

/** Radius of an anomaly marker in CSS pixels, the largest dot the chart draws. */
const MARKER_RADIUS = 4;

/** Dots of one series' lone points, their centres as x, y pairs in plot pixels. */
interface LoneDots {
	colour: string;
	radius: number;
	centres: number[];
}

/**
 * Draws one frame of the live chart: grid and tick labels of the axes the page worked out, the
 * series, its moving average, the rolling band behind them and the anomaly markers. The points
 * are already decimated to the pixel width. With a right value axis in `axes`, the extra lines
 * flagged in `view.rightLines` are scaled to it, and the main series with its moving average,
 * band and anomalies when `view.mainRight` is set. Titles above the plot then name each side's
 * series.
 */
export function drawTimeseries(
	ctx: Context2D,
	view: ChartData,
	axes: ChartAxes,
	width: number,
	height: number,
	colours: ChartColours,
	extraColours: readonly string[]
): BandDrawn {
	const margin = axes.margin;
	const { width: plotWidth, height: plotHeight } = plotSize(width, height, margin);
	ctx.clearRect(0, 0, width, height);
	if (view.buffered === 0) {
		ctx.fillStyle = colours.text;
		ctx.font = '13px system-ui, sans-serif';
		ctx.textAlign = 'center';
		ctx.fillText(view.emptyText ?? 'No data yet', width / 2, height / 2);
		return { points: 0, meanWidth: NaN };
	}

	const x = linearMap(axes.x);
	const y = linearMap(axes.y);
	const yRight = axes.yRight ? linearMap(axes.yRight) : y;
	const yMain = view.mainRight ? yRight : y;

	ctx.save();
	ctx.translate(margin.left, margin.top);
	ctx.font = TICK_FONT;
	ctx.lineWidth = 1;

	ctx.strokeStyle = colours.grid;
	ctx.fillStyle = colours.text;
	ctx.textAlign = 'right';
	ctx.textBaseline = 'middle';
	for (const tick of axes.y.ticks) {
		const py = Math.round(y(tick.value)) + 0.5;
		ctx.beginPath();
		ctx.moveTo(0, py);
		ctx.lineTo(plotWidth, py);
		ctx.stroke();
		ctx.fillText(tick.label, -8, py);
	}
	if (axes.yRight) {
		drawRightAxis(ctx, axes.yRight, yRight, plotWidth);
		drawAxisTitles(ctx, view, colours, extraColours, plotWidth, margin);
		ctx.fillStyle = colours.text;
	}

	ctx.textAlign = 'center';
	ctx.textBaseline = 'top';
	for (const tick of axes.x.ticks) {
		const px = Math.round(x(tick.value)) + 0.5;
		ctx.beginPath();
		ctx.moveTo(px, plotHeight);
		ctx.lineTo(px, plotHeight + 4);
		ctx.stroke();
		const half = ctx.measureText(tick.label).width / 2;
		ctx.fillText(tick.label, timeLabelCentre(px, half, plotWidth, margin), plotHeight + 7);
	}

	ctx.save();
	ctx.beginPath();
	ctx.rect(0, 0, plotWidth, plotHeight);
	ctx.clip();

	const band = view.band;
	const drawn = band ? drawBand(ctx, band, x, yMain, colours.band, plotWidth) : noBand();

	drawGaps(ctx, view.gaps ?? [], x, plotWidth, plotHeight, colours.gap || colours.text);

	const dots: LoneDots[] = [];
	view.extraLines.forEach((extra, i) => {
		const scale = view.rightLines?.[i] ? yRight : y;
		const colour = extraColours[i] ?? colours.line;
		dots.push(drawSeries(ctx, extra.line, x, scale, colour, 1.5, plotWidth));
	});
	dots.push(drawSeries(ctx, view.line, x, yMain, colours.line, 1.5, plotWidth));
	dots.push(drawSeries(ctx, view.movingAverage, x, yMain, colours.average, 2, plotWidth));
	ctx.restore();

	// Dots are clipped to the plot widened by the largest radius, so that a point on the plot's
	// edge is drawn whole. Lines stay cut at the plot's edge, because a moving average can leave
	// the value axis's domain (records before the window pull it) and would run along the margin.
	ctx.beginPath();
	ctx.rect(
		-MARKER_RADIUS,
		-MARKER_RADIUS,
		plotWidth + 2 * MARKER_RADIUS,
		plotHeight + 2 * MARKER_RADIUS
	);
	ctx.clip();
	for (const series of dots) fillDots(ctx, series);
	view.extraLines.forEach((extra, i) => {
		drawMarkers(ctx, extra.anomalies, x, view.rightLines?.[i] ? yRight : y, colours.anomaly);
	});
	drawMarkers(ctx, view.anomalies, x, yMain, colours.anomaly);
	ctx.restore();
	return drawn;
}

function noBand(): BandDrawn {
	return { points: 0, meanWidth: NaN };
}

/**
 * Draws the right value axis: a short mark outside the plot and a label for each tick. Its ticks
 * get no grid lines, because a second grid would cross the left axis's.
 */
function drawRightAxis(
	ctx: Context2D,
	axis: ChartAxis,
	y: (v: number) => number,
	plotWidth: number
): void {
	ctx.textAlign = 'left';
	ctx.textBaseline = 'middle';
	for (const tick of axis.ticks) {
		const py = Math.round(y(tick.value)) + 0.5;
		ctx.beginPath();
		ctx.moveTo(plotWidth, py);
		ctx.lineTo(plotWidth + 4, py);
		ctx.stroke();
		ctx.fillText(tick.label, plotWidth + 6, py);
	}
}

/** A series named in an axis title, with the colour of its line. */
interface TitleEntry {
	name: string;
	colour: string;
}

/** Width of the colour key before each name in an axis title, and the gaps around it, CSS px. */
const TITLE_KEY = { width: 12, gap: 4, between: 10 };

/**
 * Names the series of each value axis above the plot: the left side's from the canvas's left
 * edge, the right side's ending at its right edge, each name after a key of its line's colour.
 * The names are in the text colour, so they stay readable in either theme. Each title gets half
 * the canvas, and a name that does not fit is cut short with an ellipsis.
 */
function drawAxisTitles(
	ctx: Context2D,
	view: ChartData,
	colours: ChartColours,
	extraColours: readonly string[],
	plotWidth: number,
	margin: PlotMargin
): void {
	const left: TitleEntry[] = [];
	const right: TitleEntry[] = [];
	(view.mainRight ? right : left).push({ name: view.mainName ?? 'value', colour: colours.line });
	view.extraLines.forEach((extra, i) => {
		const entry = { name: extra.name, colour: extraColours[i] ?? colours.line };
		(view.rightLines?.[i] ? right : left).push(entry);
	});
	const canvasWidth = plotWidth + margin.left + margin.right;
	const room = canvasWidth / 2 - 8;
	const baseline = -margin.top / 2 - 2;
	ctx.textBaseline = 'middle';
	ctx.textAlign = 'left';
	drawTitle(ctx, left, 4 - margin.left, baseline, room, colours.text);
	const rightWidth = Math.min(room, titleWidth(ctx, right));
	drawTitle(ctx, right, plotWidth + margin.right - 4 - rightWidth, baseline, room, colours.text);
}

/** Width of a title drawn in full, CSS px. */
function titleWidth(ctx: Context2D, entries: TitleEntry[]): number {
	let width = 0;
	for (const entry of entries) {
		width += TITLE_KEY.width + TITLE_KEY.gap + ctx.measureText(entry.name).width;
	}
	return width + TITLE_KEY.between * Math.max(0, entries.length - 1);
}

/** Draws a title's entries from `x` onwards, stopping at `room` px with an ellipsis. */
function drawTitle(
	ctx: Context2D,
	entries: TitleEntry[],
	x: number,
	y: number,
	room: number,
	textColour: string
): void {
	const end = x + room;
	let at = x;
	for (const entry of entries) {
		if (at + TITLE_KEY.width + TITLE_KEY.gap >= end) break;
		ctx.fillStyle = entry.colour;
		ctx.fillRect(at, y - 1.5, TITLE_KEY.width, 3);
		at += TITLE_KEY.width + TITLE_KEY.gap;
		const name = fitText(ctx, entry.name, end - at);
		ctx.fillStyle = textColour;
		ctx.fillText(name, at, y);
		at += ctx.measureText(name).width + TITLE_KEY.between;
		if (name !== entry.name) break;
	}
}

/** Returns `text`, or its longest start with an ellipsis that fits in `room` px. */
function fitText(ctx: Context2D, text: string, room: number): string {
	if (ctx.measureText(text).width <= room) return text;
	const characters = [...text];
	for (let n = characters.length - 1; n > 0; n--) {
		const cut = `${characters.slice(0, n).join('')}…`;
		if (ctx.measureText(cut).width <= room) return cut;
	}
	return '…';
}

/**
 * Fills a circle for each anomaly marker. Markers that round to the same pixel are drawn once.
 * Each circle is its own small path: in headless Chromium 156 with --disable-gpu, 2,000 circles
 * spread over the plot took about 5 ms to rasterise one path each and 9 ms as one path.
 */
function drawMarkers(
	ctx: Context2D,
	marks: DecimatedSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string
): void {
	const drawn = new Set<number>();
	ctx.fillStyle = colour;
	for (let i = 0; i < marks.time.length; i++) {
		const px = x(marks.time[i]);
		const py = y(marks.value[i]);
		if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
		// Rounded plot pixels, well inside ±2^20, packed into one integer key.
		const key = Math.round(px) * 2 ** 21 + Math.round(py);
		if (drawn.has(key)) continue;
		drawn.add(key);
		ctx.beginPath();
		ctx.arc(px, py, MARKER_RADIUS, 0, 2 * Math.PI);
		ctx.fill();
	}
}

/** Tests whether a series has more points than its plot can stroke cheaply; see DENSE_POINTS_PER_COLUMN. */
function isDense(points: number, plotWidth: number): boolean {
	return points > plotWidth * DENSE_POINTS_PER_COLUMN;
}

/**
 * Draws a series as a stroked line, or column by column when it is dense, and returns the dots
 * that its lone points need. A dense series returns none, because its columns mark every point.
 */
function drawSeries(
	ctx: Context2D,
	series: DecimatedSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string,
	lineWidth: number,
	plotWidth: number
): LoneDots {
	if (!isDense(series.time.length, plotWidth)) {
		return strokeSeries(ctx, series, x, y, colour, lineWidth);
	}
	const device = deviceSpans(ctx);
	addPolyline(device.spans, ...device.project(series.time, series.value, x, y));
	// Widened by half the line width on every side, so that the columns look like the stroke.
	const padX = Math.max(0, (lineWidth * device.scaleX - 1) / 2);
	fillSpans(ctx, device.spans, device.spans, padX, (lineWidth / 2) * device.scaleY, colour);
	return { colour, radius: 0, centres: [] };
}

/**
 * Spans for every device pixel column of the canvas, with a function that maps a series to
 * device pixels through the context's current transform (a scale and a translation).
 */
function deviceSpans(ctx: Context2D) {
	const { a, d, e, f } = ctx.getTransform();
	return {
		spans: emptySpans(ctx.canvas.width),
		scaleX: Math.abs(a),
		scaleY: Math.abs(d),
		project(
			times: Float64Array,
			values: Float64Array,
			x: (t: number) => number,
			y: (v: number) => number
		): [Float64Array, Float64Array] {
			const xs = new Float64Array(times.length);
			const ys = new Float64Array(times.length);
			for (let i = 0; i < times.length; i++) {
				xs[i] = a * x(times[i]) + e;
				ys[i] = Number.isNaN(values[i]) ? NaN : d * y(values[i]) + f;
			}
			return [xs, ys];
		}
	};
}

/**
 * Fills one rectangle per device pixel column, from `upper.top[c]` to `lower.bottom[c]`, widened
 * by `padX` device pixels left and right and `padY` above and below. Filled rectangles are the
 * cheapest shape for a software rasteriser. Without padX adjacent columns never overlap, so a
 * translucent colour stays even.
 */
function fillSpans(
	ctx: Context2D,
	upper: ColumnSpans,
	lower: ColumnSpans,
	padX: number,
	padY: number,
	colour: string
): void {
	ctx.save();
	// The clip set earlier stays in force: it is kept in device pixels.
	ctx.setTransform(1, 0, 0, 1, 0, 0);
	ctx.fillStyle = colour;
	for (let c = 0; c < upper.top.length; c++) {
		const top = upper.top[c];
		const bottom = lower.bottom[c];
		if (!(top <= bottom)) continue;
		ctx.fillRect(c - padX, top - padY, 1 + 2 * padX, bottom - top + 2 * padY);
	}
	ctx.restore();
}

/**
 * Fills the band between its upper and lower bounds: column by column when it is dense, else as
 * one polygon per unbroken run. A NaN bound ends a run.
 */
function drawBand(
	ctx: Context2D,
	band: BandSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string,
	plotWidth: number
): BandDrawn {
	let points = 0;
	let widthSum = 0;
	for (let i = 0; i < band.time.length; i++) {
		if (Number.isNaN(band.lower[i]) || Number.isNaN(band.upper[i])) continue;
		points++;
		widthSum += band.upper[i] - band.lower[i];
	}
	const drawn = { points, meanWidth: points > 0 ? widthSum / points : NaN };
	if (!isDense(band.time.length, plotWidth)) {
		fillBandPolygons(ctx, band, x, y, colour);
		return drawn;
	}
	// Upper bounds map to the smaller device y, so the band runs from the upper line's top to
	// the lower line's bottom in each column.
	const upper = deviceSpans(ctx);
	const lower = deviceSpans(ctx);
	addPolyline(upper.spans, ...upper.project(band.time, band.upper, x, y));
	addPolyline(lower.spans, ...lower.project(band.time, band.lower, x, y));
	fillSpans(ctx, upper.spans, lower.spans, 0, 0, colour);
	return drawn;
}

/** Fills the band as one polygon per run: along the upper bounds, then back along the lower. */
function fillBandPolygons(
	ctx: Context2D,
	band: BandSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string
): void {
	ctx.fillStyle = colour;
	ctx.beginPath();
	let runStart = 0;
	const closeRun = (end: number) => {
		if (end - runStart < 1) return;
		ctx.moveTo(x(band.time[runStart]), y(band.upper[runStart]));
		for (let i = runStart + 1; i < end; i++) ctx.lineTo(x(band.time[i]), y(band.upper[i]));
		for (let i = end - 1; i >= runStart; i--) ctx.lineTo(x(band.time[i]), y(band.lower[i]));
		ctx.closePath();
	};
	for (let i = 0; i < band.time.length; i++) {
		if (Number.isNaN(band.lower[i]) || Number.isNaN(band.upper[i])) {
			closeRun(i);
			runStart = i + 1;
		}
	}
	closeRun(band.time.length);
	ctx.fill();
}

/**
 * Strokes a series as one path, which a NaN value breaks. A point alone between two breaks
 * would draw nothing, so the function returns a dot of the line's colour for each, to be filled
 * after all lines.
 */
function strokeSeries(
	ctx: Context2D,
	series: DecimatedSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string,
	lineWidth: number
): LoneDots {
	ctx.strokeStyle = colour;
	ctx.lineWidth = lineWidth;
	// Bevel joins: a min/max decimated line turns sharply at every pixel column, and round joins
	// there make software rasterising several times slower with no visible difference.
	ctx.lineJoin = 'bevel';
	ctx.beginPath();
	const alone: number[] = [];
	let run = 0;
	let runX = 0;
	let runY = 0;
	for (let i = 0; i < series.time.length; i++) {
		const v = series.value[i];
		if (Number.isNaN(v)) {
			if (run === 1) alone.push(runX, runY);
			run = 0;
			continue;
		}
		const px = x(series.time[i]);
		const py = y(v);
		if (run > 0) ctx.lineTo(px, py);
		else ctx.moveTo(px, py);
		run++;
		runX = px;
		runY = py;
	}
	if (run === 1) alone.push(runX, runY);
	ctx.stroke();
	return { colour, radius: Math.max(2.5, 1.5 * lineWidth), centres: alone };
}

/** Fills the dots of a series' lone points. */
function fillDots(ctx: Context2D, dots: LoneDots): void {
	if (dots.centres.length === 0) return;
	ctx.fillStyle = dots.colour;
	ctx.beginPath();
	const { centres, radius } = dots;
	for (let k = 0; k < centres.length; k += 2) {
		ctx.moveTo(centres[k] + radius, centres[k + 1]);
		ctx.arc(centres[k], centres[k + 1], radius, 0, 2 * Math.PI);
	}
	ctx.fill();
}
