import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

const twoSeries = 'tests/fixtures/two-series.jsonl';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Mean of `speed * load - 5` over the fixture, computed here from the file itself. */
function expectedMean(): number {
	const records = readFileSync(twoSeries, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as { speed: number; load: number });
	const sum = records.reduce((total, r) => total + (r.speed * r.load - 5), 0);
	return sum / records.length;
}

test('derived field from the URL is charted', async ({ page }) => {
	const derive = encodeURIComponent('power=speed * load - 5');
	await page.goto(`/?source=file&value=speed&derive=${derive}`);
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	const legend = page.getByTestId('series-legend');
	await expect(legend).toContainText('speed');
	await expect(legend).toContainText('power');
	// The KPIs follow the first shown series, so hiding speed leaves the derived one.
	await page.getByTestId('series-toggle').first().uncheck();

	const mean = expectedMean();
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean, 6);
	expect(await figure(page, 'record-count')).toBe(300);
});

test('field picker adds a derived field', async ({ page }) => {
	await page.goto('/?source=file&value=speed');
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByTestId('derived-name').fill('power');
	await page.getByTestId('derived-expression').fill('speed * (load - 5');
	await expect(page.getByTestId('derived-error')).toContainText(
		'expected ")", got end of expression at column 18'
	);
	await expect(page.getByTestId('derived-add')).toBeDisabled();

	await page.getByTestId('derived-expression').fill('speed * load - 5');
	await expect(page.getByTestId('derived-error')).toHaveCount(0);
	await page.getByTestId('derived-add').click();

	await expect(page.getByTestId('derived-field')).toHaveAttribute('data-name', 'power');
	await expect(page.getByTestId('series-legend')).toContainText('power');
	await expect(page).toHaveURL(/derive=power%3Dspeed%20\*%20load%20-%205/);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// Adding the field re-reads the file, and the picker stays open through it.
	await expect(page.getByTestId('field-picker')).toHaveAttribute('open', '');
	await page.getByTestId('series-toggle').first().uncheck();
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(expectedMean(), 6);

	await page.getByRole('button', { name: 'Remove power' }).click();
	await expect(page.getByTestId('derived-field')).toHaveCount(0);
	await expect(page.getByTestId('series-legend')).not.toContainText('power');
});

test('filter drops records and keeps its count', async ({ page }) => {
	const records = readFileSync(twoSeries, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as { speed: number; load: number });
	const kept = records.filter((r) => r.load % 3 === 0 && r.speed > 55);
	const mean = kept.reduce((total, r) => total + r.speed, 0) / kept.length;
	expect(kept.length).toBeGreaterThan(0);
	expect(kept.length).toBeLessThan(records.length);

	const filter = encodeURIComponent('load % 3 == 0 && speed > 55');
	await page.goto(`/?source=file&value=speed&filter=${filter}`);
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	expect(await figure(page, 'record-count')).toBe(kept.length);
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean, 6);
	await expect(page.getByText(`${records.length - kept.length} filtered out`)).toBeVisible();
	expect(await figure(page, 'filtered-count')).toBe(records.length - kept.length);

	// A field choice in the picker keeps the filter.
	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByRole('checkbox', { name: 'Chart load' }).check();
	await expect(page).toHaveURL(/filter=load/);
	await expect(page.getByTestId('series-legend')).toContainText('load');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(kept.length);
});

test('derived field form passes axe', async ({ page }) => {
	await page.goto('/?source=file&value=speed&derive=' + encodeURIComponent('p=speed * load'));
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByTestId('derived-name').fill('bad');
	await page.getByTestId('derived-expression').fill('speed *');
	await expect(page.getByTestId('derived-error')).toBeVisible();

	const results = await new AxeBuilder({ page }).include('[data-testid="field-picker"]').analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious).toEqual([]);
});
