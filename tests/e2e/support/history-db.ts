import { expect, type Locator, type Page } from './test';

/** A stored session and its records in plain arrays, as the page's IndexedDB holds them. */
export interface DumpedSession {
	id: string;
	name: string;
	state: string;
	createdAt: number;
	recordCount: number;
	start: number;
	end: number;
	series: string[];
	label: string;
	source: string;
	mapping: unknown;
	settings: unknown;
	time: number[];
	/** values[s][i]; null where the stored value is NaN. */
	values: (number | null)[][];
	category: (string | null)[];
}

/** Reads every session of the history database with its records, oldest first. */
export async function dumpHistory(page: Page): Promise<DumpedSession[]> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('streamlens-history');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const read = <T>(store: string, query?: IDBKeyRange) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll(query);
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(request.error);
			});
		type Chunk = {
			count: number;
			time: Float64Array;
			values: Float64Array[];
			category: Int32Array;
			categories: string[];
		};
		const sessions = await read<Record<string, unknown>>('sessions');
		const dumped = [];
		for (const session of sessions) {
			const id = session.id as string;
			const chunks = await read<Chunk>('chunks', IDBKeyRange.bound([id, 0], [id, Infinity]));
			const series = session.series as string[];
			const out = {
				...session,
				createdAt: session.createdAt as number,
				time: [] as number[],
				values: series.map(() => [] as (number | null)[]),
				category: [] as (string | null)[]
			};
			for (const chunk of chunks) {
				for (let i = 0; i < chunk.count; i++) {
					out.time.push(chunk.time[i]);
					chunk.values.forEach((column, s) =>
						out.values[s].push(Number.isNaN(column[i]) ? null : column[i])
					);
					const c = chunk.category[i];
					out.category.push(c < 0 ? null : chunk.categories[c]);
				}
			}
			dumped.push(out);
		}
		db.close();
		return dumped.sort((a, b) => a.createdAt - b.createdAt);
	}) as Promise<DumpedSession[]>;
}

/** Reads the raw number behind a `data-testid` element. */
export async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/**
 * Runs the simulator at `rate` records a second until it has sent more than `count`, then stops
 * it and waits until the source is idle.
 */
export async function recordSimulator(page: Page, rate: number, count: number): Promise<void> {
	await page.goto(`/?rate=${rate}`);
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(count);
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
}

/** Records as `recordSimulator` does, then opens the history page and returns its one session. */
export async function recordAndOpenHistory(
	page: Page,
	rate: number,
	count: number
): Promise<Locator> {
	await recordSimulator(page, rate, count);
	await page.goto('/history/');
	const session = page.getByTestId('session');
	await expect(session).toHaveCount(1);
	return session;
}
