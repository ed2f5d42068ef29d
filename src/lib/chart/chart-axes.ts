import { scaleLinear, scaleTime, type ScaleLinear, type ScaleTime } from 'd3-scale';
import type { AxisTick, ChartAxes, ChartAxis, ChartData, DecimatedSeries } from '../protocol';
import {
	estimateTickWidth,
	plotMargin,
	plotSize,
	timeLabelCentre,
	valueAxisMargin,
	type MeasureText,
	type PlotMargin
} from './plot-area';
import { fitAxisLabels } from './axis-label-fit';
import { axisDomain } from './flat-domain';
import { linearTicks } from './linear-ticks';
import { formatTimeTick } from './time-ticks';

/** Pixels kept free at the top and bottom of the plot, so that markers at the extremes stay whole. */
const VALUE_INSET = 6;

/** Tick count requested of D3 for a value axis, which may return a few more or fewer. */
const VALUE_TICKS = 6;

/**
 * Works out the live chart's axes for one frame with D3's scales: the time axis over the view's
 * window, and the value axes made nice. The left value axis spans the series on the left, and a
 * right axis, drawn while any series is on the right, spans those (see
 * {@link splitValueSeries}). The side margins grow to fit the widest value label. Runs on the
 * page, which ships D3 already, so that the chart worker needs none.
 *
 * @param width - Canvas width in CSS pixels.
 * @param height - Canvas height in CSS pixels.
 * @param measure - Width of a tick label in CSS px; estimated from its length when not given.
 */
export function chartAxes(
	data: ChartData,
	width: number,
	height: number,
	measure: MeasureText = estimateTickWidth
): ChartAxes {
	const sides = splitValueSeries(data);
	const dual = sides.right.length > 0;
	const base = plotMargin(dual);
	// The value ticks depend on the plot's height alone, so they come first, and the side
	// margins, which set the plot's width, then fit their labels.
	const plotHeight = plotSize(width, height, base).height;
	const whole = wholeValues([data.line, ...data.extraLines.map((extra) => extra.line)]);
	const y = valueAxis(sides.left.length > 0 ? sides.left : sides.right, plotHeight, whole);
	const yRight = dual ? valueAxis(sides.right, plotHeight, whole) : undefined;
	const labels = (axis: ChartAxis) => axis.ticks.map((tick) => tick.label);
	const margin: PlotMargin = {
		...base,
		left: valueAxisMargin(labels(y), base.left, width, measure),
		right: yRight ? valueAxisMargin(labels(yRight), base.right, width, measure) : base.right
	};

	const plot = plotSize(width, height, margin);
	const x = scaleTime().domain([data.from, data.to]).range([0, plot.width]);
	const [xFrom, xTo] = x.domain();
	const axes: ChartAxes = {
		x: {
			domain: [xFrom.getTime(), xTo.getTime()],
			range: [0, plot.width],
			ticks: timeTicks(x, plot.width, margin, measure)
		},
		y,
		margin
	};
	if (yRight) axes.yRight = yRight;
	return axes;
}

/**
 * Returns the time ticks of `x` whose labels fit side by side on a plot `plotWidth` CSS px wide
 * (see {@link fitAxisLabels}), starting from one tick per 110 px. A label is centred on its tick
 * or, near either end, moved inward to stay whole inside the canvas, as the chart draws it.
 */
function timeTicks(
	x: ScaleTime<number, number>,
	plotWidth: number,
	margin: PlotMargin,
	measure: MeasureText
): AxisTick[] {
	const placed = fitAxisLabels(
		(count) => x.ticks(count),
		(ticks) =>
			ticks.map((tick) => {
				const label = formatTimeTick(tick);
				const half = measure(label) / 2;
				const centre = timeLabelCentre(x(tick), half, plotWidth, margin);
				return { value: tick.getTime(), label, left: centre - half, right: centre + half };
			}),
		Math.max(2, Math.floor(plotWidth / 110))
	);
	return placed.map(({ value, label }) => ({ value, label }));
}

/**
 * Returns the d3 format type for value ticks up to `largest` in size. Values from 0.001 up to a
 * million get full digits, and SI prefixes (250µ, 1.52T) go from 1e-21 up to 1e21. Exponents
 * take over beyond, where d3 writes SI values with runs of zeros again. Full digits outside that
 * band do not fit the axis margin, and d3 writes at most 20 decimals, so finer ticks read 0.
 */
function valueFormat(largest: number): string | undefined {
	if (largest >= 1e21 || (largest > 0 && largest < 1e-21)) return 'e';
	if (largest >= 1e6 || (largest > 0 && largest < 1e-3)) return 's';
	return undefined;
}

/**
 * Returns the tick format of `scale` for `count` ticks of values up to `largest` in size (see
 * {@link valueFormat}). With a prefix or an exponent, zero is written 0, not 0M, 0µ or 0e+0.
 */
export function valueTickFormat(
	scale: ScaleLinear<number, number>,
	count: number,
	largest: number
): (value: number) => string {
	const specifier = valueFormat(largest);
	const format = scale.tickFormat(count, specifier);
	if (specifier === undefined) return format;
	return (value) => (value === 0 ? '0' : format(value));
}

/**
 * Returns a value axis over the finite values of `series`, made nice, from the bottom of a plot
 * `plotHeight` CSS pixels high to its top. With `whole`, for lines of whole numbers such as record
 * counts, ticks are whole numbers too: 1, 2 instead of 1.0, 1.2, 1.4 … 2.0.
 */
export function valueAxis(series: DecimatedSeries[], plotHeight: number, whole = false): ChartAxis {
	const range: [number, number] = [plotHeight - VALUE_INSET, VALUE_INSET];
	const y = scaleLinear().domain(valueExtent(series)).range(range).nice();
	const [low, high] = y.domain();
	let values = linearTicks(y, VALUE_TICKS);
	let format = valueTickFormat(y, VALUE_TICKS, Math.max(Math.abs(low), Math.abs(high)));
	if (whole && values.length > 1 && values[1] - values[0] < 1) {
		// A step under 1 with about six ticks means fewer than about six whole numbers in view.
		values = values.filter(Number.isInteger);
		format = y.tickFormat(VALUE_TICKS, ',d');
	}
	return {
		domain: [low, high],
		range,
		ticks: distinctTicks(values.map((tick) => ({ value: tick, label: format(tick) })))
	};
}

/** Tests whether every finite value of the lines in `list` is a whole number, as counts are. */
export function wholeValues(list: DecimatedSeries[]): boolean {
	let finite = 0;
	for (const series of list) {
		const values = series.value;
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (!Number.isFinite(v)) continue;
			if (!Number.isInteger(v)) return false;
			finite++;
		}
	}
	return finite > 0;
}

/**
 * Drops each tick whose label repeats the label of the tick before it. D3 gives the labels enough
 * digits to tell steps of the tick size apart. Labels repeat only where that step is finer than
 * the spacing of doubles at the axis's magnitude (0.125 at 1e15), because neighbouring ticks then
 * fall on the same or nearly the same double.
 */
export function distinctTicks(ticks: AxisTick[]): AxisTick[] {
	return ticks.filter((tick, i) => i === 0 || tick.label !== ticks[i - 1].label);
}

/**
 * Sorts the drawn series by the value axis that scales them. The right side has the extra lines
 * flagged in `data.rightLines`, and the main line when `data.mainRight` is set. The main line's
 * band goes with it, so that a wide k is not cut off. The left side has the others. It is empty
 * when every series is on the right, and {@link chartAxes} then scales both axes alike.
 */
export function splitValueSeries(data: ChartData): {
	left: DecimatedSeries[];
	right: DecimatedSeries[];
} {
	const left: DecimatedSeries[] = [];
	const right: DecimatedSeries[] = [];
	const main = data.mainRight ? right : left;
	main.push(data.line);
	data.extraLines.forEach((extra, i) => {
		if (data.rightLines?.[i]) right.push(extra.line);
		else left.push(extra.line);
	});
	const band = data.band;
	if (band) {
		main.push({ time: band.time, value: band.lower }, { time: band.time, value: band.upper });
	}
	return { left, right };
}

/** Min and max of the finite values, widened when flat so the line sits mid-chart. */
export function valueExtent(list: DecimatedSeries[]): [number, number] {
	let low = Infinity;
	let high = -Infinity;
	// Indexed loops, because the page runs these a few times a second, too seldom for the engine
	// to optimise them. Unoptimised, an iterator over a typed array took about twice as long as an
	// index in Node 20 (16 against 9 ns per value).
	for (const series of list) {
		const values = series.value;
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (v < low) low = v;
			if (v > high) high = v;
		}
	}
	if (low > high) return [0, 1];
	return axisDomain(low, high);
}
