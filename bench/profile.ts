/**
 * `npx tsx bench/profile.ts [MB]`: profiles the page and its workers while the dashboard ingests a
 * generated seed-format file, and prints the functions with the most self time in each. Needs
 * a built app served on PREVIEW_PORT (npm run bench starts one; so does `npm start`).
 *
 * `npx tsx bench/profile.ts live RATE SECONDS [BATCH]` profiles SECONDS of a stream from the
 * producer's WebSocket mode on PRODUCER_WS_PORT at RATE records/s instead, with `--batch BATCH`
 * when given. `(program)` is the thread's time outside JavaScript, such as delivering messages.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Page } from '@playwright/test';
import { launchBrowser } from './browser';
import { openAppPage, type BenchContext } from './figure';
import { startProducer, type Server } from './servers';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
}

function topSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	const byNode = new Map<number, number>();
	samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + deltas[i]));
	const byFunction = new Map<string, number>();
	for (const node of profile.nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
		byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
	}
	return [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
}

async function attachWorkers(
	page: Page
): Promise<Map<string, { session: CDPSession; id: string }>> {
	const session = await page.context().newCDPSession(page);
	const workers = new Map<string, { session: CDPSession; id: string }>();
	session.on('Target.attachedToTarget', (event) => {
		if (event.targetInfo.type === 'worker') {
			workers.set(event.targetInfo.title, { session, id: event.sessionId });
		}
	});
	await session.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	await new Promise((resolve) => setTimeout(resolve, 500));
	return workers;
}

let nextId = 1;
function sendToWorker(target: { session: CDPSession; id: string }, method: string, params = {}) {
	const id = nextId++;
	return new Promise<unknown>((resolve) => {
		const listener = (event: { sessionId: string; message: string }) => {
			const message = JSON.parse(event.message);
			if (event.sessionId === target.id && message.id === id) {
				target.session.off('Target.receivedMessageFromTarget', listener);
				resolve(message.result);
			}
		};
		target.session.on('Target.receivedMessageFromTarget', listener);
		void target.session.send('Target.sendMessageToTarget', {
			sessionId: target.id,
			message: JSON.stringify({ id, method, params })
		});
	});
}

const live = process.argv[2] === 'live';
const { browser } = await launchBrowser();
const context = {
	browser,
	baseUrl: `http://127.0.0.1:${process.env.PREVIEW_PORT ?? 4173}`,
	log: console.log
} as BenchContext;
let producer: Server | null = null;
let page: Page;
let ingest: () => Promise<unknown>;
if (live) {
	const [rate, seconds, batch] = process.argv.slice(3);
	const port = Number(process.env.PRODUCER_WS_PORT ?? 18765);
	const flags = ['--rate', rate, '--duration', String(Number(seconds) + 10), '--seed', '7'];
	producer = await startProducer(port, batch === undefined ? flags : [...flags, '--batch', batch]);
	const url = encodeURIComponent(`ws://127.0.0.1:${port}`);
	page = await openAppPage(context, `/?source=websocket&duplicates=all&url=${url}`);
	await page.waitForFunction('Number(streamlensBench.readCounter("record-count")) > 0');
	ingest = async () => {
		const counter = 'Number(streamlensBench.readCounter("record-count"))';
		const before = Number(await page.evaluate(counter));
		await sleep(Number(seconds) * 1000);
		return { records: Number(await page.evaluate(counter)) - before, seconds };
	};
} else {
	const megabytes = Number(process.argv[2] ?? 10);
	page = await openAppPage(context, '/?source=file');
	const records = (await page.evaluate(`(() => {
		const file = streamlensBench.seedFormatFile(${megabytes * 1e6});
		streamlensBench.store.file = file;
		return file.records;
	})()`)) as number;
	ingest = () =>
		page.evaluate(
			`streamlensBench.ingestIntoApp(streamlensBench.store.file.blob, 'bench.jsonl', ${records}, 300000)`
		);
}
const pageSession = await page.context().newCDPSession(page);
const workers = await attachWorkers(page);
await pageSession.send('Profiler.enable');
await pageSession.send('Profiler.start');
for (const worker of workers.values()) {
	await sendToWorker(worker, 'Profiler.enable');
	await sendToWorker(worker, 'Profiler.start');
}
const result = await ingest();
console.log('ingest', result);
const { profile } = await pageSession.send('Profiler.stop');
console.log('\n== page main thread');
for (const [name, ms] of topSelfTime(profile))
	console.log(`${(ms / 1000).toFixed(0).padStart(7)} ms  ${name}`);
for (const [name, worker] of workers) {
	const { profile } = (await sendToWorker(worker, 'Profiler.stop')) as { profile: never };
	console.log(`\n== worker ${name}`);
	for (const [fn, ms] of topSelfTime(profile))
		console.log(`${(ms / 1000).toFixed(0).padStart(7)} ms  ${fn}`);
}
await browser.close();
await producer?.stop();
