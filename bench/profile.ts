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
import { DevToolsSession } from './devtools-session';
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

/** The page's workers that a file ingest runs through. */
const WORKERS = ['stream', 'analysis', 'chart'] as const;

function printTop(title: string, profile: Parameters<typeof topSelfTime>[0]): void {
	console.log(`\n== ${title}`);
	for (const [name, ms] of topSelfTime(profile)) {
		console.log(`${(ms / 1000).toFixed(0).padStart(7)} ms  ${name}`);
	}
}

const live = process.argv[2] === 'live';
let producer: Server | null = null;
let session: DevToolsSession;
let ingest: () => Promise<unknown>;
if (live) {
	const [rate, seconds, batch] = process.argv.slice(3);
	const port = Number(process.env.PRODUCER_WS_PORT ?? 18765);
	const flags = ['--rate', rate, '--duration', String(Number(seconds) + 10), '--seed', '7'];
	producer = await startProducer(port, batch === undefined ? flags : [...flags, '--batch', batch]);
	const url = encodeURIComponent(`ws://127.0.0.1:${port}`);
	session = await DevToolsSession.open(`/?source=websocket&duplicates=all&url=${url}`);
	const counter = 'Number(streamlensBench.readCounter("record-count"))';
	await session.page.waitForFunction(`${counter} > 0`);
	ingest = async () => {
		const before = Number(await session.page.evaluate(counter));
		await sleep(Number(seconds) * 1000);
		return { records: Number(await session.page.evaluate(counter)) - before, seconds };
	};
} else {
	session = await DevToolsSession.open('/?source=file');
	await session.loadSeedFile(Number(process.argv[2] ?? 10));
	ingest = () => session.ingestSeedFile();
}
try {
	const workers = await session.workers(WORKERS);
	await session.cdp.send('Profiler.enable');
	await session.cdp.send('Profiler.start');
	for (const worker of workers.values()) {
		await worker.send('Profiler.enable');
		await worker.send('Profiler.start');
	}
	console.log('ingest', await ingest());
	const { profile } = await session.cdp.send('Profiler.stop');
	printTop('page main thread', profile);
	for (const [name, worker] of workers) {
		const stopped = (await worker.send('Profiler.stop')) as {
			profile: Parameters<typeof topSelfTime>[0];
		};
		printTop(`worker ${name}`, stopped.profile);
	}
} finally {
	await session.close();
	await producer?.stop();
}
