import type { BenchContext, Figure } from '../figure';
import { ingestPoints, openPointsPage, pointCount } from '../points-page';
import type { FigureRow } from '../report';
import { WorkerDebugger } from '../worker-debugger';

const MB = 2 ** 20;

/** JavaScript heap of the analysis worker with a million points buffered. */
export const bufferHeap: Figure = {
	name: 'buffer heap',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const count = pointCount(context);
		const totals: number[] = [];
		const atDoneTotals: number[] = [];
		let unsettled = 0;
		let detail = '';

		for (let run = 0; run < context.runs; run++) {
			const page = await openPointsPage(context, count);
			const worker = await WorkerDebugger.attach(page, 'analysis');
			const before = await worker.liveHeapUsage();
			await ingestPoints(page, count);
			const atDone = await worker.liveHeapUsage();
			const { usage: after, waitedMs, settled } = await settledHeap(worker);
			if (!settled) unsettled += 1;
			await page.close();

			const total = sizeOf(after) / MB;
			totals.push(total);
			atDoneTotals.push(sizeOf(atDone) / MB);
			detail =
				`V8 heap ${(after.usedSize / MB).toFixed(1)} MiB plus ArrayBuffer backing stores ` +
				`${((after.backingStorageSize ?? NaN) / MB).toFixed(1)} MiB, ${(waitedMs / 1000).toFixed(1)} s ` +
				`after the file was done; before the file, with the empty buffer already sized: ` +
				`${(sizeOf(before) / MB).toFixed(1)} MiB`;
			context.log(`buffer heap run ${run + 1}: ${total.toFixed(1)} MiB (${detail})`);
		}

		const points = count.toLocaleString('en-US');
		return [
			{
				figure: `JS heap, ${points} points buffered`,
				value: { label: 'analysis worker', unit: 'MiB', samples: totals },
				target: { of: 'value', compare: '<=', limit: 48 },
				note:
					`${points} points loaded through the file input with \`?capacity=${count}\`. CDP ` +
					'`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` on the analysis worker ' +
					'target: `usedSize` plus `backingStorageSize`, because the typed arrays of the ' +
					'buffer live outside the V8 heap. It is read once two readings half a second apart ' +
					'differ by less than 0.25 MiB: at `done` the history recorder still holds chunks ' +
					'waiting for IndexedDB, and IndexedDB the copies it is writing, which it lets go ' +
					`within seconds. At \`done\` the total was ${atDoneTotals.map((v) => v.toFixed(1)).join(', ')} ` +
					`MiB.${unsettled > 0 ? ` In ${unsettled} run(s) the heap had not settled after 15 s, and the last reading is given.` : ''} Last run: ${detail}. The stream worker and the page hold no points after the ` +
					'file is done.'
			}
		];
	}
};

type HeapUsage = Awaited<ReturnType<WorkerDebugger['liveHeapUsage']>>;

function sizeOf(usage: HeapUsage): number {
	return usage.usedSize + (usage.backingStorageSize ?? 0);
}

/**
 * Reads the worker's live heap every 500 ms until two readings in a row differ by less than
 * 0.25 MiB, or 15 s have passed, and returns the last reading.
 */
async function settledHeap(
	worker: WorkerDebugger
): Promise<{ usage: HeapUsage; waitedMs: number; settled: boolean }> {
	const started = Date.now();
	let previous = await worker.liveHeapUsage();
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const usage = await worker.liveHeapUsage();
		const waitedMs = Date.now() - started;
		const settled = Math.abs(sizeOf(usage) - sizeOf(previous)) < 0.25 * MB;
		if (settled || waitedMs > 15_000) {
			return { usage, waitedMs, settled };
		}
		previous = usage;
	}
}
