import { expect, test, type Page } from './support/test';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Drops a JSON Lines text on the dashboard as a file named `name`. */
async function dropText(page: Page, name: string, text: string): Promise<void> {
	const transfer = await page.evaluateHandle(
		([content, fileName]) => {
			const data = new DataTransfer();
			data.items.add(new File([content], fileName, { type: 'application/x-ndjson' }));
			return data;
		},
		[text, name]
	);
	await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

test('split suggested for series taking turns', async ({ page }) => {
	await page.goto('/?source=file');
	// Four constant series and one that spikes after a constant run, named by `series`.
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-32-stat-zero-variance.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// Merged into one line, the levels of the series hide the spike from the z-score.
	expect(await figure(page, 'anomaly-count')).toBe(0);

	const suggestion = page.getByTestId('split-suggestion');
	await expect(suggestion).toContainText('values of series explain');
	expect(await figure(page, 'split-suggestion')).toBeGreaterThan(0.9);
	await suggestion.screenshot({ path: 'reports/split-suggestion.png' });

	await page.getByTestId('split-suggestion-apply').click();
	await expect(page.getByText('split by: series')).toBeVisible();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(suggestion).toHaveCount(0);
	// Each series on its own line: the constant ones flag nothing and the spike is found.
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(1);
	await expect(page.getByTestId('anomaly-reason')).toHaveText('above a constant');
});

test('no split suggested for labels of one signal', async ({ page }) => {
	await page.goto('/?source=file');
	// One signal whose records carry one of four labels in turn.
	const lines = Array.from({ length: 400 }, (_, i) =>
		JSON.stringify({
			timestamp: new Date(Date.UTC(2024, 0, 20, 10, 0, i)).toISOString(),
			value: 50 + 10 * Math.sin(i / 20),
			category: 'ABCD'[i % 4]
		})
	);
	await dropText(page, 'labels.jsonl', lines.join('\n'));
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByText('category: category')).toBeVisible();
	await expect(page.getByTestId('split-suggestion')).toHaveCount(0);
});
