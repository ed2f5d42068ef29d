import { expect, test, type Page } from './support/test';
import { figure } from './support/history-db';

const constantFile = 'tests/fixtures/constant-0.1.jsonl';

test('constant series shows σ 0 in both panels', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(constantFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '60');

	expect(await figure(page, 'kpi-std')).toBe(0);
	expect(await figure(page, 'kpi-mean')).toBe(0.1);
	await expect(page.getByTestId('fit-std')).toHaveAttribute('data-value', '0');
	await expect(page.getByTestId('fit-std')).toHaveText('0');
	await expect(page.getByTestId('fit-mean')).toHaveText('0.1');
	await expect(page.getByTestId('kpi-std')).toHaveText('0');
});

test('histogram of the previous file not shown', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(constantFile);
	await expect(page.getByTestId('fit-mean')).toHaveAttribute('data-value', '0.1');

	// Each animation frame notes the KPI mean and the histogram's mean shown beside it.
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { seen: string[] }).seen = seen;
		const read = (id: string) =>
			document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-value') ?? 'none';
		const note = () => {
			seen.push(`${read('kpi-mean')} ${read('fit-mean')}`);
			requestAnimationFrame(note);
		};
		requestAnimationFrame(note);
	});
	await page.locator('input[type=file]').setInputFiles(valueFile('sevens.jsonl', () => 7, 20_000));
	await expect(page.getByTestId('fit-mean')).toHaveAttribute('data-value', '7');
	await expect(page.getByTestId('kpi-mean')).toHaveAttribute('data-value', '7');

	// Both figures can change after the last frame noted them, so the pair is awaited.
	const noted = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
	await expect.poll(async () => (await noted()).includes('7 7')).toBe(true);
	// The KPIs of the second file beside the first file's bins would be the previous run shown.
	expect((await noted()).filter((pair) => pair === '7 0.1')).toEqual([]);
});

/** Text and box of each histogram tick label, left to right, and the box of the histogram. */
async function histogramLabels(page: Page) {
	const histogram = page.getByTestId('histogram');
	await histogram.scrollIntoViewIfNeeded();
	return histogram.evaluate((svg) => {
		const box = svg.getBoundingClientRect();
		const labels = [...svg.querySelectorAll('text')].map((text) => {
			const rect = text.getBoundingClientRect();
			return { text: text.textContent ?? '', left: rect.left, right: rect.right };
		});
		labels.sort((a, b) => a.left - b.left);
		return { left: box.left, right: box.right, labels };
	});
}

/** Fails unless two or more labels are drawn, inside the histogram, none touching the next. */
async function expectLabelsApart(page: Page): Promise<string[]> {
	const { left, right, labels } = await histogramLabels(page);
	expect(labels.length).toBeGreaterThanOrEqual(2);
	for (const [i, label] of labels.entries()) {
		expect(label.left, `start of ${label.text}`).toBeGreaterThanOrEqual(left);
		expect(label.right, `end of ${label.text}`).toBeLessThanOrEqual(right);
		if (i > 0) {
			const before = labels[i - 1];
			expect(label.left, `${label.text} after ${before.text}`).toBeGreaterThan(before.right);
		}
	}
	return labels.map((label) => label.text);
}

/** Builds a JSON Lines file of `count` `value` records one second apart, from `value(i)`. */
function valueFile(name: string, value: (i: number) => number, count = 60) {
	const start = Date.parse('2024-01-20T10:00:00Z');
	const lines = Array.from({ length: count }, (_, i) =>
		JSON.stringify({ timestamp: new Date(start + i * 1000).toISOString(), value: value(i) })
	);
	return { name, mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') };
}

async function openValues(page: Page, value: (i: number) => number): Promise<void> {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(valueFile('values.jsonl', value));
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '60');
}

for (const [screen, viewport] of [
	['wide', { width: 1280, height: 900 }],
	['narrow', { width: 390, height: 844 }]
] as const) {
	test(`histogram labels of huge values apart on a ${screen} screen`, async ({ page }) => {
		await page.setViewportSize(viewport);
		// The main series is `big`, 1.5e12 ± 30, whose full digits need 17 characters a label.
		await page.goto('/?source=file&value=big&value=small&right=small');
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/huge-narrow.jsonl');
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '60');

		const labels = await expectLabelsApart(page);
		for (const label of labels) expect(label).toMatch(/^1\.(49999999|50000000)\d{3}T$/);
	});
}

test('histogram labels of tiny values apart', async ({ page }) => {
	await openValues(page, (i) => (1 + (i % 5)) * 1e-9);
	const labels = await expectLabelsApart(page);
	for (const label of labels) expect(label).toMatch(/^\d(\.\d+)?n$/);
});

test('histogram labels of huge negative values apart', async ({ page }) => {
	await openValues(page, (i) => -1.5e12 + 10 * ((i % 7) - 3));
	const labels = await expectLabelsApart(page);
	for (const label of labels) expect(label).toMatch(/^−1\.(49999999|50000000)\d{3}T$/);
});

test('KPI cards show long values whole', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	// Six integer digits and two decimals: 123,456.78 and the like, ten characters a card.
	await openValues(page, (i) => 123_456.78 + (i % 3));
	await expect(page.getByTestId('kpi-mean')).toHaveText('123,457.78');

	for (const id of ['kpi-mean', 'kpi-min', 'kpi-max', 'kpi-last', 'kpi-rate']) {
		const fits = await page
			.getByTestId(id)
			.evaluate((value) => value.scrollWidth <= value.clientWidth);
		expect(fits, `${id} cut off`).toBe(true);
	}
	await expect(page.getByTestId('kpi-min')).toHaveText('123,456.78');
});

test('histogram edge bars drawn full width', async ({ page }) => {
	// Values from 64.8 to 73.1: the first and last bins are cut short at the ends of the values.
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles(valueFile('edges.jsonl', (i) => 64.8 + ((i * 7) % 84) / 10, 840));
	await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '840');

	const widths = await page
		.getByTestId('histogram')
		.locator('rect.bar')
		.evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('width'))));
	expect(widths.length).toBeGreaterThan(2);
	for (const width of widths) expect(width).toBeCloseTo(widths[1], 6);
});
