import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

const CASE = 'tests/fixtures/cases/case-34-stat-iforest-dbscan.jsonl';
const folder = 'reports/screenshots';

/**
 * Case 34 with the time of each dbscan_scale record moved to 10:00 UTC plus its hour_frac, so
 * that the time within the hour is the column the case's expected clusters were made with. The
 * file's own times run one second apart, apart from that column.
 */
function caseWithHourFracTimes(): Buffer {
	const start = Date.UTC(2024, 4, 1, 10);
	const rows = readFileSync(CASE, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line));
	const others = rows.filter((row) => row.set !== 'dbscan_scale');
	// In time order, as a series is. DBSCAN's clusters and noise do not depend on the order.
	const scale = rows
		.filter((row) => row.set === 'dbscan_scale')
		.map((row) => ({ ...row, ts: start + Math.round(row.hour_frac * 3_600_000) }))
		.sort((a, b) => a.ts - b.ts);
	return Buffer.from([...others, ...scale].map((row) => JSON.stringify(row)).join('\n'));
}

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

async function loadScaleRecords(page: Page, query = ''): Promise<void> {
	await page.goto(`/analysis/?split=set&value=value&time=ts${query}`);
	await page.locator('input[type=file]').setInputFiles({
		name: 'case-34-hour-frac.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: caseWithHourFracTimes()
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('file-line').selectOption('=dbscan_scale');
	await expect(page.getByTestId('suite-status')).toContainText('183 records of dbscan_scale');
}

async function runWithEps(page: Page, eps: string): Promise<void> {
	await page.getByLabel('DBSCAN eps').fill(eps);
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'cluster-eps')).toBe(Number(eps));
}

test.use({ viewport: { width: 1400, height: 900 } });

test('analysis DBSCAN on time within the hour', async ({ page }) => {
	await loadScaleRecords(page);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
	await page.getByTestId('dbscan-feature').selectOption('hour');

	await runWithEps(page, '0.4');
	expect(await figure(page, 'cluster-count')).toBe(3);
	expect(await figure(page, 'cluster-noise')).toBe(2);
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value and time within the hour (UTC), each standardised.'
	);
	const chart = page.locator('svg[aria-label="DBSCAN clusters"]');
	await expect(chart.getByText('time within the hour (UTC) (z)')).toBeVisible();
	await chart.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-hour.png`, fullPage: true });

	await runWithEps(page, '0.3');
	expect(await figure(page, 'cluster-count')).toBe(5);
	expect(await figure(page, 'cluster-noise')).toBe(5);

	await runWithEps(page, '0.2');
	expect(await figure(page, 'cluster-count')).toBe(9);
	expect(await figure(page, 'cluster-noise')).toBe(18);
});

test('analysis DBSCAN on the value alone', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await loadScaleRecords(page, '&dbscan-feature=none');
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('none');
	await page.getByTestId('dbscan-feature').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-params-390.png` });

	await runWithEps(page, '0.4');
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value alone, standardised, and drawn against time.'
	);
	const chart = page.locator(
		'svg[aria-label="DBSCAN clusters of value alone, drawn against time"]'
	);
	await expect(chart.getByText('time (UTC), not clustered')).toBeVisible();
	await chart.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-none-390.png` });
});

test('analysis DBSCAN time feature without a time field', async ({ page }) => {
	await page.goto('/analysis/?dbscan-feature=day');
	await page.locator('input[type=file]').setInputFiles({
		name: 'untimed.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(Array.from({ length: 30 }, (_, i) => `{"v":${i % 5}}`).join('\n'))
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();

	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('suite-status')).toHaveText(
		'Analysis failed: DBSCAN second feature "time of day (UTC)" needs record times, but ' +
			'untimed.jsonl has no time field: choose one under Time field, or another second feature'
	);
});

test('analysis page reports an invalid dbscan-feature', async ({ page }) => {
	await page.goto('/analysis/?dbscan-feature=minute');

	await expect(page.getByTestId('param-problem')).toHaveText(
		'invalid dbscan-feature "minute": expected change (change from the previous value), hour ' +
			'(time within the UTC hour), day (time of the UTC day) or none (value alone)'
	);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
});
