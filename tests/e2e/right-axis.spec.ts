import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';

/** 60 records of `pressure` from 1000 to 1006 and `ratio` from 0.5 to 0.9. */
const file = 'tests/fixtures/two-scales.jsonl';

async function openFile(page: Page, query = 'source=file'): Promise<void> {
	await page.goto(`/?${query}`);
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('record-count')).toHaveAttribute('data-value', '60');
}

/** Finds the right axis toggle of one series. */
function axisToggle(page: Page, name: string) {
	return page.locator(`[data-testid=right-axis-toggle][data-name="${name}"]`);
}

function ratioToggle(page: Page) {
	return axisToggle(page, 'ratio');
}

/** Domain of a value axis of the frame sent last, from its hidden element. */
async function axisDomain(page: Page, testid: 'left-axis' | 'right-axis') {
	const axis = page.getByTestId(testid);
	return [Number(await axis.getAttribute('data-from')), Number(await axis.getAttribute('data-to'))];
}

test('right axis takes the small series', async ({ page }) => {
	await openFile(page);
	// Both drawn series get a toggle, the main one included.
	const toggles = page.getByTestId('right-axis-toggle');
	await expect(toggles).toHaveCount(2);
	await expect(toggles.first()).toHaveAttribute('data-name', 'pressure');
	const toggle = ratioToggle(page);
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	// With one axis the ratio flattens at the bottom of a scale that reaches 1,006.
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([0, 1100]);

	await page.getByRole('button', { name: 'ratio on the right axis' }).click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([1000, 1006]);
	await expect(page.getByTestId('right-axis')).toHaveAttribute(
		'data-ticks',
		'0.50 0.55 0.60 0.65 0.70 0.75 0.80 0.85 0.90'
	);

	// The tooltip shows the ratio's own value, not its place on the left scale.
	await page.getByTestId('timeseries').scrollIntoViewIfNeeded();
	const box = await page.getByTestId('timeseries').boundingBox();
	if (!box) throw new Error('chart has no box');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	const tooltip = page.getByTestId('chart-tooltip');
	await expect(tooltip).toContainText('ratio (right axis)');
	const ratio = tooltip.locator('.row').filter({ hasText: 'ratio' }).locator('.value');
	expect(Number(await ratio.textContent())).toBeGreaterThanOrEqual(0.5);
	expect(Number(await ratio.textContent())).toBeLessThanOrEqual(0.9);

	await toggle.click();
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([0, 1100]);
});

test('right axis toggle follows the main series', async ({ page }) => {
	// pressure 1000 to 1006, ratio 0.5 to 0.9 and temp 20 to 23.
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/three-scales.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const seriesCheckbox = (name: string) =>
		page.locator(`[data-testid=series-entry][data-name="${name}"] input[type=checkbox]`);
	await expect(page.getByTestId('right-axis-toggle')).toHaveCount(3);
	await ratioToggle(page).click();
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);

	// With pressure off, ratio is the main series: it keeps its toggle and the right axis.
	await seriesCheckbox('pressure').uncheck();
	await expect(page.getByRole('heading', { name: 'ratio', exact: true })).toBeVisible();
	await expect(page.getByTestId('right-axis-toggle')).toHaveCount(2);
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
	await expect(axisToggle(page, 'temp')).toHaveAttribute('aria-pressed', 'false');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([20, 23]);

	// The main series moves back to the left and out again.
	await ratioToggle(page).click();
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	await ratioToggle(page).click();
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);

	// pressure back on takes the left axis, and ratio stays on the right.
	await seriesCheckbox('pressure').check();
	await expect(page.getByTestId('right-axis-toggle')).toHaveCount(3);
	await expect(axisToggle(page, 'pressure')).toHaveAttribute('aria-pressed', 'false');
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect(page).toHaveURL(/[?&]right=ratio(&|$)/);

	// A series alone has no toggle and one axis, and returns to the right with a second series.
	await seriesCheckbox('pressure').uncheck();
	await seriesCheckbox('temp').uncheck();
	await expect(page.getByTestId('right-axis-toggle')).toHaveCount(0);
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([0.5, 0.9]);
	await seriesCheckbox('temp').check();
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect(page).toHaveURL(/[?&]right=ratio(&|$)/);
});

test('right axis survives a reload', async ({ page }) => {
	await openFile(page);
	await ratioToggle(page).click();
	await expect(page).toHaveURL(/[?&]right=ratio(&|$)/);

	await page.reload();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([1000, 1006]);
});

test('right axis reports an unknown series', async ({ page }) => {
	await openFile(page, 'source=file&right=ratio,nope');
	const problem = page.getByTestId('param-problem');
	await expect(problem).toHaveCount(1);
	await expect(problem).toContainText('right');
	await expect(problem).toContainText('"nope"');
	await expect(problem).toContainText('pressure, ratio');
	// The known name still applies, and the unknown one leaves the settings.
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect(page).toHaveURL(/[?&]right=ratio(&|$)/);
});

test('right axis fits a narrow screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openFile(page, 'source=file&right=ratio');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(scrollWidth).toBe(390);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`axe right axis toggle in ${scheme} theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await openFile(page, 'source=file&right=ratio');
		await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
		const results = await new AxeBuilder({ page }).include('[data-testid=series-legend]').analyze();
		const serious = results.violations.filter(
			(v) => v.impact === 'serious' || v.impact === 'critical'
		);
		expect(serious.map((v) => v.id)).toEqual([]);
	});
}

test('right axis on every series keeps one axis', async ({ page }) => {
	await openFile(page, 'source=file&right=ratio,pressure');
	// The setting stays as written, and both toggles show it.
	await expect(page).toHaveURL(/[?&]right=ratio(,|%2C)pressure(&|$)/);
	await expect(axisToggle(page, 'pressure')).toHaveAttribute('aria-pressed', 'true');
	await expect(ratioToggle(page)).toHaveAttribute('aria-pressed', 'true');
	// One scale for all series is drawn once, on the left, as with no series on the right.
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([0, 1100]);
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	await expect(axisToggle(page, 'pressure')).toHaveAttribute('title', /share one axis on the left/);

	await page.getByTestId('timeseries').scrollIntoViewIfNeeded();
	const box = await page.getByTestId('timeseries').boundingBox();
	if (!box) throw new Error('chart has no box');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	const tooltip = page.getByTestId('chart-tooltip');
	await expect(tooltip).toContainText('ratio');
	await expect(tooltip).not.toContainText('right axis');

	// Taking one series off the right splits the axes again.
	await axisToggle(page, 'pressure').click();
	await expect(axisToggle(page, 'pressure')).toHaveAttribute('aria-pressed', 'false');
	await expect.poll(() => axisDomain(page, 'right-axis')).toEqual([0.5, 0.9]);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([1000, 1006]);
	await expect(page).toHaveURL(/[?&]right=ratio(&|$)/);

	// Pressing it again puts every series on the right, and the right axis goes.
	await axisToggle(page, 'pressure').click();
	await expect(page.getByTestId('right-axis')).toHaveCount(0);
	await expect.poll(() => axisDomain(page, 'left-axis')).toEqual([0, 1100]);
});
