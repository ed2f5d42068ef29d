/**
 * `npx tsx bench/live-cpu.ts [RATE] [SECONDS] [BATCH]`: streams RATE records/s (100,000 by
 * default) from the producer's WebSocket mode into the dashboard for SECONDS (20 by default), with
 * `--batch BATCH` when given and the producer's default otherwise. Prints the CPU time that each
 * Chromium thread and the producer used from the first record counted to the last, in total and
 * per 1,000 records, from /proc (Linux only). Needs a built app served on PREVIEW_PORT (`npm
 * start`, or `vite preview`) and a free PRODUCER_WS_PORT.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { findBrowser } from '../tests/support/find-browser.js';
import { chromiumArgs } from './browser';
import { chromiumProcesses } from './process-memory';
import { sendRateFromLog, sentFromLog, startProducer } from './servers';
import { difference, threadCpu } from './thread-times';

const helperScript = readFileSync(new URL('./page/bench-page.js', import.meta.url), 'utf8');
const rate = Number(process.argv[2] ?? 100_000);
const seconds = Number(process.argv[3] ?? 20);
const batch = process.argv[4];
const producerPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);

async function recordCount(page: Page): Promise<number> {
	return Number(await page.evaluate('streamlensBench.readCounter("record-count")'));
}

const profile = await mkdtemp(join(tmpdir(), 'streamlens-live-cpu-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath: findBrowser() ?? undefined,
	args: chromiumArgs,
	viewport: { width: 1280, height: 800 }
});
const producer = await startProducer(producerPort, [
	'--rate',
	String(rate),
	'--duration',
	String(seconds),
	'--seed',
	'7',
	...(batch === undefined ? [] : ['--batch', batch])
]);
try {
	const page = await context.newPage();
	await page.addInitScript({ content: helperScript });
	const url = encodeURIComponent(`ws://127.0.0.1:${producerPort}`);
	await page.goto(
		`http://127.0.0.1:${process.env.PREVIEW_PORT ?? 4173}/?source=websocket&duplicates=all&url=${url}`
	);
	while ((await recordCount(page)) === 0) await sleep(100);

	const processes = chromiumProcesses(profile);
	processes.set(producer.process.pid!, 'producer');
	const before = threadCpu(processes);
	const first = await recordCount(page);

	// The run ends when the producer has exited and the count has not moved for 2 s. Readings
	// are kept every 250 ms, because the producer's /proc entry goes when it exits.
	const latest = new Map(before);
	let last = first;
	let stableSince = Date.now();
	while (producer.process.exitCode === null || Date.now() - stableSince < 2000) {
		await sleep(250);
		for (const [key, ms] of threadCpu(processes)) latest.set(key, ms);
		const count = await recordCount(page);
		if (count !== last) stableSince = Date.now();
		last = count;
	}
	const used = difference(latest, before);
	const records = last - first;

	const stderr = producer.stderr();
	console.log(
		`received ${last} of ${sentFromLog(stderr)} sent at ${sendRateFromLog(stderr).toFixed(0)} ` +
			`records/s; ${records} counted while CPU time was measured\n` +
			'CPU ms, ms per 1,000 records, thread:'
	);
	const rows = [...used].filter(([, ms]) => ms >= 20).sort((a, b) => b[1] - a[1]);
	for (const [key, ms] of rows) {
		const perThousand = ((ms / records) * 1000).toFixed(2);
		console.log(`${ms.toFixed(0).padStart(7)} ${perThousand.padStart(7)}  ${key}`);
	}
} finally {
	await producer.stop();
	await context.close();
	await rm(profile, { recursive: true, force: true });
}
