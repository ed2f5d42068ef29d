import { expect, test, type Page } from './support/test';

const start = Date.parse('2024-01-20T10:00:00Z');

/**
 * Nine records one second apart from 10:00:00 UTC with `dense` 0 to 8, and `sparse` 5 in the
 * last record only, at 10:00:08. The last record is the chart's right edge.
 */
const file = Buffer.from(
	Array.from({ length: 9 }, (_, i) => {
		const record: Record<string, unknown> = {
			timestamp: new Date(start + i * 1000).toISOString(),
			dense: i
		};
		if (i === 8) record.sparse = 5;
		return JSON.stringify(record);
	}).join('\n') + '\n'
);

/** Right margin of the chart without a right axis, CSS px, as chartMargin in plot-area.ts sets it. */
const RIGHT_MARGIN = 16;

async function openFile(page: Page, query: string): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles({
		name: 'sparse.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: file
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const chart = page.getByTestId('timeseries');
	await expect(chart).toHaveAttribute('data-to', String(start + 8000));
	await chart.scrollIntoViewIfNeeded();
}

/** Plot area of the chart in page pixels, from the margins of the frame drawn last. */
async function plotBox(page: Page) {
	const box = await page.getByTestId('timeseries').boundingBox();
	if (!box) throw new Error('chart has no box');
	const left = Number(await page.getByTestId('left-axis').getAttribute('data-margin'));
	return { left: box.x + left, right: box.x + box.width - RIGHT_MARGIN, box };
}

/** Moves the pointer to `time` on the plot and returns the tooltip's rows by series name. */
async function hoverAt(page: Page, time: number): Promise<Record<string, string>> {
	const plot = await plotBox(page);
	const x = plot.left + ((time - start) / 8000) * (plot.right - plot.left);
	await page.mouse.move(x, plot.box.y + plot.box.height / 2);
	const tooltip = page.getByTestId('chart-tooltip');
	await expect(tooltip).toBeVisible();
	const rows: Record<string, string> = {};
	for (const row of await tooltip.locator('.row').all()) {
		rows[(await row.locator('.name').textContent()) ?? ''] =
			(await row.locator('.value').textContent()) ?? '';
	}
	return rows;
}

for (const query of ['value=dense&value=sparse', 'value=sparse&value=dense']) {
	test(`tooltip lists only points at its time, ${query}`, async ({ page }) => {
		await openFile(page, query);
		const tooltip = page.getByTestId('chart-tooltip');

		const first = await hoverAt(page, start + 200);
		const order = query.startsWith('value=dense') ? 'dense-first' : 'sparse-first';
		await page.getByTestId('timeseries').screenshot({ path: `reports/chart-tooltip-${order}.png` });
		await expect(tooltip.locator('.when')).toHaveText('2024-01-20 10:00:00.000');
		expect(first.dense).toBe('0');
		expect(first.sparse).toBe('–');

		const middle = await hoverAt(page, start + 4100);
		await expect(tooltip.locator('.when')).toHaveText('2024-01-20 10:00:04.000');
		expect(middle.dense).toBe('4');
		expect(middle.sparse).toBe('–');

		const last = await hoverAt(page, start + 7900);
		await expect(tooltip.locator('.when')).toHaveText('2024-01-20 10:00:08.000');
		expect(last.dense).toBe('8');
		expect(last.sparse).toBe('5');
	});
}

test('chart draws a lone point at the right edge whole', async ({ page }) => {
	await openFile(page, 'value=dense&value=sparse');
	const plot = await plotBox(page);
	// The legend key of the sparse series is the colour of its dot.
	const colour = await page
		.locator('[data-testid=series-entry][data-name="sparse"] .key')
		.evaluate((key) => getComputedStyle(key).backgroundColor);
	await page.mouse.move(0, 0);
	const strip = await page.screenshot({
		clip: { x: plot.right - 4, y: plot.box.y, width: 8, height: plot.box.height }
	});
	await page.screenshot({
		path: 'reports/chart-edge-dot.png',
		clip: { x: plot.right - 60, y: plot.box.y, width: 80, height: plot.box.height }
	});

	// Counts pixels of the dot's colour in each column of the strip, the plot's edge between
	// columns 3 and 4.
	const columns = await page.evaluate(
		async ({ png, colour }) => {
			const image = await createImageBitmap(new Blob([new Uint8Array(png)]));
			const canvas = new OffscreenCanvas(image.width, image.height);
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(image, 0, 0);
			const { data } = ctx.getImageData(0, 0, image.width, image.height);
			const [r, g, b] = colour.match(/\d+/g)!.map(Number);
			const counts = new Array<number>(image.width).fill(0);
			for (let i = 0; i < data.length; i += 4) {
				const distance =
					Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b);
				if (distance < 60) counts[(i / 4) % image.width]++;
			}
			return counts;
		},
		{ png: [...strip], colour }
	);
	// The dot's radius is 2.5 px, so it covers about two pixel columns on either side of the edge.
	const inside = columns[2] + columns[3];
	const outside = columns[4] + columns[5];
	expect(inside).toBeGreaterThan(0);
	expect(outside).toBeGreaterThan(0);
});
