// The soak test's figures and the Markdown page (docs/soak.md) that reports them.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { ensureBrowser } from '../support/find-browser.js';
import { countEnds, type CountEnds, type HeapGrowth, type LongTask } from './soak-figures';

/** Heap growth after warm-up that counts as a leak, in percent. */
export const HEAP_GROWTH_TARGET = 5;
/** Long tasks, by the Long Tasks API's definition, last more than 50 ms. */
export const LONG_TASK_MS = 50;
/** Period of the page's own timer whose lateness shows whether the main thread keeps up. */
export const TIMER_MS = 100;

/** One reading of the page, its workers and the renderer processes. */
export interface Sample {
	elapsedS: number;
	/** Wall time that taking this sample through the DevTools protocol took. */
	sampleS: number;
	/** The page's live heap after a forced garbage collection, ArrayBuffers included, in MB. */
	heapMB: number;
	/** The same for each worker, by the worker's name; read only in the final sample. */
	workerHeapMB: Record<string, number>;
	rendererRssMB: number;
	/** DOM nodes of the page and its JavaScript event listeners, after the garbage collection. */
	domNodes: number;
	listeners: number;
	records: number;
	rejected: number;
}

export interface SoakResult {
	date: string;
	durationS: number;
	rate: number;
	warmUpS: number;
	sent: number;
	ingested: number;
	rejected: number;
	accounted: boolean;
	/** Growth of the page's live heap over the samples taken while the stream ran. */
	heap: HeapGrowth;
	/** The page's live heap once the stream had ended and the counts had settled. */
	heapAfterStreamMB: number;
	/** Samples taken while the stream ran. */
	heapReadings: number;
	/** Each worker's live heap once the stream had ended, by the worker's name, in MB. */
	workerHeapAfterStreamMB: Record<string, number>;
	rendererRssWarmMB: number;
	rendererRssEndMB: number;
	longTasks: number;
	/** Long tasks after warm-up that overlap no sample. */
	longTasksAfterWarmUp: number;
	longestTaskAfterWarmUpMs: number;
	/** Long tasks after warm-up that overlap a sample, which forces garbage collections. */
	longTasksDuringSamples: number;
	longestTaskDuringSamplesMs: number;
	timerLatenessMaxMs: number;
	timerLatenessP99Ms: number;
	slowestSampleS: number;
	wallS: number;
	samples: Sample[];
	longTaskList: LongTask[];
	/** The command that ran the soak, options included. */
	command: string;
	/** The span of the run during which the page was frozen, or null. */
	frozen: { fromS: number; toS: number } | null;
}

/** Minimum number of samples while streaming for a heap trend to be judged. */
const MIN_HEAP_READINGS = 3;

/** Tests whether the heap grew less than the target, judged on enough samples. */
export function heapGrowthMet(result: SoakResult): boolean {
	return result.heapReadings >= MIN_HEAP_READINGS && result.heap.fitPercent < HEAP_GROWTH_TARGET;
}

/** DOM node growth from the first to the last samples that counts as nodes kept, in percent. */
export const DOM_GROWTH_TARGET = 5;

/** Compares the page's DOM nodes and listeners at the start and the end of the stream's samples. */
export function domCounts(result: SoakResult): { nodes: CountEnds; listeners: CountEnds } {
	const streamed = result.samples.slice(0, Math.max(result.heapReadings, 1));
	return {
		nodes: countEnds(
			streamed.map((sample) => sample.domNodes),
			DOM_GROWTH_TARGET
		),
		listeners: countEnds(
			streamed.map((sample) => sample.listeners),
			DOM_GROWTH_TARGET
		)
	};
}

export function renderReport(result: SoakResult): string {
	const chromiumVersion = spawnSync(ensureBrowser(), ['--version'], {
		encoding: 'utf8'
	}).stdout.trim();
	const cpu = cpus();
	const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
	const heap = result.heap;
	const heapVerdict =
		result.heapReadings >= MIN_HEAP_READINGS
			? verdict(heapGrowthMet(result))
			: `not measured, ${result.heapReadings} samples while streaming`;
	const dom = domCounts(result);
	const frozen = result.frozen
		? `The page was frozen from ${result.frozen.fromS} s to ${result.frozen.toS} s of the run with the DevTools protocol's \`Page.setWebLifecycleState\`, as Chromium freezes a background tab: its main thread ran no task while the workers went on. No sample was taken then.`
		: '';
	const workers = Object.entries(result.workerHeapAfterStreamMB)
		.map(([name, mb]) => `${name} ${mb.toFixed(2)} MB`)
		.join(', ');
	return `# Soak test

\`npm run soak\` (\`tests/soak/soak.ts\`) builds the site, serves it with \`vite preview\`, starts
the producer in WebSocket mode with \`--count\` set to duration × rate, and opens the dashboard
on it in headless Chromium. It checks that records ingested plus rejected equal the messages the
producer sent. \`npm test\` runs a 30-second version on the site it has just built, with \`--report reports/soak.md\`
(so this page keeps the long run) and \`--require counts\`: there the run fails only when a record
is missing, because the heap and long-task figures of a short run depend on the machine's load.
\`--shape\`, \`--devices\` and \`--split\` stream other record shapes, such as eight devices on
lines of their own. \`--freeze FROM-TO\` freezes the page for a span of the run, as Chromium
freezes a background tab, to show that nothing piles up meanwhile.

**Heap.** After a warm-up, each sample reads the live heap of the page's main thread the way the
benchmark's memory figures do: the DevTools protocol's \`HeapProfiler.collectGarbage\` in the
thread, then \`Runtime.getHeapUsage\`, whose used size plus ArrayBuffer backing stores is the
figure. So garbage not yet collected never counts as growth. The stream, analysis and chart
workers are read the same way once the stream has ended, because a round trip to a worker waited
behind the stream's messages for minutes on a loaded machine. A live heap of a few MB still moves
by more than 5 % between samples as transient objects come and go. So growth is measured along a
Theil–Sen line (the median of the slopes between every pair of samples) through the samples taken
while the stream ran, from the first sample's time to the last's. With fewer than three such
samples, the final one counts too. The medians of the first and last three samples are shown
beside it. The resident memory of the renderer processes, which hold the page and its workers, is
read with \`ps\`. The DOM nodes and event listeners come from \`Memory.getDOMCounters\` in each sample.

**Responsiveness.** A \`PerformanceObserver\` records each long task (over ${LONG_TASK_MS} ms) with its
start, and the page's own ${TIMER_MS} ms timer records how late it fires. A sample forces full
garbage collections on the main thread and runs Playwright's selector code there, which the page
never does by itself, so long tasks that overlap a sample are counted apart.

Each sample goes through the DevTools protocol, whose round trips took seconds while the
producer streamed on a loaded machine. The slowest sample is in the table: samples are at least
that far apart, and a figure may be that old when it is read.

## Latest run

\`${result.command}\` on ${result.date}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${chromiumVersion || 'Chromium'}. ${frozen}

| Figure | Result | Target |
| --- | --- | --- |
| Duration, rate | ${result.durationS} s at ${result.rate} records/s (${result.wallS.toFixed(0)} s wall clock, warm-up ${result.warmUpS} s) | ${result.durationS === 600 && result.rate === 10_000 ? '10 min at 10,000 records/s' : 'as asked'} |
| Records sent by the producer | ${result.sent} | |
| Ingested + rejected | ${result.ingested} + ${result.rejected} = ${result.ingested + result.rejected} | equal to sent: ${verdict(result.accounted)} |
| Page live heap along the Theil–Sen line, ${result.heapReadings} samples while streaming | ${heap.fitStartMB.toFixed(2)} MB → ${heap.fitEndMB.toFixed(2)} MB (${heap.fitPercent.toFixed(1)} %) | < ${HEAP_GROWTH_TARGET} % growth: ${heapVerdict} |
| Page live heap, median of the first → last 3 samples | ${heap.firstMB.toFixed(2)} MB → ${heap.lastMB.toFixed(2)} MB (${heap.medianPercent.toFixed(1)} %) | |
| Page live heap after the stream ended | ${result.heapAfterStreamMB.toFixed(2)} MB | |
| Page DOM nodes, median of the first → last 3 samples | ${dom.nodes.first} → ${dom.nodes.last} | at most ${DOM_GROWTH_TARGET} % more: ${verdict(dom.nodes.flat)} |
| Page event listeners, median of the first → last 3 samples | ${dom.listeners.first} → ${dom.listeners.last} | at most ${DOM_GROWTH_TARGET} % more: ${verdict(dom.listeners.flat)} |
| Workers' live heap after the stream ended | ${workers} | |
| Renderer memory (RSS), after warm-up → end | ${result.rendererRssWarmMB.toFixed(0)} MB → ${result.rendererRssEndMB.toFixed(0)} MB | |
| Long tasks over ${LONG_TASK_MS} ms after warm-up, outside samples | ${result.longTasksAfterWarmUp}, longest ${result.longestTaskAfterWarmUpMs.toFixed(0)} ms | none: ${verdict(result.longTasksAfterWarmUp === 0)} |
| Long tasks over ${LONG_TASK_MS} ms after warm-up, during samples; in the whole run | ${result.longTasksDuringSamples}, longest ${result.longestTaskDuringSamplesMs.toFixed(0)} ms; ${result.longTasks} | |
| Lateness of the page's ${TIMER_MS} ms timer after warm-up, p99 (10 ms buckets) / max | ≤ ${result.timerLatenessP99Ms.toFixed(0)} / ${result.timerLatenessMaxMs.toFixed(0)} ms | |
| Slowest sample through the DevTools protocol | ${result.slowestSampleS.toFixed(1)} s | |

Every sample and long task is in \`reports/soak.json\` after a run.
`;
}
