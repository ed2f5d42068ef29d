import { expect, test, type Page } from './support/test';
import { figure } from './support/history-db';

const case34 = 'tests/fixtures/cases/case-34-stat-iforest-dbscan.jsonl';
const folder = 'reports/screenshots';

/** Loads case 34 with `v` as the value, which only 6 of its 189 records have, and runs. */
async function runOnSixValues(page: Page): Promise<void> {
	const status = page.getByTestId('suite-status');
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles(case34);
	await expect(status).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('file-value').selectOption('v');
	await expect(status).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(status).toHaveAttribute('data-value', 'done');
}

for (const width of [1280, 390]) {
	test(`analysis season of six values at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await runOnSixValues(page);

		expect(await figure(page, 'season-period')).toBe(0);
		expect(await figure(page, 'forecast-period')).toBe(0);
		expect(await figure(page, 'suite-count')).toBe(189);
		expect(await figure(page, 'suite-values')).toBe(6);
		await expect(page.getByTestId('summary-coverage')).toContainText('6 values of 189 records');
		const verdict = page.getByTestId('season-verdict');
		await expect(verdict).toHaveAttribute('data-value', 'too-few-values');
		await expect(verdict).toHaveText(
			'too few values to look for a period: 6 values of 189 records'
		);
		const method = page.getByTestId('forecast-method');
		await expect(method).not.toHaveAttribute('data-value', 'holt-winters');
		await expect(method).toContainText('Fitted to 6 values of 189 records.');
		await page.screenshot({ path: `${folder}/analysis-six-values-${width}.png`, fullPage: true });
	});
}

test('analysis forecast follows season verdict', async ({ page, context }) => {
	test.setTimeout(90_000);
	await page.goto('/?rate=50');
	await expect.poll(() => figure(page, 'record-count'), { timeout: 30_000 }).toBeGreaterThan(700);
	const opening = context.waitForEvent('page');
	await page.getByTestId('analyse-live').click();
	const analysis = await opening;
	await expect(analysis.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});

	const verdict = await analysis.getByTestId('season-verdict').getAttribute('data-value');
	const method = await analysis.getByTestId('forecast-method').getAttribute('data-value');
	const period = await figure(analysis, 'forecast-period');
	if (verdict === 'usable') {
		expect(method).toBe('holt-winters');
		expect(period).toBe(await figure(analysis, 'season-period'));
	} else {
		expect(method).not.toBe('holt-winters');
		expect(period).toBe(0);
	}
	for (const width of [1280, 390]) {
		await analysis.setViewportSize({ width, height: 900 });
		await analysis.screenshot({ path: `${folder}/analysis-stream-${width}.png`, fullPage: true });
	}
});
