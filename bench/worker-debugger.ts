import type { CDPSession, Page } from '@playwright/test';

/** `Runtime.getHeapUsage`, in bytes. */
export interface HeapUsage {
	usedSize: number;
	totalSize: number;
	/** ArrayBuffer backing stores, outside the V8 heap. Chromium 156, used here, reports them. */
	backingStorageSize?: number;
}

/**
 * Sends CDP commands to a dedicated worker through the page's session. Dedicated workers are
 * child targets, and Playwright's CDPSession cannot address them by session id, so messages
 * go through Target.sendMessageToTarget (the non-flat protocol mode).
 */
export class WorkerDebugger {
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
			if (message.id === undefined) return;
			this.#pending.get(message.id)?.(message.result);
			this.#pending.delete(message.id);
		});
	}

	/** Attaches to the worker whose name (the Worker constructor's `name`) is `name`. */
	static async attach(page: Page, name: string): Promise<WorkerDebugger> {
		return (await WorkerDebugger.attachAll(page, [name])).get(name)!;
	}

	/**
	 * Attaches to every worker named in `names`, and resolves once each has been seen.
	 *
	 * @throws Error when one of them has not started within `timeoutMs`.
	 */
	static async attachAll(
		page: Page,
		names: readonly string[],
		timeoutMs = 10_000
	): Promise<Map<string, WorkerDebugger>> {
		const session = await page.context().newCDPSession(page);
		const found = new Map<string, WorkerDebugger>();
		const all = new Promise<void>((resolve) => {
			session.on('Target.attachedToTarget', (event) => {
				const title = event.targetInfo.title;
				if (event.targetInfo.type !== 'worker' || !names.includes(title) || found.has(title)) {
					return;
				}
				found.set(title, new WorkerDebugger(session, event.sessionId));
				if (found.size === names.length) resolve();
			});
		});
		await session.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: false,
			flatten: false
		});
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				const missing = names.filter((name) => !found.has(name)).join(', ');
				reject(new Error(`workers not found within ${timeoutMs} ms: ${missing}`));
			}, timeoutMs);
		});
		try {
			await Promise.race([all, timeout]);
		} finally {
			clearTimeout(timer);
		}
		return found;
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

	/** Returns the heap in use, garbage included. */
	async heapUsage(): Promise<HeapUsage> {
		return (await this.send('Runtime.getHeapUsage')) as HeapUsage;
	}

	/** Collects garbage, then returns the heap in use. */
	async liveHeapUsage(): Promise<HeapUsage> {
		await this.send('HeapProfiler.collectGarbage');
		return this.heapUsage();
	}
}
