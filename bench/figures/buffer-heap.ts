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
		let detail = '';

		for (let run = 0; run < context.runs; run++) {
			const page = await openPointsPage(context, count);
			const worker = await WorkerDebugger.attach(page, 'analysis');
			const before = await worker.liveHeapUsage();
			await ingestPoints(page, count);
			const after = await worker.liveHeapUsage();
			await page.close();

			const total = (after.usedSize + (after.backingStorageSize ?? 0)) / MB;
			totals.push(total);
			detail =
				`V8 heap ${(after.usedSize / MB).toFixed(1)} MiB plus ArrayBuffer backing stores ` +
				`${((after.backingStorageSize ?? NaN) / MB).toFixed(1)} MiB; before the file, with ` +
				`the empty buffer already sized: ${((before.usedSize + (before.backingStorageSize ?? 0)) / MB).toFixed(1)} MiB`;
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
					`buffer live outside the V8 heap. Last run: ${detail}. The stream worker and the ` +
					'page hold no points after the file is done.'
			}
		];
	}
};
