import type { Page } from '@playwright/test';

/**
 * Lists the URLs that the page's stream worker has fetched, from its own resource timing. Unlike
 * the page's response events, this also sees a module served from the worker's memory cache.
 */
export async function streamWorkerResources(page: Page): Promise<string[]> {
	// The newest one, should a source change have replaced the worker.
	const worker = page
		.workers()
		.filter((candidate) => /stream\.worker/.test(candidate.url()))
		.at(-1);
	if (worker === undefined) throw new Error('stream worker not found among the page workers');
	return worker.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
}
