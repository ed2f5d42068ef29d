// Soak test: streams records from the producer into the dashboard for a long run and checks
// that memory stays flat, the page stays responsive and every record is accounted for.
// Usage: npm run soak [-- --duration 10m|120s|30s] [--rate N] [--no-build]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { ensureBrowser } from '../support/find-browser.js';

// Every figure read goes through the DevTools protocol. While the producer streamed 10,000
// single-record messages a second on a loaded 2-core machine, one round trip took from 1 to
// 38 s, and browser-level commands were as slow as page-level ones. The page itself kept up:
// its own 100 ms timer was at most 0.7 s late. So a figure read gets a long timeout, and the
// report shows both the page's timer lateness and the slowest sample.
const previewPort = Number(process.env.SOAK_PREVIEW_PORT ?? 19370);
const producerPort = Number(process.env.SOAK_PRODUCER_PORT ?? 19371);
/** Heap growth after warm-up that counts as a leak, in percent. */
const HEAP_GROWTH_TARGET = 5;
/** Long tasks, by the Long Tasks API's definition, last more than 50 ms. */
const LONG_TASK_MS = 50;
/** Period of the page's own timer whose lateness shows whether the main thread keeps up. */
const TIMER_MS = 100;
/** Maximum wait for one figure read through the DevTools protocol. */
const READ_TIMEOUT_MS = 120_000;

interface Sample {
	elapsedS: number;
	/** Wall time that taking this sample through the DevTools protocol took. */
	sampleS: number;
	heapMB: number;
	rendererRssMB: number;
	records: number;
	rejected: number;
}

function parseDuration(text: string): number {
	const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim());
	if (!match)
		throw new Error(`invalid --duration "${text}": expected seconds or minutes, e.g. 30s or 10m`);
	return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

/** Lateness of the page's timer ticks: counts per 10 ms bucket (the last one is 2 s and more). */
interface TimerLateness {
	buckets: number[];
	/** Maximum lateness of a tick, in ms. */
	max: number;
}

/** Upper edge in ms of the bucket that contains the p-th percentile (0 to 100); NaN for no ticks. */
function bucketPercentile(buckets: number[], p: number): number {
	const total = buckets.reduce((sum, count) => sum + count, 0);
	if (total === 0) return NaN;
	const rank = Math.ceil((p / 100) * total);
	let seen = 0;
	for (let i = 0; i < buckets.length; i++) {
		seen += buckets[i];
		if (seen >= rank) return (i + 1) * 10;
	}
	return buckets.length * 10;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a child process and resolves once `ready` appears in its output. */
function startProcess(command: string, args: string[], ready: RegExp): Promise<ChildProcess> {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	return new Promise((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (ready.test(output)) resolve(child);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.on('close', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
	});
}

/**
 * Sums the resident memory of the browser's renderer processes, which run the page and its
 * workers. Renderers descend from the browser process through Chromium's zygote.
 */
function rendererRssMB(browserPid: number | undefined): number {
	if (browserPid === undefined) return NaN;
	const result = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
	const processes = result.stdout
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
		.filter((match) => match !== null)
		.map((match) => ({
			pid: Number(match[1]),
			ppid: Number(match[2]),
			rssKB: Number(match[3]),
			args: match[4]
		}));
	const family = new Set([browserPid]);
	for (let grown = true; grown;) {
		grown = false;
		for (const process of processes) {
			if (family.has(process.ppid) && !family.has(process.pid)) {
				family.add(process.pid);
				grown = true;
			}
		}
	}
	const renderers = processes.filter(
		(process) => family.has(process.pid) && process.args.includes('--type=renderer')
	);
	return renderers.reduce((sum, process) => sum + process.rssKB, 0) / 1024;
}

async function figure(page: Page, testid: string): Promise<number> {
	try {
		const value = await page
			.getByTestId(testid)
			.getAttribute('data-value', { timeout: READ_TIMEOUT_MS });
		return Number(value);
	} catch (error) {
		await page.screenshot({ path: 'reports/soak-failure.png', timeout: 10_000 }).catch(() => {});
		throw new Error(
			`could not read ${testid} from the page within ${READ_TIMEOUT_MS / 1000} s, so its main ` +
				`thread is blocked, the page failed to render, or the DevTools protocol is congested; ` +
				`see reports/soak-failure.png if one was taken`,
			{ cause: error }
		);
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			duration: { type: 'string', default: '10m' },
			rate: { type: 'string', default: '10000' },
			'no-build': { type: 'boolean', default: false }
		}
	});
	const durationS = parseDuration(values.duration!);
	const rate = Number(values.rate);
	const warmUpS = Math.min(60, durationS * 0.2);
	const sent = Math.round(durationS * rate);

	if (!values['no-build']) {
		const build = spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
		if (build.status !== 0) throw new Error('vite build failed; run npx vite build to see why');
	}
	const children: ChildProcess[] = [];
	// A browser server exposes the browser's process, whose renderer children are measured.
	const server = await chromium.launchServer({
		executablePath: ensureBrowser(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	const browser = await chromium.connect(server.wsEndpoint());
	try {
		children.push(
			await startProcess(
				process.execPath,
				[
					'node_modules/vite/bin/vite.js',
					'preview',
					'--host',
					'127.0.0.1',
					'--port',
					String(previewPort),
					'--strictPort'
				],
				/Local:/
			)
		);
		const producer = await startProcess(
			process.execPath,
			[
				'--import',
				'tsx',
				'producer/cli.ts',
				'websocket',
				'--port',
				String(producerPort),
				'--rate',
				String(rate),
				'--count',
				String(sent),
				'--seed',
				'1'
			],
			/producer: websocket on /
		);
		children.push(producer);
		let producerLog = '';
		producer.stderr!.on('data', (chunk: Buffer) => (producerLog += chunk.toString()));
		const producerDone = new Promise<void>((resolve) => producer.on('close', () => resolve()));

		const page = await browser.newPage();
		page.on('pageerror', (error) => console.error(`soak: page error: ${error.message}`));
		page.on('crash', () => console.error('soak: the page crashed'));
		page.on('console', (message) => {
			if (message.type() === 'error') console.error(`soak: console error: ${message.text()}`);
		});
		await page.addInitScript((timerMs: number) => {
			const longTasks: number[] = [];
			const state = window as unknown as { __longTasks: number[]; __timer: TimerLateness };
			state.__longTasks = longTasks;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) longTasks.push(entry.duration);
			}).observe({ type: 'longtask', buffered: true });
			// How late each tick of a timer comes: a main thread that keeps up runs it on time. A
			// fixed histogram of 10 ms buckets keeps this from growing the heap that is measured.
			const timer: TimerLateness = { buckets: new Array(201).fill(0), max: 0 };
			state.__timer = timer;
			let last = performance.now();
			setInterval(() => {
				const now = performance.now();
				const late = Math.max(0, now - last - timerMs);
				last = now;
				timer.buckets[Math.min(200, Math.floor(late / 10))]++;
				timer.max = Math.max(timer.max, late);
			}, timerMs);
		}, TIMER_MS);
		const cdp = await page.context().newCDPSession(page);
		const heapMB = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			const usage = await cdp.send('Runtime.getHeapUsage');
			return usage.usedSize / 2 ** 20;
		};
		const browserPid = server.process().pid;

		// Above 1,000 records/s the producer's millisecond timestamps repeat within a category,
		// so every record of equal time is kept instead of the last.
		await page.goto(
			`http://127.0.0.1:${previewPort}/?source=websocket&duplicates=all&url=ws://127.0.0.1:${producerPort}`
		);
		const startMs = Date.now();
		const samples: Sample[] = [];
		const sample = async () => {
			const started = Date.now();
			const heap = await heapMB();
			const rss = rendererRssMB(browserPid);
			const records = await figure(page, 'record-count');
			const rejected = await figure(page, 'error-count');
			const entry: Sample = {
				elapsedS: (started - startMs) / 1000,
				sampleS: (Date.now() - started) / 1000,
				heapMB: heap,
				rendererRssMB: rss,
				records,
				rejected
			};
			samples.push(entry);
			console.log(
				`soak: ${entry.elapsedS.toFixed(0)} s, heap ${entry.heapMB.toFixed(2)} MB, ` +
					`renderer RSS ${entry.rendererRssMB.toFixed(0)} MB, ${entry.records} records, ` +
					`${entry.rejected} rejected; the sample took ${entry.sampleS.toFixed(1)} s`
			);
			return entry;
		};

		await sleep(warmUpS * 1000);
		const warm = await sample();
		// The timer's figures count from the end of the warm-up.
		const longTasksAtWarmUp = await page.evaluate(() => {
			const state = window as unknown as { __longTasks: number[]; __timer: TimerLateness };
			state.__timer.buckets.fill(0);
			state.__timer.max = 0;
			return state.__longTasks.length;
		});
		const finished = producerDone.then(() => 'done' as const);
		while ((await Promise.race([finished, sleep(Math.max(5, durationS / 20) * 1000)])) !== 'done') {
			await sample();
		}
		// Counts settle once the last batches reach the analysis worker.
		let settled = await figure(page, 'record-count');
		for (;;) {
			await sleep(1000);
			const now = await figure(page, 'record-count');
			if (now === settled) break;
			settled = now;
		}
		const end = await sample();
		const { longTasks, timer } = await page.evaluate(() => {
			const state = window as unknown as { __longTasks: number[]; __timer: TimerLateness };
			return { longTasks: state.__longTasks, timer: state.__timer };
		});
		const longAfterWarmUp = longTasks.slice(longTasksAtWarmUp);

		// A heap of a few MB moves by more than 5 % between single samples as garbage comes and
		// goes, so growth compares the median of the first three samples after warm-up with the
		// median of the last three.
		const heapWarm = median(samples.slice(0, 3).map((entry) => entry.heapMB));
		const heapEnd = median(samples.slice(-3).map((entry) => entry.heapMB));
		const growth = ((heapEnd - heapWarm) / heapWarm) * 100;
		const summary = /sent (\d+) records/.exec(producerLog);
		const producerSent = summary ? Number(summary[1]) : NaN;
		const result = {
			date: new Date().toISOString(),
			durationS,
			rate,
			warmUpS,
			sent: producerSent,
			ingested: end.records,
			rejected: end.rejected,
			accounted: end.records + end.rejected === producerSent,
			heapWarmMB: heapWarm,
			heapEndMB: heapEnd,
			heapGrowthPercent: growth,
			rendererRssWarmMB: warm.rendererRssMB,
			rendererRssEndMB: end.rendererRssMB,
			longTasks: longTasks.length,
			longTasksAfterWarmUp: longAfterWarmUp.length,
			longestTaskMs: Math.max(0, ...longTasks),
			longestTaskAfterWarmUpMs: Math.max(0, ...longAfterWarmUp),
			timerLatenessMaxMs: timer.max,
			timerLatenessP99Ms: bucketPercentile(timer.buckets, 99),
			slowestSampleS: Math.max(0, ...samples.map((entry) => entry.sampleS)),
			wallS: (Date.now() - startMs) / 1000,
			samples
		};
		mkdirSync('reports', { recursive: true });
		writeFileSync('reports/soak.json', JSON.stringify(result, null, '\t') + '\n');
		writeFileSync('docs/soak.md', renderReport(result));
		// The repository's format check covers docs, so the table is padded as Prettier does.
		spawnSync(process.execPath, [
			'node_modules/prettier/bin/prettier.cjs',
			'--write',
			'docs/soak.md'
		]);
		console.log(
			`soak: ${result.ingested} ingested + ${result.rejected} rejected of ${result.sent} sent; ` +
				`heap ${growth.toFixed(1)} % after warm-up; ${result.longTasks} long tasks > ${LONG_TASK_MS} ms`
		);
		const passed = result.accounted && growth < HEAP_GROWTH_TARGET;
		process.exitCode = passed ? 0 : 1;
		console.log(
			producerLog
				.split('\n')
				.filter((line) => /client|behind|stopping/.test(line))
				.join('\n')
		);
	} finally {
		await browser.close();
		await server.close();
		for (const child of children) child.kill('SIGTERM');
	}
}

function renderReport(result: {
	date: string;
	durationS: number;
	rate: number;
	warmUpS: number;
	sent: number;
	ingested: number;
	rejected: number;
	accounted: boolean;
	heapWarmMB: number;
	heapEndMB: number;
	heapGrowthPercent: number;
	rendererRssWarmMB: number;
	rendererRssEndMB: number;
	longTasks: number;
	longTasksAfterWarmUp: number;
	longestTaskMs: number;
	longestTaskAfterWarmUpMs: number;
	timerLatenessMaxMs: number;
	timerLatenessP99Ms: number;
	slowestSampleS: number;
	wallS: number;
}): string {
	const chromiumVersion = spawnSync(ensureBrowser(), ['--version'], {
		encoding: 'utf8'
	}).stdout.trim();
	const cpu = cpus();
	const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
	return `# Soak test

\`npm run soak\` (\`tests/soak/soak.ts\`) builds the site, serves it with \`vite preview\`, starts
the producer in WebSocket mode with \`--count\` set to duration × rate, and opens the dashboard
on it in headless Chromium. After a warm-up it samples the page's JS heap (after a forced
garbage collection, through the DevTools protocol) and the resident memory of the renderer
processes, which hold the page and its workers. It counts long tasks (over ${LONG_TASK_MS} ms) with a
\`PerformanceObserver\`, times how late the page's own ${TIMER_MS} ms timer fires, and checks that
records ingested plus rejected equal the messages the producer sent.
\`npm run soak -- --duration 30s\` is the CI-sized run.

Each sample goes through the DevTools protocol, whose round trips took seconds while the
producer streamed on a loaded machine. The slowest sample is in the table: samples are at least
that far apart, and a figure may be that old when it is read.

NOTE: the JS heap is the page's main thread only. The workers' heaps are inside the renderer
memory figure, which also counts Chromium's own allocations.

## Latest run

${result.date}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${chromiumVersion || 'Chromium'}.

| Figure | Result | Target |
| --- | --- | --- |
| Duration, rate | ${result.durationS} s at ${result.rate} records/s (${result.wallS.toFixed(0)} s wall clock, warm-up ${result.warmUpS} s) | 10 min at 10,000 records/s |
| Records sent by the producer | ${result.sent} | |
| Ingested + rejected | ${result.ingested} + ${result.rejected} = ${result.ingested + result.rejected} | equal to sent: ${verdict(result.accounted)} |
| Page JS heap, median of the first → last 3 samples | ${result.heapWarmMB.toFixed(2)} MB → ${result.heapEndMB.toFixed(2)} MB (${result.heapGrowthPercent.toFixed(1)} %) | < ${HEAP_GROWTH_TARGET} % growth: ${verdict(result.heapGrowthPercent < HEAP_GROWTH_TARGET)} |
| Renderer memory (RSS), after warm-up → end | ${result.rendererRssWarmMB.toFixed(0)} MB → ${result.rendererRssEndMB.toFixed(0)} MB | |
| Long tasks over ${LONG_TASK_MS} ms, whole run / after warm-up | ${result.longTasks} / ${result.longTasksAfterWarmUp}, longest ${result.longestTaskMs.toFixed(0)} / ${result.longestTaskAfterWarmUpMs.toFixed(0)} ms | none: ${verdict(result.longTasks === 0)} |
| Lateness of the page's ${TIMER_MS} ms timer after warm-up, p99 (10 ms buckets) / max | ≤ ${result.timerLatenessP99Ms.toFixed(0)} / ${result.timerLatenessMaxMs.toFixed(0)} ms | |
| Slowest sample through the DevTools protocol | ${result.slowestSampleS.toFixed(1)} s | |

Every sample is in \`reports/soak.json\` after a run.
`;
}

main().catch((error) => {
	const cause = (error as Error).cause as Error | undefined;
	const detail = cause ? ` (${cause.message.split('\n')[0]})` : '';
	console.error(`soak: ${(error as Error).message}${detail}`);
	process.exit(1);
});
