import { scaleLinear } from 'd3-scale';
import { distinctTicks, valueTickFormat } from './chart-axes';
import { linearTicks } from './linear-ticks';
import { estimateTickWidth, type MeasureText } from './plot-area';

/** Font of the histogram's tick labels, as a CSS font shorthand in the SVG's user units. */
export const HISTOGRAM_TICK_FONT = '10px system-ui, sans-serif';

/** Largest tick count requested of D3, which may return a few more or fewer. */
const MAX_TICKS = 4;

/** Space kept between neighbouring labels, and between a label and the SVG's edge, user units. */
const LABEL_GAP = 6;

/** A tick of the histogram's value axis, with its label centred at `labelX`. */
export interface HistogramTick {
	value: number;
	/** Place of the tick on the axis, user units. */
	x: number;
	label: string;
	/** Centre of the label, at the tick's place or moved inward where it would cross an edge. */
	labelX: number;
}

/**
 * Returns the largest set of ticks of the histogram's value axis whose labels fit side by side in
 * an SVG `width` units wide, at least {@link LABEL_GAP} apart and from the edges. The labels get
 * the format of the live chart's value axes, so that huge and tiny values have SI prefixes. D3's
 * ticks for {@link MAX_TICKS} down to 1 are tried, each also with every second, third and so on
 * kept. Returns no tick when even one label is wider than the SVG.
 *
 * @param domain - Lowest and highest value on the axis.
 * @param range - Places of those values in the SVG, user units.
 * @param measure - Width of a label in {@link HISTOGRAM_TICK_FONT}, user units, or estimated
 *   from its length when not given.
 */
export function histogramTicks(
	domain: [number, number],
	range: [number, number],
	width: number,
	measure: MeasureText = estimateTickWidth
): HistogramTick[] {
	const x = scaleLinear().domain(domain).range(range);
	const largest = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
	let best: HistogramTick[] = [];
	for (let count = MAX_TICKS; count >= 1; count--) {
		const format = valueTickFormat(x, count, largest);
		const labelled = distinctTicks(
			linearTicks(x, count).map((value) => ({ value, label: format(value) }))
		);
		const ticks = labelled.map(({ value, label }) =>
			placeLabel(value, x(value), label, width, measure(label))
		);
		for (let stride = 1; stride <= ticks.length; stride++) {
			const thinned = everyNth(ticks, stride);
			if (thinned.length > best.length && labelsFit(thinned, width, measure)) best = thinned;
		}
	}
	return best;
}

/** Centres a label on its tick, moved inward so that it keeps {@link LABEL_GAP} to each edge. */
function placeLabel(
	value: number,
	x: number,
	label: string,
	width: number,
	labelWidth: number
): HistogramTick {
	const half = labelWidth / 2;
	const labelX = Math.max(LABEL_GAP + half, Math.min(x, width - LABEL_GAP - half));
	return { value, x, label, labelX };
}

/**
 * Keeps every `stride`-th tick, starting so that the kept ones sit as near the middle as they
 * can. A single tick kept is the middle one.
 */
function everyNth(ticks: HistogramTick[], stride: number): HistogramTick[] {
	const first = Math.floor(((ticks.length - 1) % stride) / 2);
	return ticks.filter((_, i) => i >= first && (i - first) % stride === 0);
}

/** Tests whether the labels, in order, stay inside the SVG and {@link LABEL_GAP} apart. */
function labelsFit(ticks: HistogramTick[], width: number, measure: MeasureText): boolean {
	let end = 0;
	for (const tick of ticks) {
		const half = measure(tick.label) / 2;
		if (tick.labelX - half < end + LABEL_GAP) return false;
		end = tick.labelX + half;
	}
	return end + LABEL_GAP <= width;
}
