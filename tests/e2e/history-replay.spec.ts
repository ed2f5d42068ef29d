import { expect, test, type Page } from './support/test';
import { dumpHistory, figure } from './support/history-db';

const kpis = ['record-count', 'kpi-mean', 'kpi-std', 'kpi-min', 'kpi-max', 'anomaly-count'];

async function figures(page: Page): Promise<Record<string, number>> {
	const result: Record<string, number> = {};
	for (const testid of kpis) result[testid] = await figure(page, testid);
	return result;
}

/** Records the simulator until it has sent more than `count` records, then stops it. */
async function record(page: Page, count: number): Promise<Record<string, number>> {
	await page.goto('/?rate=1000');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(count);
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	// One more frame, so that the figures shown are those after the last batch.
	await page.waitForTimeout(300);
	return figures(page);
}

test('replay reproduces the recorded figures', async ({ page }) => {
	const recorded = await record(page, 4000);
	const [session] = await dumpHistory(page);
	expect(session.recordCount).toBe(recorded['record-count']);

	await page.goto(`/?replay=${session.id}&speed=max`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(recorded['record-count']);
	expect(await figures(page)).toEqual(recorded);
	await expect(page.getByText(`Replay of ${session.name}`)).toBeVisible();

	// A replay is not recorded again.
	expect(await dumpHistory(page)).toHaveLength(1);
});

test('replay paces by record time and seeks', async ({ page }) => {
	await record(page, 3000);
	await page.goto('/history/');
	await page.getByRole('link', { name: 'Replay' }).click();
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	// The main button would leave the replay and start the simulator, so it does not read Restart.
	await expect(page.getByTestId('start')).toHaveText('Start');

	const scrubber = page.getByTestId('replay-scrubber');
	const start = Number(await scrubber.getAttribute('min'));
	const end = Number(await scrubber.getAttribute('max'));
	await expect
		.poll(async () => Number(await scrubber.getAttribute('data-value')))
		.toBeGreaterThan(start);
	// At 1× a session of three seconds or more is still playing after half a second.
	expect(await figure(page, 'record-count')).toBeLessThan(3000);

	// Seek to the last half second; the analysis starts over from there.
	// fill() on a range input fires its input and change events.
	await scrubber.fill(String(end - 500));
	await page.getByTestId('replay-speed').selectOption({ label: '100×' });
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const count = await figure(page, 'record-count');
	expect(count).toBeGreaterThanOrEqual(499);
	expect(count).toBeLessThanOrEqual(501);
});
