import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { BenchContext, Figure } from '../figure';
import { ingestPoints, openPointsPage, pointCount } from '../points-page';
import { median, type FigureRow } from '../report';

/** Zoomed window: the dashboard's "Last 1 h", 3,600 of the points one second apart. */
const ZOOM_SECONDS = 3600;
const uplotSource = readFileSync('node_modules/uplot/dist/uPlot.iife.min.js', 'utf8');

/** uPlot draws per view and run; their median is the run's sample. */
const UPLOT_REPEATS = 5;

/** Round trips to a bare worker per run, and the bytes of each reply: about a zoomed view's. */
const ROUND_TRIPS = 50;
const ROUND_TRIP_BYTES = 65_536;

/** Medians of a frame and of two of its parts, in ms. */
interface FrameParts {
	frame: number;
	/** The view query, from the request until the view arrives on the page. */
	view: number;
	/** The canvas drawing calls in the chart worker. */
	draw: number;
}

/** Collects the app's user-timing measures for `ms` and returns their medians. */
async function appFrame(page: Page, ms: number): Promise<FrameParts> {
	await page.evaluate('streamlensBench.watchMeasures()');
	await sleep(ms);
	const measures = (await page.evaluate('streamlensBench.takeMeasures()')) as {
		name: string;
		ms: number;
	}[];
	const frames = measures.filter((m) => m.name === 'streamlens:frame').map((m) => m.ms);
	const views = measures.filter((m) => m.name === 'streamlens:view').map((m) => m.ms);
	const draws = measures.filter((m) => m.name === 'streamlens:draw').map((m) => m.ms);
	if (frames.length === 0) throw new Error('the page wrote no streamlens:frame measure');
	return { frame: median(frames), view: median(views), draw: median(draws) };
}

function describeParts(parts: FrameParts): string {
	const [frame, view, draw] = [parts.frame, parts.view, parts.draw].map((ms) => ms.toFixed(2));
	return `${frame} ms (view ${view}, draw ${draw})`;
}

function medianOf(list: FrameParts[], key: keyof FrameParts): string {
	return median(list.map((parts) => parts[key])).toFixed(2);
}

/**
 * One chart frame with a million points buffered, full view and zoomed, against uPlot drawing
 * the same points in a chart of the same size in the same page.
 */
export const chartFrame: Figure = {
	name: 'chart frame',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const count = pointCount(context);
		const samples = { app: [] as number[], uplot: [] as number[] };
		const zoomed = { app: [] as number[], uplot: [] as number[] };
		const parts = { full: [] as FrameParts[], zoomed: [] as FrameParts[] };
		const roundTrips: number[] = [];

		for (let run = 0; run < context.runs; run++) {
			const page = await openPointsPage(context, count);
			// Evaluated through the DevTools protocol, because the site's Content-Security-Policy
			// blocks the inline script tag that addScriptTag would add.
			await page.evaluate(uplotSource);
			// uPlot first, while the app's buffer is still empty and its frames cost nothing.
			const uplotFull = (await page.evaluate(
				`streamlensBench.drawWithUplot(streamlensBench.store.points, ${UPLOT_REPEATS}, 0)`
			)) as number[];
			const uplotZoom = (await page.evaluate(
				`streamlensBench.drawWithUplot(streamlensBench.store.points, ${UPLOT_REPEATS}, ${ZOOM_SECONDS})`
			)) as number[];

			await ingestPoints(page, count);
			const full = await appFrame(page, 2000);
			await page.getByTestId('window-select').selectOption({ label: 'Last 1 h' });
			await sleep(300);
			const zoom = await appFrame(page, 2000);
			const trips = (await page.evaluate(
				`streamlensBench.workerRoundTrips(${ROUND_TRIPS}, ${ROUND_TRIP_BYTES})`
			)) as number[];
			await page.close();
			roundTrips.push(median(trips));

			samples.app.push(full.frame);
			samples.uplot.push(median(uplotFull));
			zoomed.app.push(zoom.frame);
			zoomed.uplot.push(median(uplotZoom));
			parts.full.push(full);
			parts.zoomed.push(zoom);
			context.log(
				`chart frame run ${run + 1}: full ${describeParts(full)} vs uPlot ` +
					`${median(uplotFull).toFixed(2)} ms, zoomed ${describeParts(zoom)} vs uPlot ` +
					`${median(uplotZoom).toFixed(2)} ms, bare worker round trip ` +
					`${median(trips).toFixed(2)} ms`
			);
		}

		const points = count.toLocaleString('en-US');
		const partsOf = (list: FrameParts[]) =>
			`the view query took ${medianOf(list, 'view')} ms from request to arrival and the ` +
			`canvas drawing calls ${medianOf(list, 'draw')} ms (medians of the runs' medians)`;
		const method =
			'Streamlens: the median `streamlens:frame` user-timing measure over 2 s of frames after ' +
			'the file is done, each forced by the `streamlens:refresh-view` event. It spans the ' +
			'view query to the analysis worker from its request (window search, min/max ' +
			'decimation of the line and its moving average, the anomalies in the window and the ' +
			"window's histogram for the side panel), the Svelte update and the canvas draw in the " +
			"chart worker, until the worker's drawing calls return. The worker's reply to the page " +
			'is left out, because the canvas reaches the screen without it. uPlot 1.6 in a chart of ' +
			'the same size in the same page, timed from ' +
			`\`setData\` (or \`setScale\` for the zoom) to its draw hook, median of ${UPLOT_REPEATS} draws.`;
		return [
			{
				figure: `Chart frame, ${points} points buffered, full view`,
				value: { label: 'Streamlens frame', unit: 'ms', samples: samples.app },
				reference: { label: 'uPlot draw', unit: 'ms', samples: samples.uplot },
				target: { of: 'ratio', compare: '<=', limit: 0.5 },
				note:
					`${points} points one second apart, loaded through the file input. ${method} Of the ` +
					`Streamlens frame, ${partsOf(parts.full)}. ` +
					'Both timings end when the drawing calls return; Chromium rasterises the ' +
					'canvas later, in software with --disable-gpu, and that is in neither figure. ' +
					'Streamlens rasterises in the chart worker, uPlot on the main thread.'
			},
			{
				figure: `Chart frame, ${points} points buffered, last hour (3,600 points)`,
				value: { label: 'Streamlens frame', unit: 'ms', samples: zoomed.app },
				reference: { label: 'uPlot draw', unit: 'ms', samples: zoomed.uplot },
				target: { of: 'ratio', compare: '<=', limit: 0.5 },
				note:
					'the same page after choosing the window "Last 1 h"; uPlot zoomed to the same hour. ' +
					`Of the Streamlens frame, ${partsOf(parts.zoomed)}. A frame crosses to the ` +
					'analysis worker and back, then to the chart worker and back. In the same page, ' +
					`after the frames, a bare worker took ${median(roundTrips).toFixed(2)} ms per round ` +
					`trip (median of the runs' medians of ${ROUND_TRIPS}). Each round trip started in ` +
					'an animation frame and ran from posting a number to handling a reply of ' +
					`${ROUND_TRIP_BYTES / 1024} KiB of transferred buffer. Two of them take ` +
					`${(2 * median(roundTrips)).toFixed(2)} ms, against uPlot's whole draw of ` +
					`${median(zoomed.uplot).toFixed(2)} ms.`
			}
		];
	}
};
