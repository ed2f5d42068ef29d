/**
 * `npx tsx bench/thread-cpu.ts [MB]`: reads a generated seed-format file of MB megabytes (100 by
 * default) through the dashboard, then runs the file-ingest reference on the same Blob, and
 * prints the CPU time each Chromium thread used during each, from /proc (Linux only). Under load
 * a wall-clock profile charges a thread for time it waited for a core; CPU time does not. Needs
 * a built app served on PREVIEW_PORT (`npm start`, or `vite preview`).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from '../tests/support/find-browser.js';
import { chromiumArgs } from './browser';
import { chromiumProcesses } from './process-memory';
import { difference, threadCpu } from './thread-times';

const helperScript = readFileSync(new URL('./page/bench-page.js', import.meta.url), 'utf8');
const megabytes = Number(process.argv[2] ?? 100);
const profile = await mkdtemp(join(tmpdir(), 'streamlens-thread-cpu-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath: findBrowser() ?? undefined,
	args: chromiumArgs,
	bypassCSP: true,
	viewport: { width: 1280, height: 800 }
});
try {
	const page = await context.newPage();
	await page.addInitScript({ content: helperScript });
	await page.goto(`http://127.0.0.1:${process.env.PREVIEW_PORT ?? 4173}/?source=file`);
	await page.waitForSelector('[data-testid="source-status"]');
	const records = (await page.evaluate(`(() => {
		const file = streamlensBench.seedFormatFile(${megabytes * 1e6});
		streamlensBench.store.file = file;
		return file.records;
	})()`)) as number;
	// The first read of a Blob made in the page is slower; see the file-ingest figure.
	await page.evaluate('streamlensBench.referenceIngest(streamlensBench.store.file.blob)');

	const processes = chromiumProcesses(profile);
	const beforeApp = threadCpu(processes);
	const app = (await page.evaluate(
		`streamlensBench.ingestIntoApp(streamlensBench.store.file.blob, 'bench.jsonl', ${records}, 300000)`
	)) as { ms: number };
	const afterApp = threadCpu(processes);
	const reference = (await page.evaluate(
		'streamlensBench.referenceIngest(streamlensBench.store.file.blob)'
	)) as { ms: number };
	const afterReference = threadCpu(processes);

	const appUsed = difference(afterApp, beforeApp);
	const referenceUsed = difference(afterReference, afterApp);
	console.log(
		`app ${app.ms.toFixed(0)} ms, reference ${reference.ms.toFixed(0)} ms (wall clock)\n` +
			'CPU ms during the app, during the reference, thread (the reference worker has ended ' +
			'and counts only in its renderer process):'
	);
	const rows = [...appUsed]
		.filter(([key, ms]) => ms >= 20 || (referenceUsed.get(key) ?? 0) >= 20)
		.sort((a, b) => b[1] - a[1]);
	for (const [key, ms] of rows) {
		const during = (referenceUsed.get(key) ?? 0).toFixed(0);
		console.log(`${ms.toFixed(0).padStart(7)} ${during.padStart(7)}  ${key}`);
	}
} finally {
	await context.close();
	await rm(profile, { recursive: true, force: true });
}
