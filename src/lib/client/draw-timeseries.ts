import { scaleLinear, scaleTime } from 'd3-scale';
import type { BandSeries, DecimatedSeries, ViewResult } from '../protocol';
import { drawGaps } from './draw-gaps';
import { extraSeriesColour } from './series-colours';
import { formatTimeTick } from './time-ticks';

/** Colours the chart reads from CSS custom properties, so themes restyle it. */
export interface ChartColours {
	text: string;
	grid: string;
	line: string;
	average: string;
	anomaly: string;
	/** Fill of the rolling band, translucent so that the grid shows through. */
	band: string;
}

/** Summary of the rolling band one frame drew, for tests and the page. */
export interface BandDrawn {
	/** Band points inside the window with finite bounds; 0 when no band was drawn. */
	points: number;
	/** Mean of upper − lower over those points, in value units. */
	meanWidth: number;
}

export const chartMargin = { top: 12, right: 16, bottom: 26, left: 56 };

/**
 * Draws one frame of the live chart: grid and tick labels from D3 scales, the series, its moving
 * average, the rolling band behind them and the anomaly markers. The points are already
 * decimated to the pixel width.
 */
export function drawTimeseries(
	ctx: CanvasRenderingContext2D,
	view: ViewResult,
	width: number,
	height: number,
	colours: ChartColours
): BandDrawn {
	const plotWidth = Math.max(1, width - chartMargin.left - chartMargin.right);
	const plotHeight = Math.max(1, height - chartMargin.top - chartMargin.bottom);
	ctx.clearRect(0, 0, width, height);
	if (view.buffered === 0) {
		ctx.fillStyle = colours.text;
		ctx.font = '13px system-ui, sans-serif';
		ctx.textAlign = 'center';
		ctx.fillText('No data yet', width / 2, height / 2);
		return { points: 0, meanWidth: NaN };
	}

	const band = view.band;
	const extentOf = [view.line, ...view.extraLines.map((extra) => extra.line)];
	// The band widens the value axis, so that a wide k is not cut off at the plot's edges.
	if (band)
		extentOf.push({ time: band.time, value: band.lower }, { time: band.time, value: band.upper });
	const [low, high] = valueExtent(extentOf);
	const x = scaleTime().domain([view.from, view.to]).range([0, plotWidth]);
	// Keep a few pixels free at top and bottom so anomaly markers at the extremes stay whole.
	const y = scaleLinear()
		.domain([low, high])
		.range([plotHeight - 6, 6])
		.nice();

	ctx.save();
	ctx.translate(chartMargin.left, chartMargin.top);
	ctx.font = '11px system-ui, sans-serif';
	ctx.lineWidth = 1;

	ctx.strokeStyle = colours.grid;
	ctx.fillStyle = colours.text;
	ctx.textAlign = 'right';
	ctx.textBaseline = 'middle';
	const yFormat = y.tickFormat(6);
	for (const tick of y.ticks(6)) {
		const py = Math.round(y(tick)) + 0.5;
		ctx.beginPath();
		ctx.moveTo(0, py);
		ctx.lineTo(plotWidth, py);
		ctx.stroke();
		ctx.fillText(yFormat(tick), -8, py);
	}

	ctx.textAlign = 'center';
	ctx.textBaseline = 'top';
	for (const tick of x.ticks(Math.max(2, Math.floor(plotWidth / 110)))) {
		const px = Math.round(x(tick)) + 0.5;
		ctx.beginPath();
		ctx.moveTo(px, plotHeight);
		ctx.lineTo(px, plotHeight + 4);
		ctx.stroke();
		ctx.fillText(formatTimeTick(tick), px, plotHeight + 7);
	}

	ctx.beginPath();
	ctx.rect(0, 0, plotWidth, plotHeight);
	ctx.clip();

	const drawn = band ? fillBand(ctx, band, x, y, colours.band) : { points: 0, meanWidth: NaN };

	drawGaps(ctx, view.gaps ?? [], x, plotWidth, plotHeight, colours.text);

	for (const extra of view.extraLines) {
		strokeSeries(ctx, extra.line, x, y, extraSeriesColour(extra.series), 1.5);
	}
	strokeSeries(ctx, view.line, x, y, colours.line, 1.5);
	strokeSeries(ctx, view.movingAverage, x, y, colours.average, 2);

	// One path and one fill for every marker: a fill per marker costs far more to rasterise.
	ctx.fillStyle = colours.anomaly;
	const marks = view.anomalies;
	ctx.beginPath();
	for (let i = 0; i < marks.time.length; i++) {
		const px = x(marks.time[i]);
		const py = y(marks.value[i]);
		ctx.moveTo(px + 4, py);
		ctx.arc(px, py, 4, 0, 2 * Math.PI);
	}
	ctx.fill();
	ctx.restore();
	return drawn;
}

/**
 * Fills the band as one polygon per unbroken run: along the upper bounds, then back along the
 * lower ones. A NaN bound ends a run.
 */
function fillBand(
	ctx: CanvasRenderingContext2D,
	band: BandSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string
): BandDrawn {
	ctx.fillStyle = colour;
	ctx.beginPath();
	let points = 0;
	let widthSum = 0;
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
			continue;
		}
		points++;
		widthSum += band.upper[i] - band.lower[i];
	}
	closeRun(band.time.length);
	ctx.fill();
	return { points, meanWidth: points > 0 ? widthSum / points : NaN };
}

/** Min and max of the finite values, widened when flat so the line sits mid-chart. */
function valueExtent(list: DecimatedSeries[]): [number, number] {
	let low = Infinity;
	let high = -Infinity;
	for (const series of list) {
		for (const v of series.value) {
			if (v < low) low = v;
			if (v > high) high = v;
		}
	}
	if (low > high) return [0, 1];
	if (low === high) return [low - 1, high + 1];
	return [low, high];
}

/** Strokes a series as one path; a NaN value breaks the line. */
function strokeSeries(
	ctx: CanvasRenderingContext2D,
	series: DecimatedSeries,
	x: (t: number) => number,
	y: (v: number) => number,
	colour: string,
	lineWidth: number
): void {
	ctx.strokeStyle = colour;
	ctx.lineWidth = lineWidth;
	// Bevel joins: a min/max decimated line turns sharply at every pixel column, and round joins
	// there make software rasterising several times slower with no visible difference.
	ctx.lineJoin = 'bevel';
	ctx.beginPath();
	let open = false;
	for (let i = 0; i < series.time.length; i++) {
		const v = series.value[i];
		if (Number.isNaN(v)) {
			open = false;
			continue;
		}
		const px = x(series.time[i]);
		const py = y(v);
		if (open) ctx.lineTo(px, py);
		else ctx.moveTo(px, py);
		open = true;
	}
	ctx.stroke();
}
