import { expect, test, type Page } from '@playwright/test';

/** Reads the raw number behind a `data-testid` element. */
async function figure(page: Page, testid: string): Promise<number> {
	const value = await page.getByTestId(testid).getAttribute('data-value');
	return Number(value);
}

/** Counts canvas pixels that are neither transparent nor the background. */
async function paintedPixels(page: Page): Promise<number> {
	return page.locator('[data-testid="timeseries"] canvas').evaluate((node) => {
		const canvas = node as HTMLCanvasElement;
		const ctx = canvas.getContext('2d');
		if (!ctx) return 0;
		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		let painted = 0;
		for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
		return painted;
	});
}

test('dashboard starts the simulator on load', async ({ page }) => {
	await page.goto('/');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);
	await expect.poll(() => figure(page, 'kpi-rate')).toBeGreaterThan(5);

	const mean = await figure(page, 'kpi-mean');
	const min = await figure(page, 'kpi-min');
	const max = await figure(page, 'kpi-max');
	expect(Number.isFinite(mean)).toBe(true);
	expect(min).toBeLessThanOrEqual(mean);
	expect(max).toBeGreaterThanOrEqual(mean);
	expect(await figure(page, 'kpi-std')).toBeGreaterThan(0);
});

test('dashboard chart draws the live series', async ({ page }) => {
	await page.goto('/');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(40);

	// Axes alone paint a few thousand pixels; the series and its average add many more.
	await expect.poll(() => paintedPixels(page)).toBeGreaterThan(8000);
	await expect(page.getByTestId('categories').locator('rect')).not.toHaveCount(0);
});

test('dashboard count grows while running', async ({ page }) => {
	await page.goto('/?rate=100');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	const before = await figure(page, 'record-count');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(before + 50);
});

test('stop halts the simulator', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);

	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	const stopped = await figure(page, 'record-count');
	await page.waitForTimeout(500);
	expect(await figure(page, 'record-count')).toBe(stopped);
});

test('pause freezes the chart, not the count', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);

	await page.getByTestId('pause').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'paused');
	await expect.poll(() => figure(page, 'paused-count')).toBeGreaterThan(20);

	await page.getByTestId('pause').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

test('invalid URL parameters show a message', async ({ page }) => {
	await page.goto('/?source=carrier-pigeon&rate=fast');

	const problems = page.getByTestId('param-problem');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toContainText('unknown source "carrier-pigeon"');
	await expect(problems.nth(1)).toContainText('invalid rate "fast"');
	// The defaults still run.
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(0);
});
