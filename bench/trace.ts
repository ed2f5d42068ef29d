/**
 * `npx tsx bench/trace.ts file [MB]` or `npx tsx bench/trace.ts live [RATE] [SECONDS]`.
 *
 * Records a Chromium trace of the dashboard while it ingests a generated seed-format file, or
 * while the producer's WebSocket mode streams RATE records/s into it. Then prints where the
 * page's main thread spent its long tasks (over 50 ms) and all its tasks. It serves an existing
 * build/ on PREVIEW_PORT and runs the producer on PRODUCER_WS_PORT. Build with
 * `npx vite build --minify false` to see function names. The trace goes to
 * reports/trace-MODE.json, which the DevTools Performance panel opens.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser } from './browser';
import { openAppPage, type BenchContext } from './figure';
import { startPreview, startProducer } from './servers';
import { summariseTrace, type TraceEvent } from './trace-summary';

const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.frame',
	'toplevel',
	'v8',
	'v8.execute',
	'blink',
	'blink.user_timing',
	'cc',
	'disabled-by-default-v8.cpu_profiler',
	'disabled-by-default-v8.gc'
];

const mode = process.argv[2];
if (mode !== 'file' && mode !== 'live') {
	throw new Error(`invalid mode "${mode ?? ''}": expected file or live`);
}
const previewPort = Number(process.env.PREVIEW_PORT ?? 4173);
const producerPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
const preview = await startPreview(previewPort);
const { browser } = await launchBrowser();
const context = {
	browser,
	baseUrl: `http://127.0.0.1:${previewPort}`,
	log: console.log
} as BenchContext;
mkdirSync('reports', { recursive: true });
const path = `reports/trace-${mode}.json`;

try {
	if (mode === 'file') {
		const megabytes = Number(process.argv[3] ?? 20);
		const page = await openAppPage(context, '/?source=file');
		const records = (await page.evaluate(`(() => {
			const file = streamlensBench.seedFormatFile(${megabytes * 1e6});
			streamlensBench.store.file = file;
			return file.records;
		})()`)) as number;
		await page.evaluate('streamlensBench.referenceIngest(streamlensBench.store.file.blob)');
		await browser.startTracing(page, { path, categories: CATEGORIES });
		const result = await page.evaluate(
			`streamlensBench.ingestIntoApp(streamlensBench.store.file.blob, 'bench.jsonl', ${records}, 300000)`
		);
		await browser.stopTracing();
		console.log('trace: ingest', JSON.stringify(result).slice(0, 400));
	} else {
		const rate = Number(process.argv[3] ?? 10_000);
		const seconds = Number(process.argv[4] ?? 15);
		const producer = await startProducer(producerPort, [
			'--rate',
			String(rate),
			'--duration',
			String(seconds + 10),
			'--seed',
			'1'
		]);
		try {
			const url = `ws://127.0.0.1:${producerPort}`;
			const page = await openAppPage(
				context,
				`/?source=websocket&duplicates=all&url=${encodeURIComponent(url)}`
			);
			// Warm-up: the buffer fills and the page reaches its steady state first.
			await sleep(5000);
			await page.evaluate('streamlensBench.recordFrames()');
			await browser.startTracing(page, { path, categories: CATEGORIES });
			await sleep(seconds * 1000);
			await browser.stopTracing();
			const frames = (await page.evaluate('streamlensBench.stopFrames()')) as {
				deltas: number[];
			};
			const sorted = [...frames.deltas].sort((a, b) => a - b);
			const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
			console.log(`trace: ${frames.deltas.length} frames, p95 frame ${p95.toFixed(1)} ms`);
		} finally {
			await producer.stop();
		}
	}
} finally {
	await browser.close();
	await preview.stop();
}

const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
console.log(summariseTrace(trace.traceEvents));
console.log(`trace: wrote ${path}`);
