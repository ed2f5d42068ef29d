import { expect, test, type Page } from './support/test';

/** Opens the file source with `query` and reads `records` as a JSON Lines file until done. */
async function readRecords(page: Page, query: string, records: object[]): Promise<void> {
	await page.goto(`/?source=file${query}`);
	await page.locator('input[type=file]').setInputFiles({
		name: 'records.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(records.map((line) => JSON.stringify(line)).join('\n'))
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
}

/** Sixty readings of 20.0 one second apart, then a spike to 35. */
const constantThenSpike = Array.from({ length: 60 }, (_, i) => ({
	ts: Date.UTC(2024, 4, 1, 10, 0, i),
	v: i === 59 ? 35 : 20
}));

test('anomaly list gives the reason', async ({ page }) => {
	await readRecords(page, '', constantThenSpike);

	const list = page.getByTestId('anomaly-list');
	await expect(list.getByTestId('anomaly-jump')).toHaveCount(1);
	await expect(list.getByTestId('anomaly-reason')).toHaveText('above a constant');
	await expect(list).toContainText('35');
	// The file is read: no line was rejected, not none so far.
	await expect(page.getByTestId('error-list').locator('.empty')).toHaveText('None.');
});

test('anomaly list names the line of a split stream', async ({ page }) => {
	// Two sensors taking turns; only the second has a spike.
	const records = constantThenSpike.flatMap(({ ts, v }) => [
		{ ts, sensor: 'flat', v: 20 },
		{ ts, sensor: 'spiky', v }
	]);
	await readRecords(page, '&split=sensor', records);

	const list = page.getByTestId('anomaly-list');
	await expect(list.getByTestId('anomaly-jump')).toHaveCount(1);
	await expect(list.getByTestId('anomaly-line')).toHaveText('spiky');
	// The card counts the anomalies of every line shown, as the list does.
	await expect(page.getByTestId('anomaly-count')).toHaveAttribute('data-value', '1');
	await expect(list.getByTestId('anomaly-reason')).toHaveText('above a constant');
});
