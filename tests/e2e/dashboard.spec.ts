import { expect, test, type Page } from './support/test';

/** Reads the raw number behind a `data-testid` element. */
async function figure(page: Page, testid: string): Promise<number> {
	const value = await page.getByTestId(testid).getAttribute('data-value');
	return Number(value);
}

/**
 * Counts the pixels of a screenshot of the chart that have the colour of the series line. The
 * page cannot read the canvas itself, because its drawing belongs to the chart worker.
 */
async function linePixels(page: Page): Promise<number> {
	const chart = page.getByTestId('timeseries');
	const png = await chart.screenshot();
	return chart.evaluate(async (box, base64) => {
		const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
		const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		const canvas = new OffscreenCanvas(image.width, image.height);
		const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
		ctx.drawImage(image, 0, 0);

		// Let the browser turn the CSS colour into RGB by painting one pixel of it.
		const probe = new OffscreenCanvas(1, 1).getContext('2d') as OffscreenCanvasRenderingContext2D;
		probe.fillStyle = getComputedStyle(box).getPropertyValue('--chart-line').trim();
		probe.fillRect(0, 0, 1, 1);
		const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;

		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		let count = 0;
		for (let i = 0; i < data.length; i += 4) {
			const near =
				Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30;
			if (near && data[i + 3] > 200) count += 1;
		}
		return count;
	}, png.toString('base64'));
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

	await expect.poll(() => linePixels(page)).toBeGreaterThan(500);
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

test('a detector chosen while paused names the one shown', async ({ page }) => {
	await page.goto('/?rate=200&detector=zscore');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);
	const card = page.locator('.kpi').filter({ has: page.getByTestId('anomaly-count') });
	await page.getByTestId('pause').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'paused');

	// The frozen view contains the z-score's anomalies, so its label stays until resume.
	await page.getByTestId('detector').selectOption('iqr');
	await expect(card).toContainText('by z-score');
	await expect(page.getByTestId('anomaly-rule')).toContainText(
		'Rolling z-score: |z| above 3 σ over the previous 100 values. The new choice applies when you resume.'
	);

	await page.getByTestId('pause').click();
	await expect(card).toContainText('by IQR');
	await expect(page.getByTestId('anomaly-rule')).not.toContainText('when you resume');
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

test('invalid records per second keeps the stream', async ({ page }) => {
	await page.goto('/?rate=100');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await page.getByLabel('Records/s').fill('0');
	await page.getByTestId('start').click();

	await expect(page.getByRole('alert')).toContainText('invalid Records/s "0"');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	const before = Number(await page.getByTestId('record-count').getAttribute('data-value'));
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(before);
});
