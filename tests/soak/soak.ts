// Soak test: streams records from the producer into the dashboard for a long run and checks
// that memory stays flat, the page stays responsive and every record is accounted for.
// Usage: npm run soak [-- --duration 10m|120s|30s] [--rate N] [--no-build] [--report PATH]
//   [--require all|counts]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { WorkerDebugger, type HeapUsage } from '../../bench/worker-debugger';
import { ensureBrowser } from '../support/find-browser.js';
import {
	bucketPercentile,
	heapGrowth,
	splitLongTasks,
	type LongTask,
	type TimeSpan
} from './soak-figures';
import {
	LONG_TASK_MS,
	domCounts,
	heapGrowthMet,
	renderReport,
	TIMER_MS,
	type Sample,
	type SoakResult
} from './soak-report';

// Every figure read goes through the DevTools protocol. While the producer streamed 10,000
// single-record messages a second on a loaded 2-core machine, one round trip took from 1 to
// 38 s, and browser-level commands were as slow as page-level ones. The page itself kept up:
// its own 100 ms timer was at most 0.7 s late. So a figure read gets a long timeout, and the
// report shows both the page's timer lateness and the slowest sample.
const previewPort = Number(process.env.SOAK_PREVIEW_PORT ?? 19370);
const producerPort = Number(process.env.SOAK_PRODUCER_PORT ?? 19371);
/** Maximum wait for one figure read through the DevTools protocol. */
const READ_TIMEOUT_MS = 600_000;

/** Workers whose live heap the final sample reads, besides the page's. */
const WORKERS = ['stream', 'analysis', 'chart'] as const;

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

/** Live heap in MB: V8's objects and the ArrayBuffer backing stores outside them. */
function liveHeapMB(usage: HeapUsage): number {
	return (usage.usedSize + (usage.backingStorageSize ?? 0)) / 2 ** 20;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a span of the run such as 20m-30m or 60-120 (seconds), for `--freeze`. */
function parseSpan(text: string): { fromS: number; toS: number } {
	const [from, to, extra] = text.split('-');
	if (to === undefined || extra !== undefined) {
		throw new Error(`invalid --freeze "${text}": expected FROM-TO, e.g. 20m-30m`);
	}
	const span = { fromS: parseDuration(from), toS: parseDuration(to) };
	if (!(span.toS > span.fromS)) {
		throw new Error(`invalid --freeze "${text}": the span ends before it starts`);
	}
	return span;
}

/** Longest wait for a child process to print its ready line, in ms. */
const START_TIMEOUT_MS = 120_000;

/**
 * Starts a child process and resolves once `ready` appears in its output. Fails when the process
 * exits first or prints no ready line within START_TIMEOUT_MS.
 */
function startProcess(command: string, args: string[], ready: RegExp): Promise<ChildProcess> {
	// With CI set, Vite colours its output even into a pipe, which splits "Local:" with escape
	// codes. NO_COLOR turns that off.
	const child = spawn(command, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, NO_COLOR: '1' }
	});
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			reject(new Error(`${command} printed no ready line in ${START_TIMEOUT_MS} ms:\n${output}`));
		}, START_TIMEOUT_MS);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (ready.test(output)) {
				clearTimeout(timer);
				resolve(child);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.on('close', (code) => {
			clearTimeout(timer);
			reject(new Error(`${command} exited with ${code}:\n${output}`));
		});
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
			'no-build': { type: 'boolean', default: false },
			// Where the table goes; `npm test` writes its short run under reports/.
			report: { type: 'string', default: 'docs/soak.md' },
			// 'all': records, heap and long tasks decide the exit code; 'counts': records only,
			// for the short run in `npm test`, which checks no figure that depends on load.
			require: { type: 'string', default: 'all' },
			// The producer's record shape and device count, and the field the dashboard splits
			// lines by: `--shape fleet --devices 8 --split device` streams eight series.
			shape: { type: 'string', default: 'flat' },
			devices: { type: 'string' },
			split: { type: 'string' },
			// A span of the run, such as 20m-30m, during which the page is frozen as Chromium
			// freezes a background tab: no task runs on its main thread, while its workers go on.
			freeze: { type: 'string' }
		}
	});
	if (values.require !== 'all' && values.require !== 'counts') {
		throw new Error(`invalid --require "${values.require}": expected all or counts`);
	}
	const durationS = parseDuration(values.duration!);
	const rate = Number(values.rate);
	const warmUpS = Math.min(60, durationS * 0.2);
	const freeze = values.freeze === undefined ? null : parseSpan(values.freeze);
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
					'--strictPort',
					// See startPreview in bench/servers.ts.
					'--bypass-lock'
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
				'1',
				'--shape',
				values.shape!,
				...(values.devices === undefined ? [] : ['--devices', values.devices])
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
			// Start (ms since the epoch) and duration of each long task, two numbers per task.
			const longTasks: number[] = [];
			const state = window as unknown as { __longTasks: number[]; __timer: TimerLateness };
			state.__longTasks = longTasks;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					longTasks.push(performance.timeOrigin + entry.startTime, entry.duration);
				}
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
		const browserPid = server.process().pid;

		// Above 1,000 records/s the producer's millisecond timestamps repeat within a category,
		// so every record of equal time is kept instead of the last.
		const split = values.split === undefined ? '' : `&split=${encodeURIComponent(values.split)}`;
		await page.goto(
			`http://127.0.0.1:${previewPort}/?source=websocket&duplicates=all&url=ws://127.0.0.1:${producerPort}${split}`
		);
		const startMs = Date.now();
		const workers = await WorkerDebugger.attachAll(page, WORKERS);
		const samples: Sample[] = [];
		const sampleSpans: TimeSpan[] = [];
		/** With `withWorkers`, also reads each worker's live heap, which the final sample does. */
		const sample = async (withWorkers = false) => {
			const started = Date.now();
			// The live heap, as the benchmark's memory figures read it: garbage is collected in the
			// thread first, so that what was not collected yet does not count as growth.
			await cdp.send('HeapProfiler.collectGarbage');
			const heapMB = liveHeapMB(await cdp.send('Runtime.getHeapUsage'));
			// A worker's round trip waits behind the stream's messages and took minutes under load,
			// so workers are read only when asked.
			const workerHeapMB: Record<string, number> = {};
			for (const [name, worker] of withWorkers ? workers : []) {
				workerHeapMB[name] = liveHeapMB(await worker.liveHeapUsage());
			}
			const dom = await cdp.send('Memory.getDOMCounters');
			const rss = rendererRssMB(browserPid);
			const records = await figure(page, 'record-count');
			const rejected = await figure(page, 'error-count');
			sampleSpans.push({ fromMs: started, toMs: Date.now() });
			const entry: Sample = {
				elapsedS: (started - startMs) / 1000,
				sampleS: (Date.now() - started) / 1000,
				heapMB,
				workerHeapMB,
				rendererRssMB: rss,
				domNodes: dom.nodes,
				listeners: dom.jsEventListeners,
				records,
				rejected
			};
			samples.push(entry);
			const workerText = Object.entries(workerHeapMB)
				.map(([name, mb]) => `, ${name} worker ${mb.toFixed(2)} MB`)
				.join('');
			console.log(
				`soak: ${entry.elapsedS.toFixed(0)} s, page live heap ${entry.heapMB.toFixed(2)} MB` +
					`${workerText}, renderer RSS ${entry.rendererRssMB.toFixed(0)} MB, ` +
					`${entry.domNodes} DOM nodes, ${entry.listeners} listeners, ` +
					`${entry.records} records, ${entry.rejected} rejected; ` +
					`the sample took ${entry.sampleS.toFixed(1)} s`
			);
			return entry;
		};

		await sleep(warmUpS * 1000);
		const warmUpEndMs = Date.now();
		const warm = await sample();
		// The timer's figures count from the end of the warm-up.
		await page.evaluate(() => {
			const state = window as unknown as { __timer: TimerLateness };
			state.__timer.buckets.fill(0);
			state.__timer.max = 0;
		});
		const finished = producerDone.then(() => 'done' as const);
		const everyMs = Math.max(5, durationS / 40) * 1000;
		let frozen = false;
		const setFrozen = async (state: boolean) => {
			frozen = state;
			await cdp.send('Page.setWebLifecycleState', { state: state ? 'frozen' : 'active' });
			console.log(
				`soak: ${((Date.now() - startMs) / 1000).toFixed(0)} s, page ${state ? 'frozen' : 'active'}`
			);
		};
		const tick = Math.min(everyMs, 5000);
		let nextSampleMs = Date.now() + everyMs;
		while ((await Promise.race([finished, sleep(tick)])) !== 'done') {
			const elapsedS = (Date.now() - startMs) / 1000;
			if (freeze !== null && !frozen && elapsedS >= freeze.fromS && elapsedS < freeze.toS) {
				await setFrozen(true);
			} else if (frozen && elapsedS >= freeze!.toS) {
				await setFrozen(false);
			}
			// A frozen page cannot reply to a figure read, so samples wait until it runs again.
			if (!frozen && Date.now() >= nextSampleMs) {
				await sample();
				nextSampleMs = Date.now() + everyMs;
			}
		}
		if (frozen) await setFrozen(false);
		const streamed = [...samples];
		// Counts settle once the last batches reach the analysis worker.
		let settled = await figure(page, 'record-count');
		for (;;) {
			await sleep(1000);
			const now = await figure(page, 'record-count');
			if (now === settled) break;
			settled = now;
		}
		const end = await sample(true);
		const { pairs, timer } = await page.evaluate(() => {
			const state = window as unknown as { __longTasks: number[]; __timer: TimerLateness };
			return { pairs: state.__longTasks, timer: state.__timer };
		});
		const longTasks: LongTask[] = [];
		for (let i = 0; i < pairs.length; i += 2) {
			longTasks.push({ startMs: pairs[i], durationMs: pairs[i + 1] });
		}
		const afterWarmUp = longTasks.filter((task) => task.startMs >= warmUpEndMs);
		const { during, outside } = splitLongTasks(afterWarmUp, sampleSpans);
		const longest = (tasks: LongTask[]) => Math.max(0, ...tasks.map((task) => task.durationMs));

		// A run too short or too slow for three samples while streaming counts the final one too.
		const readings = streamed.length >= 3 ? streamed : samples;
		const heap = heapGrowth(readings);
		const summary = /sent (\d+) records/.exec(producerLog);
		const producerSent = summary ? Number(summary[1]) : NaN;
		const result: SoakResult = {
			date: new Date().toISOString(),
			durationS,
			rate,
			warmUpS,
			sent: producerSent,
			ingested: end.records,
			rejected: end.rejected,
			accounted: end.records + end.rejected === producerSent,
			heap,
			heapAfterStreamMB: end.heapMB,
			heapReadings: streamed.length,
			workerHeapAfterStreamMB: end.workerHeapMB,
			rendererRssWarmMB: warm.rendererRssMB,
			rendererRssEndMB: end.rendererRssMB,
			longTasks: longTasks.length,
			longTasksAfterWarmUp: outside.length,
			longestTaskAfterWarmUpMs: longest(outside),
			longTasksDuringSamples: during.length,
			longestTaskDuringSamplesMs: longest(during),
			timerLatenessMaxMs: timer.max,
			timerLatenessP99Ms: bucketPercentile(timer.buckets, 99),
			slowestSampleS: Math.max(0, ...samples.map((entry) => entry.sampleS)),
			wallS: (Date.now() - startMs) / 1000,
			samples,
			longTaskList: longTasks,
			command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(),
			frozen: freeze
		};
		mkdirSync('reports', { recursive: true });
		writeFileSync('reports/soak.json', JSON.stringify(result, null, '\t') + '\n');
		writeFileSync(values.report!, renderReport(result));
		// The repository's format check covers docs, so the table is padded as Prettier does.
		spawnSync(process.execPath, [
			'node_modules/prettier/bin/prettier.cjs',
			'--write',
			values.report!
		]);
		console.log(
			`soak: ${result.ingested} ingested + ${result.rejected} rejected of ${result.sent} sent; ` +
				`live heap ${heap.fitPercent.toFixed(1)} % after warm-up (Theil–Sen line); ` +
				`${outside.length} long tasks > ${LONG_TASK_MS} ms after warm-up outside samples, ` +
				`${during.length} during them`
		);
		const passed =
			result.accounted &&
			(values.require === 'counts' ||
				(heapGrowthMet(result) &&
					domCounts(result).nodes.flat &&
					domCounts(result).listeners.flat));
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

main().catch((error) => {
	const cause = (error as Error).cause as Error | undefined;
	const detail = cause ? ` (${cause.message.split('\n')[0]})` : '';
	console.error(`soak: ${(error as Error).message}${detail}`);
	process.exit(1);
});
