import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';
import { recordSimulator } from './support/history-db';

const CASE = 'tests/fixtures/cases/case-34-stat-iforest-dbscan.jsonl';
const folder = 'reports/screenshots';

/**
 * Case 34 with the time of each dbscan_scale record moved to 10:00 UTC plus its hour_frac, so
 * that the time within the hour carries the same numbers as the field hour_frac. The file's own
 * times run one second apart, apart from that column.
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

/** Opens the analysis page with `query` and keeps the dbscan_scale records of `file`. */
async function loadScaleRecords(
	page: Page,
	query = '',
	file: string | { name: string; mimeType: string; buffer: Buffer } = CASE
): Promise<void> {
	await page.goto(`/analysis/?split=set&value=value&time=ts${query}`);
	await page.locator('input[type=file]').setInputFiles(file);
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

/** Values of the options of the second-feature chooser. */
async function featureOptions(page: Page): Promise<string[]> {
	return page
		.getByTestId('dbscan-feature')
		.locator('option')
		.evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}

test.use({ viewport: { width: 1280, height: 900 } });

test('analysis DBSCAN on the field hour_frac', async ({ page }) => {
	await loadScaleRecords(page);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
	// The value, time and split fields are not offered, nor the field v of the first records,
	// of set iforest_small, which no dbscan_scale record has.
	expect(await featureOptions(page)).toEqual(['change', 'hour', 'day', 'field:hour_frac', 'none']);
	await page.getByTestId('dbscan-feature').selectOption({ label: 'field hour_frac' });

	await runWithEps(page, '0.4');
	expect(await figure(page, 'cluster-count')).toBe(3);
	expect(await figure(page, 'cluster-noise')).toBe(2);
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value and hour_frac, each standardised.'
	);
	await expect(page.getByTestId('cluster-left-out')).toHaveCount(0);
	const chart = page.locator('svg[aria-label="DBSCAN clusters"]');
	await expect(chart.getByText('hour_frac (z)')).toBeVisible();
	await expect(chart.locator('circle')).toHaveCount(183);
	await page.getByTestId('dbscan-feature').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-field-chooser.png` });
	await chart.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-field.png` });

	await runWithEps(page, '0.3');
	expect(await figure(page, 'cluster-count')).toBe(5);
	expect(await figure(page, 'cluster-noise')).toBe(5);

	await runWithEps(page, '0.2');
	expect(await figure(page, 'cluster-count')).toBe(9);
	expect(await figure(page, 'cluster-noise')).toBe(18);
});

test('analysis DBSCAN field from the address at 390 px', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await loadScaleRecords(page, '&dbscan-feature=field:hour_frac');
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('field:hour_frac');
	await expect(page.getByTestId('param-problem')).toHaveCount(0);
	await page.getByTestId('dbscan-feature').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-field-chooser-390.png` });

	await runWithEps(page, '0.4');
	expect(await figure(page, 'cluster-count')).toBe(3);
	expect(await figure(page, 'cluster-noise')).toBe(2);
	const chart = page.locator('svg[aria-label="DBSCAN clusters"]');
	await expect(chart.getByText('hour_frac (z)')).toBeVisible();
	await chart.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-field-390.png` });
});

test('analysis DBSCAN leaves out records without the field', async ({ page }) => {
	const time = (i: number) => new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString();
	const records = [
		...Array.from({ length: 20 }, (_, i) => ({ time: time(i), v: i % 4, load: i % 3 })),
		{ time: time(20), v: 1 },
		{ time: time(21), v: 2, load: null },
		{ time: time(22), v: 3, load: 'high' },
		{ time: time(23), load: 1 }
	];
	await page.goto('/analysis/?value=v&dbscan-feature=field:load');
	// Before a file is read, the chooser already shows the field the link requests.
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('field:load');
	await page.locator('input[type=file]').setInputFiles({
		name: 'gaps.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(records.map((record) => JSON.stringify(record)).join('\n'))
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await runWithEps(page, '0.5');

	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on v and load, each standardised.'
	);
	expect(await figure(page, 'cluster-left-out')).toBe(4);
	await expect(page.getByTestId('cluster-left-out')).toHaveText(
		'Left out of the clustering: 1 record without a finite value and 3 records whose load is ' +
			'missing, null or not a finite number.'
	);
	await page.getByTestId('cluster-left-out').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-left-out.png` });
});

test('analysis DBSCAN on time within the hour', async ({ page }) => {
	// The times carry hour_frac, so the hour feature gives the case's clusters as the field does.
	await loadScaleRecords(page, '&dbscan-feature=hour', {
		name: 'case-34-hour-frac.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: caseWithHourFracTimes()
	});
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('hour');

	await runWithEps(page, '0.4');
	expect(await figure(page, 'cluster-count')).toBe(3);
	expect(await figure(page, 'cluster-noise')).toBe(2);
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value and time within the hour (UTC), each standardised.'
	);
	const chart = page.locator('svg[aria-label="DBSCAN clusters"]');
	await expect(chart.getByText('time within the hour (UTC) (z)')).toBeVisible();
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
			'(time within the UTC hour), day (time of the UTC day), none (value alone) or field:NAME ' +
			'(another numeric field of the file, such as field:hour_frac)'
	);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
});

test('analysis page reports an unknown dbscan-feature field', async ({ page }) => {
	await loadScaleRecords(page, '&dbscan-feature=field:minute');

	await expect(page.getByTestId('param-problem')).toHaveText(
		'invalid DBSCAN second feature "field:minute": numeric field "minute" not found in the ' +
			'first 50 records of the file or 1,000 spread over the rest, expected one of v, ' +
			'hour_frac. DBSCAN clusters on change ' +
			'from previous value instead.'
	);
	await page.getByTestId('param-problem').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${folder}/analysis-dbscan-unknown-field.png` });
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');

	// Picking a feature removes the message, whose "change instead" would no longer be true.
	await page.getByTestId('dbscan-feature').selectOption('field:hour_frac');
	await expect(page.getByTestId('param-problem')).toHaveCount(0);
	await runWithEps(page, '0.4');
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value and hour_frac, each standardised.'
	);
});

test('analysis page names the time field as a field feature', async ({ page }) => {
	await loadScaleRecords(page, '&dbscan-feature=field:ts');

	await expect(page.getByTestId('param-problem')).toHaveText(
		'invalid DBSCAN second feature "field:ts": "ts" is the time field, which the features hour ' +
			'and day read, expected one of v, hour_frac. DBSCAN clusters on change from previous ' +
			'value instead.'
	);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
});

test('analysis page drops a field of another line', async ({ page }) => {
	// The field v is in the first records, of set iforest_small, and in no dbscan_scale record.
	await loadScaleRecords(page, '&dbscan-feature=field:v');

	await expect(page.getByTestId('param-problem')).toHaveText(
		'invalid DBSCAN second feature "field:v": numeric field "v" has no finite number in the ' +
			'records read, expected one of hour_frac. DBSCAN clusters on change from previous value ' +
			'instead.'
	);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
});

test('analysis DBSCAN chooser of a recorded session', async ({ page }) => {
	await recordSimulator(page, 1000, 200);
	await loadScaleRecords(page);
	await page.getByTestId('dbscan-feature').selectOption('field:hour_frac');

	await page.getByTestId('dataset-session').check();
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');

	// A session keeps the value and time alone, so only the built-in features are left.
	expect(await featureOptions(page)).toEqual(['change', 'hour', 'day', 'none']);
	await expect(page.getByTestId('dbscan-feature')).toHaveValue('change');
	await expect(page.getByTestId('param-problem')).toContainText(
		'numeric field "hour_frac" not found, and the dataset has none besides its value, time and ' +
			'split fields'
	);
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('cluster-features')).toHaveText(
		'Clustered on value and change from previous value, each standardised.'
	);
	expect(await figure(page, 'cluster-left-out')).toBe(1);
});

test('analysis page reads a file line from line=', async ({ page }) => {
	await page.goto('/analysis/?split=set&line=dbscan_scale&value=value&time=ts');
	await page.locator('input[type=file]').setInputFiles(CASE);

	await expect(page.getByTestId('suite-status')).toContainText('183 records of dbscan_scale');
	await expect(page.getByTestId('file-line')).toHaveValue('=dbscan_scale');
});
