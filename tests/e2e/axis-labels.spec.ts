import { expect, test, type Page } from './support/test';

/** `big` is 1.5e12 ± 30 and `small` 0.5 to 0.9, as tests/fixtures/README.md describes. */
const file = 'tests/fixtures/huge-narrow.jsonl';

/** Tick labels of `big`, which need more than the 56 px margin of short labels. */
const bigLabels = [
	'1.49999999997T',
	'1.49999999998T',
	'1.49999999999T',
	'1.50000000000T',
	'1.50000000001T',
	'1.50000000002T',
	'1.50000000003T'
];

async function openFile(page: Page, query: string): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('record-count')).toHaveAttribute('data-value', '60');
}

/** Widest of `labels` in the chart's tick font, measured by the browser, CSS px. */
function widestLabel(page: Page, labels: string[]): Promise<number> {
	return page.evaluate((texts) => {
		const ctx = new OffscreenCanvas(1, 1).getContext('2d') as OffscreenCanvasRenderingContext2D;
		ctx.font = '11px system-ui, sans-serif';
		return Math.max(...texts.map((text) => ctx.measureText(text).width));
	}, labels);
}

/**
 * Counts the pixels in the outermost 3 px columns of the chart on one `side`, between the top
 * and bottom margins, whose colour differs from the chart's top corner on that side. A tick label
 * cut off by the canvas edge leaves ink there.
 */
async function edgeInk(page: Page, side: 'left' | 'right', top: number): Promise<number> {
	const chart = page.getByTestId('timeseries');
	await chart.scrollIntoViewIfNeeded();
	const png = await chart.screenshot();
	return chart.evaluate(
		async (box, { base64, side, top }) => {
			const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
			const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const canvas = new OffscreenCanvas(image.width, image.height);
			const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
			ctx.drawImage(image, 0, 0);
			const scale = image.width / box.getBoundingClientRect().width;
			const columns = Math.round(3 * scale);
			const x = side === 'left' ? 0 : image.width - columns;
			const y = Math.round(top * scale);
			const height = image.height - y - Math.round(26 * scale);
			const corner = ctx.getImageData(x, 0, 1, 1).data;
			const { data } = ctx.getImageData(x, y, columns, height);
			let ink = 0;
			for (let i = 0; i < data.length; i += 4) {
				const distance =
					Math.abs(data[i] - corner[0]) +
					Math.abs(data[i + 1] - corner[1]) +
					Math.abs(data[i + 2] - corner[2]);
				if (distance > 30) ink += 1;
			}
			return ink;
		},
		{ base64: png.toString('base64'), side, top }
	);
}

test('left axis fits labels of huge values', async ({ page }) => {
	await openFile(page, 'value=big');
	const axis = page.getByTestId('left-axis');
	await expect(axis).toHaveAttribute('data-ticks', bigLabels.join(' '));
	expect(await edgeInk(page, 'left', 12)).toBe(0);

	const margin = Number(await axis.getAttribute('data-margin'));
	// Labels end 8 px left of the plot, so the margin fits the widest label and that gap.
	expect(margin).toBeGreaterThanOrEqual((await widestLabel(page, bigLabels)) + 8);
	expect(margin).toBeLessThanOrEqual(160);
});

test('right axis fits labels of huge values', async ({ page }) => {
	await openFile(page, 'value=small&value=big&right=big');
	const axis = page.getByTestId('right-axis');
	await expect(axis).toHaveAttribute('data-ticks', bigLabels.join(' '));
	expect(await edgeInk(page, 'right', 30)).toBe(0);

	const margin = Number(await axis.getAttribute('data-margin'));
	// Labels start 6 px right of the plot.
	expect(margin).toBeGreaterThanOrEqual((await widestLabel(page, bigLabels)) + 6);
	// The left axis keeps its short labels and its margin.
	await expect(page.getByTestId('left-axis')).toHaveAttribute('data-margin', '56');
});

test('left axis fits labels of huge values on a narrow screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openFile(page, 'value=big');
	await expect(page.getByTestId('left-axis')).toHaveAttribute('data-ticks', bigLabels.join(' '));

	expect(await edgeInk(page, 'left', 12)).toBe(0);
	const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(scrollWidth).toBe(390);
});

test('labels fit without OffscreenCanvas', async ({ page }) => {
	// Browsers without OffscreenCanvas draw the chart on the page and measure on a plain canvas.
	await page.addInitScript(() => {
		Reflect.deleteProperty(globalThis, 'OffscreenCanvas');
		Reflect.deleteProperty(HTMLCanvasElement.prototype, 'transferControlToOffscreen');
	});
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await openFile(page, 'value=big');

	// The record count can show before the chart has laid out the view with the file's values.
	const axis = page.getByTestId('left-axis');
	await expect.poll(async () => Number(await axis.getAttribute('data-margin'))).toBeGreaterThan(56);
	expect(errors).toEqual([]);
});
