import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

const nabFile = 'tests/fixtures/nab/speed_7578.jsonl';
/** NAB timestamps carry no zone; the tests run with TZ=UTC, so the page reads them as UTC. */
const nabTimes = readFileSync(nabFile, 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '')
	.map((line) => Date.parse(`${JSON.parse(line).timestamp}Z`));

/** Plot margins of the chart, CSS pixels; they match chartMargin in plot-area.ts. */
const margin = { top: 12, right: 16, bottom: 26, left: 56 };

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

async function shownWindow(page: Page): Promise<{ from: number; to: number }> {
	const chart = page.getByTestId('timeseries');
	return {
		from: Number(await chart.getAttribute('data-from')),
		to: Number(await chart.getAttribute('data-to'))
	};
}

/** Measures the plot area of the chart in page pixels. */
async function plotBox(page: Page) {
	// The mouse reaches only what is on screen, and the controls above the chart may wrap.
	await page.getByTestId('timeseries').scrollIntoViewIfNeeded();
	const box = await page.getByTestId('timeseries').boundingBox();
	if (!box) throw new Error('chart has no box');
	return {
		left: box.x + margin.left,
		top: box.y + margin.top,
		width: box.width - margin.left - margin.right,
		height: box.height - margin.top - margin.bottom
	};
}

async function openNab(page: Page): Promise<void> {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(async () => (await shownWindow(page)).to).toBe(nabTimes.at(-1));
}

test('wheel zoom narrows the visible range', async ({ page }) => {
	await openNab(page);
	const before = await shownWindow(page);
	const plot = await plotBox(page);
	const anchorX = plot.width * 0.25;
	const anchorTime = before.from + ((before.to - before.from) * anchorX) / plot.width;

	await page.mouse.move(plot.left + anchorX, plot.top + plot.height / 2);
	await page.mouse.wheel(0, -400);

	await expect.poll(async () => (await shownWindow(page)).to).not.toBe(before.to);
	const after = await shownWindow(page);
	// Four notches of 100 px zoom in by 1.2 each; the time under the pointer stays put.
	expect((after.to - after.from) / (before.to - before.from)).toBeCloseTo(Math.pow(1.2, -4), 3);
	const anchorAfter = after.from + ((after.to - after.from) * anchorX) / plot.width;
	expect(Math.abs(anchorAfter - anchorTime)).toBeLessThan((before.to - before.from) / plot.width);
	await expect(page.getByTestId('follow-live')).not.toBeChecked();
});

test('zoom into the past stops following live', async ({ page }) => {
	await page.goto('/?rate=100');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);
	await expect(page.getByTestId('follow-live')).toBeChecked();

	const plot = await plotBox(page);
	await page.mouse.move(plot.left + plot.width / 2, plot.top + plot.height / 2);
	await page.mouse.wheel(0, -400);
	await expect(page.getByTestId('follow-live')).not.toBeChecked();

	// The window stays still while records keep arriving. The first frame after the zoom may
	// still show the live window, so wait for two equal reads.
	let frozen = await shownWindow(page);
	await expect(async () => {
		const previous = frozen;
		await page.waitForTimeout(200);
		frozen = await shownWindow(page);
		expect(frozen).toEqual(previous);
	}).toPass();
	const count = await figure(page, 'record-count');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(count + 50);
	expect(await shownWindow(page)).toEqual(frozen);

	await page.getByTestId('reset-zoom').click();
	await expect(page.getByTestId('follow-live')).toBeChecked();
	await expect.poll(async () => (await shownWindow(page)).to).toBeGreaterThan(frozen.to);
});

test('drag pans the window back in time', async ({ page }) => {
	await openNab(page);
	const before = await shownWindow(page);
	const plot = await plotBox(page);
	const y = plot.top + plot.height / 2;

	await page.mouse.move(plot.left + 100, y);
	await page.mouse.down();
	await page.mouse.move(plot.left + 300, y, { steps: 5 });
	await page.mouse.up();

	// The chart shows the panned window once the view for it has come back from the worker.
	// Views of the drag's earlier steps can still arrive after the mouse is up, so the poll waits
	// for the last one rather than for the first that moved.
	const shift = ((before.to - before.from) * 200) / plot.width;
	await expect
		.poll(async () => Math.abs(before.from - (await shownWindow(page)).from - shift))
		.toBeLessThan(shift * 0.02);
	const after = await shownWindow(page);
	expect(after.to - after.from).toBeCloseTo(before.to - before.from, -3);
	await expect(page.getByTestId('follow-live')).not.toBeChecked();
});

test('brush selects and exports exactly that range', async ({ page }) => {
	await openNab(page);
	const shown = await shownWindow(page);
	const plot = await plotBox(page);
	const y = plot.top + plot.height / 2;
	const [x1, x2] = [plot.width * 0.3, plot.width * 0.45];

	await page.keyboard.down('Shift');
	await page.mouse.move(plot.left + x1, y);
	await page.mouse.down();
	await page.mouse.move(plot.left + x2, y, { steps: 5 });
	await page.mouse.up();
	await page.keyboard.up('Shift');

	const selection = page.getByTestId('selection');
	await expect(selection).toBeVisible();
	const from = Number(await selection.getAttribute('data-from'));
	const to = Number(await selection.getAttribute('data-to'));
	const msPerPixel = (shown.to - shown.from) / plot.width;
	expect(Math.abs(from - (shown.from + x1 * msPerPixel))).toBeLessThan(msPerPixel);
	expect(Math.abs(to - (shown.from + x2 * msPerPixel))).toBeLessThan(msPerPixel);
	await expect(selection).toContainText(new Date(from).toISOString().slice(11, 19));

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-range').click()
	]);
	const path = await download.path();
	const rows = readFileSync(path, 'utf8').trim().split('\n');
	expect(rows[0]).toBe('timestamp,value');
	const times = rows.slice(1).map((row) => Date.parse(row.split(',')[0]));
	const expected = nabTimes.filter((t) => t >= from && t <= to);
	expect(expected.length).toBeGreaterThan(10);
	expect(times).toEqual(expected);
});

test('crosshair tooltip shows the value', async ({ page }) => {
	await openNab(page);
	const plot = await plotBox(page);
	await page.mouse.move(plot.left + plot.width / 2, plot.top + plot.height / 2);

	const tooltip = page.getByTestId('chart-tooltip');
	await expect(tooltip).toBeVisible();
	await expect(tooltip).toContainText('value');
	await expect(tooltip).toContainText('moving average');
	await expect(tooltip).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
});

test('window by point count shows the newest points', async ({ page }) => {
	await openNab(page);
	await page.getByTestId('window-select').selectOption({ label: 'Last 1,000 points' });
	await expect.poll(async () => (await shownWindow(page)).from).toBe(nabTimes[1127 - 1000]);
	expect((await shownWindow(page)).to).toBe(nabTimes[1126]);
});

test('refresh interval holds the figures between updates', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	await page.getByTestId('refresh-select').selectOption({ label: 'Every 10 s' });
	// A view asked for before the change may still arrive, so the count settles first.
	let held = await figure(page, 'record-count');
	await expect
		.poll(async () => {
			const before = held;
			await page.waitForTimeout(300);
			held = await figure(page, 'record-count');
			return held === before;
		})
		.toBe(true);
	await page.waitForTimeout(1500);
	expect(await figure(page, 'record-count')).toBe(held);

	await page.getByTestId('refresh-select').selectOption({ label: 'Every frame' });
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(held);
});

test('keyboard zooms the focused chart', async ({ page }) => {
	await openNab(page);
	const before = await shownWindow(page);
	await page.getByTestId('timeseries').focus();
	await page.keyboard.press('+');
	await expect
		.poll(async () => {
			const after = await shownWindow(page);
			return after.to - after.from;
		})
		.toBeLessThan(before.to - before.from);
	await page.keyboard.press('0');
	await expect.poll(() => shownWindow(page)).toEqual(before);
});

test('rolling band draws and widens with k', async ({ page }) => {
	await openNab(page);
	const band = page.getByTestId('rolling-band');
	await expect(band).toHaveCount(0);
	const bandWidth = async () => Number(await band.getAttribute('data-width'));

	await page.getByTestId('band-toggle').check();
	// Every NAB record after the z-score's first 10 has a band, at most two points per column.
	await expect.poll(() => figure(page, 'rolling-band')).toBeGreaterThan(300);
	await page.getByTestId('band-k').fill('1');
	await expect(page.getByTestId('band-k')).toHaveValue('1');
	await expect.poll(bandWidth).toBeGreaterThan(0);
	// The file is done, so the width changes only with k: wait until a frame drawn at k = 1 has
	// replaced the one drawn at the default k.
	const settledWidth = async () => {
		const before = await bandWidth();
		await page.waitForTimeout(1000);
		const after = await bandWidth();
		return before === after ? after : NaN;
	};
	await expect.poll(settledWidth, { timeout: 30_000 }).toBeGreaterThan(0);
	const narrow = await settledWidth();

	await page.getByTestId('band-k').fill('3');
	await expect.poll(bandWidth).toBeGreaterThan(narrow * 1.5);
	// Each pixel column spans the band of several records, so 3 σ is at most 3 times as wide.
	expect(await bandWidth()).toBeLessThanOrEqual(narrow * 3 * (1 + 1e-9));

	await page.getByTestId('band-toggle').uncheck();
	await expect(band).toHaveCount(0);
});
