import type { BenchContext } from './figure';

/** Points analysed for the isolation forest and DBSCAN figures. */
export const ANALYSIS_POINTS = 10_000;

/** Milliseconds the analysis worker reported for each timed analysis, one sample per run. */
export interface AnalysisTimings {
	isolationForest: number[];
	kDistance: number[];
	dbscan: number[];
}

/**
 * Builds `count` records one minute apart as JSON Lines: a daily cycle, seeded uniform noise
 * and a spike every 997 records, so that both detectors and clusters have something to find.
 */
export function analysisDataset(count: number): string {
	let state = 7;
	const uniform = () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
	const start = Date.UTC(2024, 0, 1);
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const cycle = 20 * Math.sin((2 * Math.PI * i) / 1440);
		const spike = i % 997 === 500 ? 40 : 0;
		const value = Math.round((50 + cycle + 5 * uniform() + spike) * 1000) / 1000;
		lines.push(JSON.stringify({ timestamp: new Date(start + i * 60_000).toISOString(), value }));
	}
	return lines.join('\n') + '\n';
}

/**
 * Opens the analysis page, loads the generated dataset through its file input and runs every
 * analysis `context.runs` times in the analysis-suite worker, reading the timings that the
 * worker measured with performance.now() from the page after each run.
 */
export async function measureAnalyses(context: BenchContext): Promise<AnalysisTimings> {
	const page = await context.browser.newPage({ viewport: { width: 1280, height: 800 } });
	const timings: AnalysisTimings = { isolationForest: [], kDistance: [], dbscan: [] };
	try {
		await page.goto(`${context.baseUrl}/analysis/`);
		await page.locator('input[type=file]').setInputFiles({
			name: 'analysis-bench.jsonl',
			mimeType: 'application/x-ndjson',
			buffer: Buffer.from(analysisDataset(ANALYSIS_POINTS))
		});
		const status = page.getByTestId('suite-status');
		await status.and(page.locator('[data-value="ready"]')).waitFor({ timeout: 60_000 });

		const read = async (testid: string) =>
			Number(await page.getByTestId(testid).getAttribute('data-value'));
		for (let run = 0; run < context.runs; run++) {
			await page.getByTestId('run-analyses').click();
			await status.and(page.locator('[data-value="done"]')).waitFor({ timeout: 120_000 });
			timings.isolationForest.push(await read('timing-iforest'));
			timings.kDistance.push(await read('timing-kdistance'));
			timings.dbscan.push(await read('timing-dbscan'));
		}
	} finally {
		await page.close();
	}
	return timings;
}
