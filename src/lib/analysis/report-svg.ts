import { extent } from 'd3-array';
import { scaleLinear, scaleOrdinal, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3-scale';
import { area, line } from 'd3-shape';
import { fitAxisLabels, type LabelSpan } from '../chart/axis-label-fit';
import { axisDomain } from '../chart/flat-domain';
import { linearTicks } from '../chart/linear-ticks';
import { schemeTableau10 } from './tableau10';

/** One drawn series of a line chart. */
export interface ChartLine {
	label: string;
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	color: string;
	/** Points to mark with dots instead of a line. */
	dots?: boolean;
}

/** A shaded band between two series, such as a prediction interval. */
export interface ChartBand {
	x: ArrayLike<number>;
	low: ArrayLike<number>;
	high: ArrayLike<number>;
	color: string;
}

/** Size of a chart's viewBox, in the units of its 11 px text. */
export interface ChartSize {
	width: number;
	height: number;
}

/** A chart a page or report shows at full width. */
export const FULL_CHART: ChartSize = { width: 900, height: 260 };

/**
 * A chart shown in half a page's width. Its viewBox is about that width, so that its text is
 * drawn near 11 px instead of scaled down to half.
 */
export const HALF_CHART: ChartSize = { width: 460, height: 220 };

const MARGIN = { top: 24, right: 16, bottom: 28, left: 56 };

/** Ticks asked of d3 for a time chart's y axis, and for the domain's nice ends. */
const Y_TICKS = 5;

/** Space kept around the plot area for the edges of dots and strokes, in viewBox units. */
const PLOT_BLEED = 4;

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** At most `limit` evenly spaced indices of `n`, so a chart stays small for big series. */
function thin(n: number, limit = 2000): number[] {
	const stride = Math.max(1, Math.ceil(n / limit));
	const out: number[] = [];
	for (let i = 0; i < n; i += stride) out.push(i);
	if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
	return out;
}

function finiteExtent(arrays: ArrayLike<number>[]): [number, number] {
	const all: number[] = [];
	for (const a of arrays)
		for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) all.push(a[i]);
	const [low, high] = extent(all);
	if (low === undefined || high === undefined) return [0, 1];
	return low === high ? [low - 1, high + 1] : [low, high];
}

/**
 * Labels UTC time ticks as precisely as their spacing needs: to the minute, second or
 * millisecond. The first label and each one on a new day carry the date, the others only the time.
 * Ticks that all fall on midnight show the date alone.
 */
export function timeTickLabels(ticks: Date[]): { time: Date; label: string }[] {
	const end = ticks.some((t) => t.getUTCMilliseconds() !== 0)
		? 23
		: ticks.some((t) => t.getUTCSeconds() !== 0)
			? 19
			: 16;
	// Ticks on whole days need only their dates.
	if (ticks.every((t) => t.getTime() % 86_400_000 === 0)) {
		return ticks.map((time) => ({ time, label: time.toISOString().slice(0, 10) }));
	}
	let day = '';
	return ticks.map((time) => {
		const iso = time.toISOString();
		const clock = iso.slice(11, end);
		if (iso.slice(0, 10) === day) return { time, label: clock };
		day = iso.slice(0, 10);
		return { time, label: `${day} ${clock}` };
	});
}

/** Average glyph width of the 11 px sans-serif axis text, an estimate used to keep labels inside. */
const CHARACTER_WIDTH = 6.5;

/** A time label placed on the axis, with the span its text covers. */
interface PlacedLabel extends LabelSpan {
	x: number;
	label: string;
	anchor: 'start' | 'middle' | 'end';
}

/** Anchors a label at the chart's edges on its inner side, so that it is not cut off. */
function placeLabel(x: number, label: string, width: number): PlacedLabel {
	const textWidth = label.length * CHARACTER_WIDTH;
	if (x + textWidth / 2 > width) {
		return { x, label, anchor: 'end', left: x - textWidth, right: x };
	}
	if (x - textWidth / 2 < 0) {
		return { x, label, anchor: 'start', left: x, right: x + textWidth };
	}
	return { x, label, anchor: 'middle', left: x - textWidth / 2, right: x + textWidth / 2 };
}

/**
 * Labels the time axis of `scale` with at least two evenly spaced ticks whose labels fit side by
 * side: d3's ticks for `count` or fewer, or else every second, third… of the ticks for `count`.
 * Leaving out single labels would leave uneven gaps. With no two labels that fit, the first alone.
 */
export function timeAxisLabels(
	scale: ScaleTime<number, number>,
	count: number,
	width: number
): PlacedLabel[] {
	return fitAxisLabels(
		(n) => scale.ticks(n),
		(ticks) =>
			timeTickLabels(ticks).map(({ time, label }) => placeLabel(scale(time), label, width)),
		count
	);
}

/**
 * Labels an axis of record numbers like `timeAxisLabels`, with whole numbers only. The first
 * label reads "record 200", so that the axis is not taken for a value.
 */
export function recordAxisLabels(
	scale: ScaleLinear<number, number>,
	count: number,
	width: number
): PlacedLabel[] {
	return fitAxisLabels(
		(n) => scale.ticks(n).filter(Number.isInteger),
		(ticks) =>
			ticks.map((record, i) => {
				const number = record.toLocaleString('en-US');
				return placeLabel(scale(record), i === 0 ? `record ${number}` : number, width);
			}),
		count
	);
}

/** Height of one row of a chart's legend, in viewBox units. */
const LEGEND_ROW = 14;

/**
 * Lays out the legend entries of `lines` from the plot's left edge, starting a new row where an
 * entry would pass the chart's right edge. Returns the markup and the number of rows.
 */
function chartLegend(lines: ChartLine[], width: number): { markup: string; rows: number } {
	const left = MARGIN.left + 8;
	let x = left;
	let row = 0;
	const entries = lines.map((l) => {
		const textWidth = (l.label.length + 2) * CHARACTER_WIDTH;
		if (x > left && x + textWidth > width - MARGIN.right) {
			x = left;
			row++;
		}
		const entry = `<text x="${x}" y="${14 + row * LEGEND_ROW}" fill="${l.color}">● ${escapeHtml(l.label)}</text>`;
		x += textWidth + 24;
		return entry;
	});
	return { markup: entries.join(''), rows: row + 1 };
}

/** Kind of a chart's x values: epoch milliseconds shown as UTC, or record numbers. */
export type XAxisKind = 'time' | 'record';

/**
 * Draws a time chart as a standalone SVG string with d3-scale and d3-shape, which need no DOM,
 * so the same markup serves the page and the downloaded report. Long series are thinned to
 * about 2,000 points per line; dots are drawn in full.
 */
export function timeChartSvg(
	title: string,
	lines: ChartLine[],
	bands: ChartBand[] = [],
	size: ChartSize = FULL_CHART,
	xAxis: XAxisKind = 'time'
): string {
	const { width, height } = size;
	const legend = chartLegend(lines, width);
	// Each legend row past the first moves the plot's top down.
	const top = MARGIN.top + (legend.rows - 1) * LEGEND_ROW;
	const xs = finiteExtent([...lines.map((l) => l.x), ...bands.map((b) => b.x)]);
	const ys = axisDomain(
		...finiteExtent([...lines.map((l) => l.y), ...bands.flatMap((b) => [b.low, b.high])])
	);
	const xRange = [MARGIN.left, width - MARGIN.right];
	// About one tick per 150 units leaves room for a label with its date.
	const tickCount = Math.max(2, Math.round(width / 150));
	let x: (value: number) => number;
	let xLabels: PlacedLabel[];
	if (xAxis === 'record') {
		const scale = scaleLinear().domain(xs).range(xRange);
		x = (value) => scale(value);
		xLabels = recordAxisLabels(scale, tickCount, width);
	} else {
		const scale = scaleUtc().domain(xs).range(xRange);
		x = (value) => scale(value);
		xLabels = timeAxisLabels(scale, tickCount, width);
	}
	// The domain is made nice with the axis's own tick count, so that its ends are the outer
	// gridlines and nothing is drawn past them, such as the low end of a forecast band.
	const y = scaleLinear()
		.domain(ys)
		.nice(Y_TICKS)
		.range([height - MARGIN.bottom, top]);
	const parts: string[] = [];

	for (const band of bands) {
		const shape = area<number>()
			.defined((i) => Number.isFinite(band.low[i]) && Number.isFinite(band.high[i]))
			.x((i) => x(band.x[i]))
			.y0((i) => y(band.low[i]))
			.y1((i) => y(band.high[i]));
		const d = shape(Array.from({ length: band.x.length }, (_, i) => i)) ?? '';
		parts.push(`<path d="${d}" fill="${band.color}" fill-opacity="0.25" stroke="none"/>`);
	}
	for (const series of lines) {
		if (series.dots) {
			for (let i = 0; i < series.x.length; i++) {
				if (!Number.isFinite(series.y[i])) continue;
				const cx = x(series.x[i]).toFixed(1);
				const cy = y(series.y[i]).toFixed(1);
				parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${series.color}"/>`);
			}
			continue;
		}
		const defined = (i: number) => Number.isFinite(series.y[i]) && Number.isFinite(series.x[i]);
		const shape = line<number>()
			.defined(defined)
			.x((i) => x(series.x[i]))
			.y((i) => y(series.y[i]));
		const indices = thin(series.x.length);
		const d = shape(indices) ?? '';
		parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="1.2"/>`);
		// A point between two gaps makes a path of one point, which draws nothing: give it a dot.
		indices.forEach((i, k) => {
			if (!defined(i)) return;
			if (k > 0 && defined(indices[k - 1])) return;
			if (k + 1 < indices.length && defined(indices[k + 1])) return;
			const cx = x(series.x[i]).toFixed(1);
			const cy = y(series.y[i]).toFixed(1);
			parts.push(`<circle cx="${cx}" cy="${cy}" r="2.2" fill="${series.color}"/>`);
		});
	}

	const axes = [
		...linearTicks(y, Y_TICKS).map((v) => {
			const ty = y(v).toFixed(1);
			return (
				`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="#ccc" stroke-width="0.5"/>` +
				`<text x="${MARGIN.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${y.tickFormat(Y_TICKS)(v)}</text>`
			);
		}),
		...xLabels.map(
			({ x: tx, label, anchor }) =>
				`<text x="${tx.toFixed(1)}" y="${height - 8}" text-anchor="${anchor}">${label}</text>`
		)
	];
	// A nested svg clips its content to its viewport, so no mark reaches the axis labels. Unlike a
	// clipPath it needs no id, which would have to be unique among the charts on a page.
	const plotX = MARGIN.left - PLOT_BLEED;
	const plotY = top - PLOT_BLEED;
	const plotWidth = width - MARGIN.left - MARGIN.right + 2 * PLOT_BLEED;
	const plotHeight = height - top - MARGIN.bottom + 2 * PLOT_BLEED;
	const plot =
		`<svg x="${plotX}" y="${plotY}" width="${plotWidth}" height="${plotHeight}" ` +
		`viewBox="${plotX} ${plotY} ${plotWidth} ${plotHeight}">${parts.join('')}</svg>`;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
		`width="${width}" height="${height}" role="img" ` +
		`aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11">` +
		`<title>${escapeHtml(title)}</title>${axes.join('')}${plot}${legend.markup}</svg>`
	);
}

/** One axis of a scatter plot: its label, and whether it shows epoch milliseconds as UTC. */
export interface ScatterAxis {
	label: string;
	time?: boolean;
}

/**
 * Draws a scatter plot, one colour per cluster and noise in grey. The axes are usually two
 * standardised features, but the x axis may be time, as when one feature alone was clustered.
 */
export function clusterScatterSvg(
	title: string,
	xs: ArrayLike<number>,
	ys: ArrayLike<number>,
	labels: ArrayLike<number>,
	axes: [ScatterAxis, ScatterAxis]
): string {
	const size = 360;
	const plot = { left: 52, right: size - 8, top: 8, bottom: size - 44 };
	// Points are kept one dot and a gap inside the frame, so that none sits on its border.
	const inset = 6;
	const xRange = [plot.left + inset, plot.right - inset];
	const xTick = (tx: number, label: string, anchor = 'middle') =>
		`<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${plot.bottom}" y2="${plot.bottom + 4}" stroke="#999"/>` +
		`<text x="${tx.toFixed(1)}" y="${plot.bottom + 15}" text-anchor="${anchor}">${label}</text>`;
	let x: (v: number) => number;
	let xTicks: string[];
	if (axes[0].time) {
		const scale = scaleUtc()
			.domain(finiteExtent([xs]))
			.range(xRange);
		x = (v) => scale(v);
		xTicks = timeAxisLabels(scale, 3, size).map((t) => xTick(t.x, t.label, t.anchor));
	} else {
		const scale = scaleLinear()
			.domain(finiteExtent([xs]))
			.nice()
			.range(xRange);
		const format = scale.tickFormat(5);
		x = (v) => scale(v);
		xTicks = linearTicks(scale, 5).map((v) => xTick(scale(v), format(v)));
	}
	const y = scaleLinear()
		.domain(finiteExtent([ys]))
		.nice()
		.range([plot.bottom - inset, plot.top + inset]);
	const colour = scaleOrdinal<number, string>(schemeTableau10);
	const dots: string[] = [];
	for (const i of thin(xs.length, 5000)) {
		if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
		const fill = labels[i] < 0 ? '#999' : colour(labels[i]);
		dots.push(
			`<circle cx="${x(xs[i]).toFixed(1)}" cy="${y(ys[i]).toFixed(1)}" r="2.2" fill="${fill}"/>`
		);
	}
	const yFormat = y.tickFormat(5);
	const ticks = [
		...xTicks,
		...linearTicks(y, 5).map((v) => {
			const ty = y(v).toFixed(1);
			return (
				`<line x1="${plot.left - 4}" x2="${plot.left}" y1="${ty}" y2="${ty}" stroke="#999"/>` +
				`<text x="${plot.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${yFormat(v)}</text>`
			);
		})
	];
	const middleX = (plot.left + plot.right) / 2;
	const middleY = (plot.top + plot.bottom) / 2;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" ` +
		`width="${size}" height="${size}" role="img" ` +
		`aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11">` +
		`<title>${escapeHtml(title)}</title>` +
		`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" ` +
		`height="${plot.bottom - plot.top}" fill="none" stroke="#ccc"/>` +
		ticks.join('') +
		dots.join('') +
		`<text x="${middleX}" y="${size - 6}" text-anchor="middle">${escapeHtml(axes[0].label)}</text>` +
		`<text x="12" y="${middleY}" transform="rotate(-90 12 ${middleY})" text-anchor="middle">${escapeHtml(axes[1].label)}</text>` +
		`</svg>`
	);
}
