/**
 * `npx tsx bench/heap-growth.ts [RATE] [SECONDS] [SNAPSHOTS]`: streams RATE records/s (10,000 by
 * default) from the producer's WebSocket mode into the dashboard. After a 30 s warm-up it takes
 * SNAPSHOTS heap snapshots of the page (3 by default) spread over SECONDS (120 by default). It
 * prints the page's live heap every 10 s, and what changed between the first and each later
 * snapshot, grouped by object type and constructor. It serves an existing build/ on PREVIEW_PORT
 * and runs the producer on PRODUCER_WS_PORT.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DevToolsSession } from './devtools-session';
import { formatHeapChange, takeHeapSummary, type HeapGroup } from './heap-snapshot';
import { startPreview, startProducer } from './servers';
import type { HeapUsage } from './worker-debugger';

const WARM_UP_MS = 30_000;
const SAMPLE_EVERY_MS = 10_000;

const rate = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 120);
const snapshots = Math.max(2, Number(process.argv[4] ?? 3));
const previewPort = Number(process.env.PREVIEW_PORT ?? 4173);
const producerPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);

const preview = await startPreview(previewPort);
const producer = await startProducer(producerPort, [
	'--rate',
	String(rate),
	'--duration',
	String(seconds + WARM_UP_MS / 1000 + 30),
	'--seed',
	'1'
]);
const url = `ws://127.0.0.1:${producerPort}`;
const session = await DevToolsSession.open(
	`/?source=websocket&duplicates=all&url=${encodeURIComponent(url)}`
);
try {
	await sleep(WARM_UP_MS);
	const started = Date.now();
	const summaries: Map<string, HeapGroup>[] = [await takeHeapSummary(session.cdp)];
	const snapshotEveryMs = (seconds * 1000) / (snapshots - 1);
	let nextSample = started;
	while (summaries.length < snapshots) {
		const now = Date.now();
		if (now >= started + summaries.length * snapshotEveryMs) {
			summaries.push(await takeHeapSummary(session.cdp));
			console.log(`\n== page heap, first snapshot -> snapshot ${summaries.length}`);
			console.log(formatHeapChange(summaries[0], summaries[summaries.length - 1]));
		} else if (now >= nextSample) {
			nextSample += SAMPLE_EVERY_MS;
			await session.cdp.send('HeapProfiler.collectGarbage');
			const usage = (await session.cdp.send('Runtime.getHeapUsage')) as HeapUsage;
			const records = await session.page.getByTestId('record-count').getAttribute('data-value');
			console.log(
				`heap-growth: ${((now - started) / 1000).toFixed(0)} s, live heap ` +
					`${(usage.usedSize / 2 ** 20).toFixed(2)} MiB + ` +
					`${((usage.backingStorageSize ?? 0) / 2 ** 20).toFixed(2)} MiB of ArrayBuffers, ` +
					`${records} records`
			);
		} else {
			await sleep(500);
		}
	}
} finally {
	await session.close();
	await producer.stop();
	await preview.stop();
}
