import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { FigureRow } from './report';

/** What every figure gets from the benchmark runner. */
export interface BenchContext {
	browser: Browser;
	/** Address of the built app, e.g. http://127.0.0.1:4673. */
	baseUrl: string;
	/** Port for the producer's WebSocket mode. */
	producerPort: number;
	/** Runs per figure; the report shows their median. */
	runs: number;
	/** Quick mode: one run and small sizes, so that CI can show the benchmark still runs. */
	quick: boolean;
	log(message: string): void;
}

/**
 * One figure of the report, in its own module under bench/figures/. New figures (analysis,
 * history) are added by writing a module like the others and listing it in bench/run.ts.
 */
export interface Figure {
	/** Name shown in the progress log. */
	name: string;
	run(context: BenchContext): Promise<FigureRow[]>;
}

const helperScript = readFileSync(new URL('./page/bench-page.js', import.meta.url), 'utf8');

/**
 * Opens a page of the app at `path` with the benchmark helpers loaded before the app starts.
 * The site's Content-Security-Policy is bypassed because it blocks the blob: worker that runs
 * the file reference. The app's own scripts still load from the site.
 */
export async function openAppPage(context: BenchContext, path: string): Promise<Page> {
	const page = await context.browser.newPage({
		viewport: { width: 1280, height: 800 },
		bypassCSP: true
	});
	await page.addInitScript({ content: helperScript });
	await page.goto(`${context.baseUrl}${path}`);
	await page.waitForSelector('[data-testid="source-status"]');
	return page;
}

/** Formats a byte count in decimal megabytes, as file sizes are usually given. */
export function megabytes(bytes: number): string {
	return `${(bytes / 1e6).toFixed(0)} MB`;
}
