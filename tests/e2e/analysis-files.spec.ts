import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from './support/test';
import { AnalysisSuite } from '../../src/lib/analysis/analysis-suite';

const gzipFile = 'tests/fixtures/cases/case-11-gzip.jsonl.gz';
const misnamedFile = 'tests/fixtures/cases/case-11b-gzip-misnamed.jsonl';
const csvFile = 'tests/fixtures/nab/artificialWithAnomaly/art_daily_jumpsup.csv';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** The summary that Node computes from the decompressed records of case 11. */
function expectedGzipSummary() {
	const suite = new AnalysisSuite();
	suite.load(gunzipSync(readFileSync(gzipFile)).toString('utf8'), 'case-11.jsonl');
	return suite.run().summary;
}

/** Chooses `file`, checks the message of its read, then runs the analyses. */
async function readAndRun(
	page: Page,
	file: string,
	readMessage: string,
	screenshot?: string
): Promise<void> {
	const status = page.getByTestId('suite-status');
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(status).toHaveAttribute('data-value', 'ready');
	await expect(status).toHaveText(readMessage);
	if (screenshot !== undefined) await page.screenshot({ path: screenshot });
	await page.getByTestId('run-analyses').click();
	await expect(status).toHaveAttribute('data-value', 'done');
}

test('analysis file gzip named .gz', async ({ page }) => {
	const expected = expectedGzipSummary();
	await page.goto('/analysis/');
	await readAndRun(
		page,
		gzipFile,
		'50 records read from case-11-gzip.jsonl.gz (gzip), 0 lines rejected.'
	);

	expect(await figure(page, 'suite-count')).toBe(50);
	expect(await figure(page, 'suite-mean')).toBe(expected.mean);
	expect(await figure(page, 'suite-min')).toBe(expected.min);
	expect(await figure(page, 'suite-max')).toBe(expected.max);
	await page.screenshot({ path: 'reports/screenshots/analysis-gzip.png', fullPage: true });
});

test('analysis file gzip named .jsonl, offline', async ({ page, context }) => {
	const expected = expectedGzipSummary();
	await page.goto('/analysis/');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await readAndRun(
		page,
		misnamedFile,
		'50 records read from case-11b-gzip-misnamed.jsonl (gzip), 0 lines rejected.',
		'reports/screenshots/analysis-gzip-misnamed-offline.png'
	);
	expect(await figure(page, 'suite-count')).toBe(50);
	expect(await figure(page, 'suite-mean')).toBe(expected.mean);
});

test('analysis file CSV still read as CSV', async ({ page }) => {
	const rows = readFileSync(csvFile, 'utf8').trim().split('\n').slice(1);
	const values = rows.map((row) => Number(row.split(',')[1]));
	await page.goto('/analysis/');
	await readAndRun(
		page,
		csvFile,
		`${rows.length.toLocaleString('en-US')} records read from art_daily_jumpsup.csv, 0 lines rejected.`
	);

	expect(await figure(page, 'suite-count')).toBe(rows.length);
	expect(await figure(page, 'suite-max')).toBe(Math.max(...values));
	expect(await figure(page, 'suite-min')).toBe(Math.min(...values));
});

test('analysis file gzip cut short names the file', async ({ page }) => {
	const bytes = readFileSync(gzipFile);
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles({
		name: 'cut.jsonl.gz',
		mimeType: 'application/gzip',
		buffer: bytes.subarray(0, bytes.length - 20)
	});

	const status = page.getByTestId('suite-status');
	await expect(status).toHaveAttribute('data-value', 'error');
	await expect(status).toHaveText(
		'Could not read cut.jsonl.gz: invalid gzip data: Compressed input was truncated.'
	);
	await page.screenshot({ path: 'reports/screenshots/analysis-gzip-cut.png' });
});

test('analysis file without times shows record numbers', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	// 600 readings of a sine wave with spikes at records 201 and 451, and no time field.
	const lines = Array.from({ length: 600 }, (_, i) => {
		const spike = i === 200 || i === 450 ? 25 : 0;
		return JSON.stringify({ sensor: 'a', reading: 10 + 3 * Math.sin(i / 12) + spike });
	});
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles({
		name: 'untimed.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});
	const status = page.getByTestId('suite-status');
	await expect(status).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(status).toHaveAttribute('data-value', 'done');

	const series = page.getByTestId('chart-series');
	await expect(series.locator('text', { hasText: /^record \d+$/ })).toHaveCount(1);
	await expect(series).not.toContainText('1970');
	await expect(page.getByText('Slope per record')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('1970');
	const anomalies = page.locator('details table');
	await expect(anomalies.locator('th')).toHaveText(['Record', 'Value', 'Score']);
	await expect(anomalies.locator('td').first()).toHaveText('201');
	await page.screenshot({ path: 'reports/screenshots/analysis-untimed.png', fullPage: true });
});
