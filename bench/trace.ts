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
import { DevToolsSession } from './devtools-session';
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
mkdirSync('reports', { recursive: true });
const path = `reports/trace-${mode}.json`;

try {
	if (mode === 'file') {
		const megabytes = Number(process.argv[3] ?? 20);
		const session = await DevToolsSession.open('/?source=file');
		try {
			await session.loadSeedFile(megabytes);
			await session.startTracing(CATEGORIES);
			const result = await session.ingestSeedFile();
			await session.stopTracing(path);
			console.log('trace: ingest', JSON.stringify(result).slice(0, 400));
		} finally {
			await session.close();
		}
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
		const url = `ws://127.0.0.1:${producerPort}`;
		const session = await DevToolsSession.open(
			`/?source=websocket&duplicates=all&url=${encodeURIComponent(url)}`
		);
		try {
			// Warm-up: the buffer fills and the page reaches its steady state first.
			await sleep(5000);
			await session.page.evaluate('streamlensBench.recordFrames()');
			await session.startTracing(CATEGORIES);
			await sleep(seconds * 1000);
			await session.stopTracing(path);
			const frames = (await session.page.evaluate('streamlensBench.stopFrames()')) as {
				deltas: number[];
			};
			const sorted = [...frames.deltas].sort((a, b) => a - b);
			const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
			console.log(`trace: ${frames.deltas.length} frames, p95 frame ${p95.toFixed(1)} ms`);
		} finally {
			await session.close();
			await producer.stop();
		}
	}
} finally {
	await preview.stop();
}

const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
console.log(summariseTrace(trace.traceEvents));
console.log(`trace: wrote ${path}`);
