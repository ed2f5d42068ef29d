import { expect, test, type Page } from './support/test';

const twoSeries = 'tests/fixtures/two-series.jsonl';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

test('space pauses and resumes the stream', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);
	// One series: the cards need no line saying which series they describe.
	await expect(page.getByTestId('kpi-series')).toHaveCount(0);

	await page.locator('body').press('Space');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'paused');
	await expect.poll(() => figure(page, 'paused-count')).toBeGreaterThan(20);

	await page.locator('body').press('Space');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

test('space in a form field does not pause', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await page.getByTestId('window-select').focus();
	await page.keyboard.press('Space');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

/**
 * Moves the pointer to the chart's centre, shifted right by `dx`, until a tooltip shows. The
 * chart is scrolled into view and its box read again on each try, because panels filling in
 * above it move it down, past the bottom of a 720 px viewport.
 */
async function hoverPlotCentre(page: Page, dx: number): Promise<void> {
	const chart = page.getByTestId('timeseries');
	await expect(async () => {
		await chart.scrollIntoViewIfNeeded();
		const plot = await chart.boundingBox();
		if (!plot) throw new Error('chart has no box');
		await page.mouse.move(plot.x + plot.width / 2 + dx, plot.y + plot.height / 2);
		await expect(page.getByTestId('chart-tooltip')).toBeVisible({ timeout: 2000 });
	}).toPass({ timeout: 20_000 });
}

test('legend toggles each series', async ({ page }) => {
	await page.goto('/?source=file&value=speed&value=load');
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	const toggles = page.getByTestId('series-toggle');
	await expect(toggles).toHaveCount(2);
	// The main series is the first one shown. Its figures fill the cards, and a line below names it.
	await expect.poll(() => figure(page, 'kpi-max')).toBe(93);
	const caption = page.getByTestId('kpi-series');
	await expect(caption).toHaveText(
		'Mean to last describe speed, the first series shown in the legend; anomalies count ' +
			'every series shown.'
	);

	const tooltip = page.getByTestId('chart-tooltip');
	await hoverPlotCentre(page, 0);
	await expect(tooltip).toContainText('speed');
	await expect(tooltip).toContainText('load');

	await toggles.nth(0).uncheck();
	await expect.poll(() => figure(page, 'kpi-max')).toBe(14);
	await expect(caption).toContainText('describe load,');
	await hoverPlotCentre(page, 5);
	await expect(tooltip).not.toContainText('speed');
	await expect(tooltip).toContainText('load');
	// The chart names the series it now draws first, for screen readers.
	await expect(page.getByTestId('timeseries')).toHaveAttribute(
		'aria-label',
		/^Live chart of load /
	);

	await toggles.nth(0).check();
	await expect.poll(() => figure(page, 'kpi-max')).toBe(93);
});

test('anomaly list jumps to the anomaly', async ({ page }) => {
	await page.goto('/?source=file&value=speed');
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	// Record 150 is the spike: 10:02:30 on 2024-01-20, read as UTC.
	const spike = Date.parse('2024-01-20T10:02:30Z');
	const jump = page.locator(`[data-testid="anomaly-jump"][data-time="${spike}"]`);
	await expect(jump).toBeVisible();
	await jump.click();

	const chart = page.getByTestId('timeseries');
	await expect(page.getByTestId('follow-live')).not.toBeChecked();
	// The whole file's view also starts before the spike, so wait for the jump's own window: a
	// tenth of the file's span of 299 s.
	const span = async () =>
		Number(await chart.getAttribute('data-to')) - Number(await chart.getAttribute('data-from'));
	await expect.poll(span).toBeCloseTo(29_900, -2);
	const from = Number(await chart.getAttribute('data-from'));
	const to = Number(await chart.getAttribute('data-to'));
	expect(from).toBeLessThan(spike);
	expect(to).toBeGreaterThan(spike);
	expect((from + to) / 2).toBeCloseTo(spike, -1);
});

test('histogram counts the visible window', async ({ page }) => {
	await page.goto('/?source=file&value=speed');
	await page.locator('input[type=file]').setInputFiles(twoSeries);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	const histogram = page.getByTestId('histogram');
	await expect(histogram).toHaveAttribute('data-total', '300');
	await expect(page.getByTestId('normal-fit')).toHaveAttribute('d', /^M/);
	await expect(histogram.locator('rect')).not.toHaveCount(0);

	await page.getByTestId('window-select').selectOption({ label: 'Last 1,000 points' });
	await page.getByTestId('timeseries').focus();
	await page.keyboard.press('+');
	await expect
		.poll(async () => Number(await histogram.getAttribute('data-total')))
		.toBeLessThan(300);
});
