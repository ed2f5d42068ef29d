import type { CDPSession, Page } from '@playwright/test';
import type { BenchContext, Figure } from '../figure';
import { ingestPoints, openPointsPage, pointCount } from '../points-page';
import type { FigureRow } from '../report';

interface HeapUsage {
	usedSize: number;
	totalSize: number;
	/** ArrayBuffer backing stores, outside the V8 heap. Chromium 156, used here, reports them. */
	backingStorageSize?: number;
}

/**
 * Sends CDP commands to the analysis worker through the page's session. Dedicated workers are
 * child targets, and Playwright's CDPSession cannot address them by session id, so messages
 * go through Target.sendMessageToTarget (the non-flat protocol mode).
 */
class WorkerDebugger {
	#session: CDPSession;
	#workerSession: string;
	#nextId = 1;
	#pending = new Map<number, (result: unknown) => void>();

	private constructor(session: CDPSession, workerSession: string) {
		this.#session = session;
		this.#workerSession = workerSession;
		session.on('Target.receivedMessageFromTarget', (event) => {
			if (event.sessionId !== this.#workerSession) return;
			const message = JSON.parse(event.message) as { id?: number; result?: unknown };
			if (message.id !== undefined) this.#pending.get(message.id)?.(message.result);
		});
	}

	/** Attaches to the worker whose name (the Worker constructor's `name`) is `name`. */
	static async attach(page: Page, name: string): Promise<WorkerDebugger> {
		const session = await page.context().newCDPSession(page);
		const attached = new Promise<string>((resolve) => {
			session.on('Target.attachedToTarget', (event) => {
				if (event.targetInfo.type === 'worker' && event.targetInfo.title === name) {
					resolve(event.sessionId);
				}
			});
		});
		await session.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: false,
			flatten: false
		});
		return new WorkerDebugger(session, await attached);
	}

	send(method: string, params: object = {}): Promise<unknown> {
		const id = this.#nextId++;
		const result = new Promise<unknown>((resolve) => this.#pending.set(id, resolve));
		void this.#session.send('Target.sendMessageToTarget', {
			sessionId: this.#workerSession,
			message: JSON.stringify({ id, method, params })
		});
		return result;
	}

	/** Collects garbage, then returns the heap in use. */
	async heapUsage(): Promise<HeapUsage> {
		await this.send('HeapProfiler.collectGarbage');
		return (await this.send('Runtime.getHeapUsage')) as HeapUsage;
	}
}

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
			const before = await worker.heapUsage();
			await ingestPoints(page, count);
			const after = await worker.heapUsage();
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
