import { scaleLinear, scaleTime } from 'd3-scale';
import type { ChartAxes, ChartData, DecimatedSeries } from '../protocol';
import { plotSize } from './plot-area';
import { formatTimeTick } from './time-ticks';

/** Pixels kept free at the top and bottom of the plot, so that markers at the extremes stay whole. */
const VALUE_INSET = 6;

/**
 * Works out the live chart's axes for one frame with D3's scales: the time axis over the view's
 * window, and the value axis over every drawn line and the band, made nice. Runs on the page,
 * which ships D3 already, so that the chart worker needs none.
 *
 * @param width - Canvas width in CSS pixels.
 * @param height - Canvas height in CSS pixels.
 */
export function chartAxes(data: ChartData, width: number, height: number): ChartAxes {
	const plot = plotSize(width, height);
	const x = scaleTime().domain([data.from, data.to]).range([0, plot.width]);
	const y = scaleLinear()
		.domain(valueExtent(drawnSeries(data)))
		.range([plot.height - VALUE_INSET, VALUE_INSET])
		.nice();

	const yFormat = y.tickFormat(6);
	const [yLow, yHigh] = y.domain();
	const [xFrom, xTo] = x.domain();
	return {
		x: {
			domain: [xFrom.getTime(), xTo.getTime()],
			range: [0, plot.width],
			ticks: x.ticks(Math.max(2, Math.floor(plot.width / 110))).map((tick) => ({
				value: tick.getTime(),
				label: formatTimeTick(tick)
			}))
		},
		y: {
			domain: [yLow, yHigh],
			range: [plot.height - VALUE_INSET, VALUE_INSET],
			ticks: y.ticks(6).map((tick) => ({ value: tick, label: yFormat(tick) }))
		}
	};
}

/** Lists the series that set the value axis. The band widens it, so that a wide k is not cut off. */
function drawnSeries(data: ChartData): DecimatedSeries[] {
	const series = [data.line, ...data.extraLines.map((extra) => extra.line)];
	const band = data.band;
	if (band) {
		series.push({ time: band.time, value: band.lower }, { time: band.time, value: band.upper });
	}
	return series;
}

/** Min and max of the finite values, widened when flat so the line sits mid-chart. */
export function valueExtent(list: DecimatedSeries[]): [number, number] {
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
