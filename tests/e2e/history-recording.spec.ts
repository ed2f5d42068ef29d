import { expect, test } from './support/test';
import { Generator } from '../../src/lib/sim/generator';
import { dumpHistory, figure, recordAndOpenHistory, recordSimulator } from './support/history-db';

const rate = 500;

test('recording survives a reload mid-stream', async ({ page }) => {
	await page.goto(`/?rate=${rate}`);
	await expect(page.getByTestId('history-status')).toHaveAttribute('data-value', 'recording');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(1500);

	const reloadAt = await page.evaluate(() => Date.now());
	await page.reload();
	await expect(page.getByTestId('history-status')).toHaveAttribute('data-value', 'recording');

	const [first] = await dumpHistory(page);
	expect(first.state).toBe('interrupted');
	// At most 250 ms of what the simulator had generated before the reload is missing.
	expect(reloadAt - first.end).toBeLessThanOrEqual(250);
	expect(first.recordCount).toBe(first.time.length);

	// The simulator is seeded: regenerate what it sent and compare record by record.
	const generator = new Generator(
		{ pattern: 'sine', rate, base: 50, noise: 2, anomalyRate: 0.01, seed: 1 },
		first.start
	);
	const sent = { time: 0, value: 0, category: 0 };
	for (let i = 0; i < first.recordCount; i++) {
		generator.nextInto(sent);
		if (first.time[i] !== sent.time || first.values[0][i] !== sent.value) {
			throw new Error(`record ${i} differs: stored ${first.time[i]}, ${first.values[0][i]}`);
		}
		expect.soft(first.category[i]).toBe(generator.categories[sent.category]);
	}
	expect(first.settings).toMatchObject({ kind: 'simulator', sim: { rate, seed: 1 } });
});

test('history page lists a stopped session', async ({ page }) => {
	await recordSimulator(page, 200, 200);
	const count = await figure(page, 'record-count');

	await page.getByRole('link', { name: 'History' }).click();
	const session = page.getByTestId('session');
	await expect(session).toHaveCount(1);
	await expect(session).toHaveAttribute('data-value', String(count));
	await expect(session).toHaveAttribute('data-state', 'complete');
	await expect(session).toContainText('simulator');
	await expect(page.getByTestId('storage-estimate')).toContainText('Storage used');
});

test('leaving the dashboard completes its session', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect(page.getByTestId('history-status')).toHaveAttribute('data-value', 'recording');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);
	const count = await figure(page, 'record-count');

	await page.getByRole('link', { name: 'History' }).click();
	const session = page.getByTestId('session');
	await expect(session).toHaveCount(1);
	await expect(session).toHaveAttribute('data-state', 'complete');
	expect(Number(await session.getAttribute('data-value'))).toBeGreaterThanOrEqual(count);
	await expect(session.getByRole('link', { name: 'Continue' })).toHaveCount(0);
});

test('interrupted session can be continued', async ({ page }) => {
	await page.goto('/?rate=200');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);
	await page.goto('/history/');

	const session = page.getByTestId('session');
	await expect(session).toHaveAttribute('data-state', 'interrupted');
	const before = Number(await session.getAttribute('data-value'));
	await session.getByRole('link', { name: 'Continue' }).click();
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);
	await page.getByTestId('stop').click();

	await page.goto('/history/');
	await expect(page.getByTestId('session')).toHaveCount(1);
	await expect(session).toHaveAttribute('data-state', 'complete');
	expect(Number(await session.getAttribute('data-value'))).toBeGreaterThan(before + 200);
});

test('interrupted SSE session continues', async ({ page }) => {
	const wsPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
	// Started by the Playwright config: `producer http --rate 50 --seed 7 --event reading`.
	const httpPort = Number(process.env.PRODUCER_HTTP_PORT ?? wsPort + 1);
	const events = `http://127.0.0.1:${httpPort}/events`;
	await page.goto(
		`/?source=sse&url=${encodeURIComponent(events)}&event=reading&derive=${encodeURIComponent('double=value * 2')}`
	);
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	await page.goto('/history/');

	const session = page.getByTestId('session');
	await expect(session).toHaveAttribute('data-state', 'interrupted');
	const before = Number(await session.getAttribute('data-value'));
	const link = session.getByRole('link', { name: 'Continue' });
	await expect(link).toHaveCount(1);
	const href = new URL((await link.getAttribute('href'))!, page.url());
	expect(href.searchParams.get('source')).toBe('sse');
	expect(href.searchParams.get('url')).toBe(events);
	expect(href.searchParams.get('event')).toBe('reading');
	expect(href.searchParams.getAll('derive')).toEqual(['double=value * 2']);

	await link.click();
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	await page.getByTestId('stop').click();
	await page.goto('/history/');
	await expect(session).toHaveCount(1);
	await expect(session).toHaveAttribute('data-state', 'complete');
	expect(Number(await session.getAttribute('data-value'))).toBeGreaterThan(before + 50);
	const [stored] = await dumpHistory(page);
	expect(stored.series).toEqual(['value', 'double']);
});

test('session recording elsewhere is not deleted', async ({ page, context }) => {
	await page.goto('/?rate=200');
	await expect(page.getByTestId('history-status')).toHaveAttribute('data-value', 'recording');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(100);

	const history = await context.newPage();
	history.on('dialog', (dialog) => dialog.accept());
	await history.goto('/history/');
	const session = history.getByTestId('session');
	await expect(session).toHaveAttribute('data-state', 'recording');
	await session.getByRole('button', { name: 'Delete' }).click();
	await expect(history.getByTestId('history-action-problem')).toHaveText(
		'"Simulated sine, 200 records/s, seed 1" is still being recorded in another tab or ' +
			'window. Stop its source there, then delete it.'
	);
	await expect(session).toHaveCount(1);

	// Once stopped, every record is in the session and it can be deleted.
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	const count = await figure(page, 'record-count');
	const [stored] = await dumpHistory(history);
	expect(stored.recordCount).toBe(count);
	expect(stored.time).toHaveLength(count);
	await session.getByRole('button', { name: 'Delete' }).click();
	await expect(session).toHaveCount(0);
	expect(await dumpHistory(history)).toHaveLength(0);
});

test('session delete asks first', async ({ page }) => {
	const session = await recordAndOpenHistory(page, 100, 20);
	const name = await session.locator('.name').textContent();

	const questions: string[] = [];
	page.once('dialog', (dialog) => {
		questions.push(dialog.message());
		void dialog.dismiss();
	});
	await session.getByRole('button', { name: 'Delete' }).click();
	await expect.poll(() => questions).toEqual([`Delete "${name}"? Its records cannot be restored.`]);
	await page.reload();
	await expect(session).toHaveCount(1);

	page.once('dialog', (dialog) => void dialog.accept());
	await session.getByRole('button', { name: 'Delete' }).click();
	await expect(session).toHaveCount(0);
	await expect(page.getByTestId('history-message')).toHaveText(`Deleted "${name}".`);
});

test('sessions can be renamed, closed and deleted', async ({ page }) => {
	for (let i = 0; i < 3; i++) {
		await recordSimulator(page, 100, 20);
	}
	await page.goto('/history/');
	const sessions = page.getByTestId('session');
	await expect(sessions).toHaveCount(3);

	await sessions.nth(0).getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('Session name').fill('Morning run');
	await sessions.nth(0).getByRole('button', { name: 'Save' }).click();
	await expect(sessions.nth(0)).toContainText('Morning run');

	page.on('dialog', (dialog) => dialog.accept());
	await sessions.nth(1).getByRole('checkbox').check();
	await sessions.nth(2).getByRole('checkbox').check();
	await page.getByTestId('delete-selected').click();
	await expect(sessions).toHaveCount(1);
	await expect(sessions).toContainText('Morning run');

	await page.reload();
	await expect(sessions).toHaveCount(1);
	await sessions.getByRole('button', { name: 'Delete' }).click();
	await expect(sessions).toHaveCount(0);
});
