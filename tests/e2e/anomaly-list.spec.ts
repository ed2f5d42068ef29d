import { expect, test, type Page } from './support/test';
import { RollingIqr } from '../../src/lib/analysis/rolling-iqr';

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

/**
 * Sixty readings cycling through 20…29, one second apart, then one a fiftieth of an IQR past
 * the upper fence of the IQR detector's defaults (window 100, k 1.5), found with the same module.
 */
function justPastTheFence(): { ts: number; v: number }[] {
	const records = Array.from({ length: 60 }, (_, i) => ({
		ts: Date.UTC(2024, 4, 1, 10, 0, i),
		v: 20 + (i % 10)
	}));
	const detector = new RollingIqr(100, 1.5);
	for (const { v } of records) detector.push(v);
	// Above the upper fence the score is (x − fence) / IQR.
	const iqr = 1 / (detector.score(101) - detector.score(100));
	const fence = 100 - detector.score(100) * iqr;
	records.push({ ts: Date.UTC(2024, 4, 1, 10, 1, 0), v: fence + iqr / 50 });
	return records;
}

for (const width of [1280, 390]) {
	test(`anomaly list shows time of day at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await readRecords(page, '&detector=iqr', justPastTheFence());

		const list = page.getByTestId('anomaly-list');
		await expect(list.getByTestId('anomaly-jump')).toHaveCount(1);
		await expect(list.getByTestId('anomaly-reason')).toHaveText('+0.020 IQR past the fence');
		const time = list.getByTestId('anomaly-time');
		// The file is not from today, so the row gives its date as well.
		await expect(time).toHaveText(/^2024-05-01\s+10:01:00\.000$/);
		const clipped = await time.evaluate((element) => element.scrollWidth > element.clientWidth);
		expect(clipped).toBe(false);
		const row = await list.getByTestId('anomaly-jump').boundingBox();
		const clock = await time.locator('span').last().boundingBox();
		expect(clock!.x + clock!.width).toBeLessThanOrEqual(row!.x + row!.width);
	});
}
