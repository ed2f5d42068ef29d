import type { Page } from '@playwright/test';
import { openAppPage, type BenchContext } from './figure';

/** Points buffered for the chart and memory figures: a million, or 100,000 in quick mode. */
export function pointCount(context: BenchContext): number {
	return context.quick ? 100_000 : 1_000_000;
}

/**
 * Opens the dashboard with a buffer of `count` points and generates that many points one second
 * apart in the page, kept as `streamlensBench.store.points` (a compact JSONL Blob plus the same
 * numbers as arrays). Loading them into the app is left to the caller.
 */
export async function openPointsPage(context: BenchContext, count: number): Promise<Page> {
	const page = await openAppPage(context, `/?source=file&capacity=${count}`);
	await page.evaluate(`(() => {
		streamlensBench.store.points = streamlensBench.compactPoints(${count});
	})()`);
	return page;
}

/** Feeds the generated points to the app's file input and waits for every one to be counted. */
export async function ingestPoints(page: Page, count: number): Promise<void> {
	const result = (await page.evaluate(
		`streamlensBench.ingestIntoApp(streamlensBench.store.points.blob, 'points.jsonl', ${count}, 300000)`
	)) as { ms: number; count: number; status: string };
	if (!Number.isFinite(result.ms)) {
		throw new Error(
			`loading ${count} points did not finish: status ${result.status}, ${result.count} counted`
		);
	}
}
