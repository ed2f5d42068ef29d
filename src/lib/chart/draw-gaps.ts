import type { StreamGap } from '../protocol';
import type { Context2D } from './context-2d';

/** Narrowest band drawn, in CSS pixels, so that a short disconnect stays visible. */
const MIN_BAND_PX = 3;
/** Rows of gap labels from the plot's top, and the height of one, in CSS pixels. */
const LABEL_ROWS = 3;
const LABEL_ROW_PX = 14;
/** Space kept between two labels in one row, in CSS pixels. */
const LABEL_GAP_PX = 6;

/** Formats a duration in ms as "850 ms", "4.2 s" or "3 min 5 s". */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * Shades each disconnect of a network source on the plot: a hatched band with dashed edges
 * from the last record before the disconnect to the first after it, labelled with how long the
 * source was away. The context must already be translated to the plot's top left and clipped.
 *
 * @param x - Maps epoch ms to plot x, in CSS pixels.
 * @param colour - CSS colour of the bands and labels, the page's `--chart-gap`.
 */
export function drawGaps(
	ctx: Context2D,
	gaps: readonly StreamGap[],
	x: (time: number) => number,
	plotWidth: number,
	plotHeight: number,
	colour: string
): void {
	if (gaps.length === 0) return;
	ctx.save();
	ctx.font = '11px system-ui, sans-serif';
	ctx.textBaseline = 'top';
	// The right end of the last label in each row, so that close gaps stack their labels.
	const rowEnds = new Array<number>(LABEL_ROWS).fill(-Infinity);
	for (const gap of gaps) {
		const left = Math.max(0, x(gap.from));
		const right = Math.min(plotWidth, Math.max(x(gap.to), left + MIN_BAND_PX));
		const width = right - left;

		ctx.globalAlpha = 0.16;
		ctx.fillStyle = colour;
		ctx.fillRect(left, 0, width, plotHeight);

		ctx.globalAlpha = 0.8;
		ctx.strokeStyle = colour;
		ctx.lineWidth = 1;
		ctx.setLineDash([4, 3]);
		ctx.beginPath();
		ctx.moveTo(Math.round(left) + 0.5, 0);
		ctx.lineTo(Math.round(left) + 0.5, plotHeight);
		ctx.moveTo(Math.round(right) - 0.5, 0);
		ctx.lineTo(Math.round(right) - 0.5, plotHeight);
		ctx.stroke();

		// The label goes inside a band wide enough for it, else just right of the band, in the
		// first row where it overlaps no other label. With every row taken, the band has none.
		const label = `disconnected ${formatDuration(gap.durationMs)}`;
		const labelWidth = ctx.measureText(label).width;
		const inside = labelWidth + 8 <= width;
		const labelX = inside ? left + 4 : Math.min(right + 4, plotWidth - labelWidth - 2);
		const row = rowEnds.findIndex((end) => labelX >= end + LABEL_GAP_PX);
		if (row < 0) continue;
		rowEnds[row] = labelX + labelWidth;
		ctx.globalAlpha = 1;
		ctx.fillStyle = colour;
		ctx.textAlign = 'left';
		ctx.fillText(label, labelX, 4 + row * LABEL_ROW_PX);
	}
	ctx.restore();
}
