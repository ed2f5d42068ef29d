import type { CDPSession, Page } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromiumRss } from './process-memory';
import { WorkerDebugger, type HeapUsage } from './worker-debugger';

const MiB = 2 ** 20;

/** Memory of the page and its workers at one moment, in MiB. */
export interface MemorySample {
	/** JS heap (V8 heap in use plus ArrayBuffer backing stores) of each thread, by name. */
	heap: Record<string, number>;
	/** Whether garbage was collected in each thread just before, so `heap` is what is live. */
	collected: boolean;
	rendererRss: number;
	chromiumRss: number;
}

/** Per-thread heap of `usage`: garbage not yet collected counts, as it occupies memory. */
function heapMiB(usage: HeapUsage): number {
	return (usage.usedSize + (usage.backingStorageSize ?? 0)) / MiB;
}

/**
 * Samples the JS heap of a page's main thread and of its named workers (CDP
 * `Runtime.getHeapUsage` on each target), and the resident set size of the Chromium started
 * with `profile`, until `stop`.
 */
export class MemorySampler {
	readonly samples: MemorySample[] = [];
	#page: CDPSession;
	#workers: Map<string, WorkerDebugger>;
	#profile: string;
	#running: Promise<void> | null = null;
	#stopped = false;

	private constructor(page: CDPSession, workers: Map<string, WorkerDebugger>, profile: string) {
		this.#page = page;
		this.#workers = workers;
		this.#profile = profile;
	}

	static async attach(page: Page, workers: string[], profile: string): Promise<MemorySampler> {
		const session = await page.context().newCDPSession(page);
		return new MemorySampler(session, await WorkerDebugger.attachAll(page, workers), profile);
	}

	/** Takes one sample now; with `collect`, after collecting garbage in each thread. */
	async sample(collect = false): Promise<MemorySample> {
		const heap: Record<string, number> = {};
		if (collect) await this.#page.send('HeapProfiler.collectGarbage');
		heap.page = heapMiB((await this.#page.send('Runtime.getHeapUsage')) as HeapUsage);
		for (const [name, worker] of this.#workers) {
			heap[name] = heapMiB(await (collect ? worker.liveHeapUsage() : worker.heapUsage()));
		}
		const rss = chromiumRss(this.#profile);
		const entry = { heap, collected: collect, rendererRss: rss.renderers, chromiumRss: rss.all };
		this.samples.push(entry);
		return entry;
	}

	/**
	 * Samples every `everyMs`, and collects garbage before every `collectEvery`-th sample, which
	 * costs the threads a full collection each time.
	 */
	start(everyMs = 250, collectEvery = 4): void {
		this.#stopped = false;
		this.#running = (async () => {
			for (let n = 1; !this.#stopped; n++) {
				const started = Date.now();
				await this.sample(n % collectEvery === 0);
				await sleep(Math.max(0, everyMs - (Date.now() - started)));
			}
		})();
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		await this.#running;
	}

	/** Returns the largest value of `pick` over the samples, or over those taken after a collection. */
	peak(pick: (sample: MemorySample) => number, collectedOnly = false): number {
		let max = -Infinity;
		for (const sample of this.samples) {
			if (!collectedOnly || sample.collected) max = Math.max(max, pick(sample));
		}
		return max;
	}
}
