import { expect, test, type Page } from './support/test';

/** `state` is a number at 10:00 only, then "unavailable", "unknown", null or missing to 10:09. */
const stateFile = 'tests/fixtures/cases/case-30-val-null-missing-bool.jsonl';
/** `v` is 1 to 8 at 10:00:00 to 10:00:07, and missing from the last record, at 10:00:08. */
const labelsFile = 'tests/fixtures/cases/case-40-ui-xss-labels.jsonl';

/** Right margin of the chart without a right axis, CSS px, as chartMargin in plot-area.ts sets it. */
const RIGHT_MARGIN = 16;

/** Opens `file` with `query` and waits until the chart shows every record, to `lastTime`. */
async function openFile(page: Page, query: string, file: string, lastTime: number): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const chart = page.getByTestId('timeseries');
	await expect(chart).toHaveAttribute('data-to', String(lastTime));
	await chart.scrollIntoViewIfNeeded();
	await page.mouse.move(0, 0);
}

/** Returns the x of `time` in the chart's screenshot, in CSS pixels from the chart's left edge. */
async function chartX(page: Page, time: number): Promise<number> {
	const chart = page.getByTestId('timeseries');
	const box = await chart.boundingBox();
	if (!box) throw new Error('chart has no box');
	const left = Number(await page.getByTestId('left-axis').getAttribute('data-margin'));
	const from = Number(await chart.getAttribute('data-from'));
	const to = Number(await chart.getAttribute('data-to'));
	return left + ((time - from) / (to - from)) * (box.width - left - RIGHT_MARGIN);
}

/**
 * Counts, per pixel column of a screenshot of the chart, the pixels that have the colour of the
 * moving average. The page cannot read the canvas itself, because its drawing belongs to the
 * chart worker.
 */
async function averageColumns(page: Page, name: string): Promise<number[]> {
	const chart = page.getByTestId('timeseries');
	const png = await chart.screenshot({ path: `reports/average-gaps-${name}.png` });
	return chart.evaluate(async (box, base64) => {
		const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
		const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		const canvas = new OffscreenCanvas(image.width, image.height);
		const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
		ctx.drawImage(image, 0, 0);

		// Let the browser turn the CSS colour into RGB by painting one pixel of it.
		const probe = new OffscreenCanvas(1, 1).getContext('2d') as OffscreenCanvasRenderingContext2D;
		probe.fillStyle = getComputedStyle(box).getPropertyValue('--chart-average').trim();
		probe.fillRect(0, 0, 1, 1);
		const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;

		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		const counts = new Array<number>(canvas.width).fill(0);
		for (let i = 0; i < data.length; i += 4) {
			const near =
				Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60;
			if (near) counts[(i / 4) % canvas.width]++;
		}
		return counts;
	}, png.toString('base64'));
}

function sum(counts: number[], from: number, to: number): number {
	return counts.slice(Math.max(0, from), Math.max(0, to)).reduce((total, n) => total + n, 0);
}

test('moving average is a lone dot', async ({ page }) => {
	const first = 1714557600000;
	await openFile(page, 'value=state', stateFile, first + 9 * 60_000);
	await expect(page.getByTestId('record-count')).toHaveAttribute('data-value', '10');

	const counts = await averageColumns(page, 'case-30');
	const dot = Math.round(await chartX(page, first));
	// The dot at 10:00 is a few pixels wide, and the nine records right of it have no number.
	expect(sum(counts, dot - 6, dot + 6)).toBeGreaterThan(0);
	expect(sum(counts, dot + 6, counts.length)).toBe(0);
});

test('moving average stops at last number', async ({ page }) => {
	const first = 1714557600000;
	await openFile(page, 'value=v', labelsFile, first + 8000);

	const counts = await averageColumns(page, 'case-40');
	const last = Math.round(await chartX(page, first + 7000));
	const end = Math.round(await chartX(page, first + 8000));
	// The line reaches the record at 10:00:07, and no further toward 10:00:08, which has no `v`.
	expect(sum(counts, last - 20, last)).toBeGreaterThan(0);
	expect(sum(counts, last + 4, end + 1)).toBe(0);
});
