import { expect, test, type Locator, type Page } from './support/test';
import { figure } from './support/history-db';

/** JSON Lines of `count` records one second apart from 10:00:00 UTC, values in a zig-zag. */
function secondsFile(count: number): Buffer {
	const start = Date.parse('2024-01-20T10:00:00Z');
	const lines = Array.from({ length: count }, (_, i) =>
		JSON.stringify({ timestamp: new Date(start + i * 1000).toISOString(), value: 40 + (i % 7) })
	);
	return Buffer.from(lines.join('\n') + '\n');
}

/** Opens the range chart of the only recorded session and returns its SVG. */
async function openRangeChart(page: Page): Promise<Locator> {
	await page.goto('/history/');
	const row = page.getByTestId('session');
	await expect(row).toHaveCount(1);
	await row.getByTestId('range-chart').click();
	const chart = row.getByTestId('session-brush');
	await expect(chart).toBeVisible();
	return chart;
}

/**
 * Measures the drawn line of the range chart in SVG units: the length of its outline, the share
 * of the chart's width it covers and the number of separate pieces (subpaths and dots) it is made
 * of. The brush's own shapes are rectangles inside a group, so they are not counted.
 */
async function measureLine(chart: Locator) {
	return chart.evaluate((svg: SVGSVGElement) => {
		const width = svg.viewBox.baseVal.width;
		let length = 0;
		let left = Infinity;
		let right = -Infinity;
		let pieces = 0;
		for (const shape of svg.querySelectorAll<SVGGeometryElement>(
			':scope > path, :scope > circle'
		)) {
			length += shape.getTotalLength();
			const box = shape.getBBox();
			left = Math.min(left, box.x);
			right = Math.max(right, box.x + box.width);
			pieces += (shape.getAttribute('d') ?? 'M').match(/M/g)?.length ?? 1;
		}
		return { length, width, cover: (right - left) / width, pieces };
	});
}

test('range chart draws a file session of 50 records as one line', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'seconds.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: secondsFile(50)
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(50);
	const chart = await openRangeChart(page);
	await expect(page.getByTestId('session')).toHaveAttribute('data-value', '50');

	await chart.screenshot({ path: 'reports/range-chart-file.png' });
	const line = await measureLine(chart);
	expect(line.pieces).toBe(1);
	expect(line.cover).toBeGreaterThan(0.95);
	// A line across the chart is at least as long as the chart is wide.
	expect(line.length).toBeGreaterThan(0.95 * line.width);

	// Dragging across the line still picks a range inside the session.
	const box = (await chart.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.4);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.4, { steps: 5 });
	await page.mouse.up();
	const row = page.getByTestId('session');
	const from = await row.getByRole('textbox', { name: 'From', exact: true }).inputValue();
	const to = await row.getByRole('textbox', { name: 'To', exact: true }).inputValue();
	expect(from > '2024-01-20 10:00:00').toBe(true);
	expect(to < '2024-01-20 10:00:49').toBe(true);
	expect(from < to).toBe(true);
	await page.screenshot({ path: 'reports/range-chart-brushed.png' });
});

test('range chart draws a 50 records/s session without breaks', async ({ page }) => {
	await page.goto('/?rate=50');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	const chart = await openRangeChart(page);

	await chart.screenshot({ path: 'reports/range-chart-simulator.png' });
	const line = await measureLine(chart);
	expect(line.pieces).toBe(1);
	expect(line.cover).toBeGreaterThan(0.95);
});
