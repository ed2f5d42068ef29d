import type { Page } from '@playwright/test';

/**
 * Lists the URLs that the page's stream workers have fetched, from their own resource timing.
 * Unlike the page's response events, this also lists a module served from a worker's cache.
 */
export async function streamWorkerResources(page: Page): Promise<string[]> {
	const workers = page.workers().filter((worker) => /stream\.worker/.test(worker.url()));
	if (workers.length === 0) throw new Error('stream worker not found among the page workers');
	const lists = await Promise.all(
		workers.map((worker) =>
			worker
				.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))
				// A worker that a source change ended while this ran has nothing left to report.
				.catch(() => [] as string[])
		)
	);
	return lists.flat();
}
