import { startProducer } from './support/producer';
import { expect, test, type Page } from './support/test';

// Started by the Playwright config: `producer websocket --rate 200 --seed 7`.
const configProducer = `ws://127.0.0.1:${process.env.PRODUCER_WS_PORT ?? 18765}`;

/** Keeps records whose `seq` is not a multiple of 4, so it drops every fourth record. */
const everyFourth = 'seq % 4 != 0';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Reads the record and filter counts in one pass over the page, so both come from one view. */
function counts(page: Page): Promise<{ accepted: number; filtered: number }> {
	return page.evaluate(() => {
		const value = (testid: string) =>
			Number(document.querySelector(`[data-testid=${testid}]`)?.getAttribute('data-value'));
		return { accepted: value('record-count'), filtered: value('filtered-count') };
	});
}

test('filter count follows a live websocket', async ({ page }) => {
	test.setTimeout(90_000);
	const sent = 2000;
	// Port 0: the system picks a free port. Nested records carry `seq`, their 1-based number
	// among the records sent, and 2,000 records at 200 records/s keep the stream live for 10 s.
	const producer = await startProducer(0, [
		'--shape',
		'nested',
		'--rate',
		'200',
		'--count',
		String(sent),
		'--seed',
		'5'
	]);
	try {
		const url = encodeURIComponent(`ws://127.0.0.1:${producer.port}`);
		await page.goto(`/?source=websocket&url=${url}&filter=${encodeURIComponent(everyFourth)}`);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
		const card = page.locator('.kpi', { has: page.getByTestId('filtered-count') });
		await expect(card).toContainText('Filtered');

		// Each view shows the counts after records 1 to n, of which the filter dropped n / 4,
		// rounded down.
		await expect.poll(async () => (await counts(page)).filtered).toBeGreaterThan(20);
		const live = await counts(page);
		expect(await page.getByTestId('source-status').getAttribute('data-value')).toBe('live');
		expect(live.filtered).toBe(Math.floor((live.accepted + live.filtered) / 4));
		expect(live.accepted + live.filtered).toBeLessThan(sent);

		expect(await producer.exited).toBe(0);
		expect(producer.log()).toContain(`sent ${sent} records`);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		const done = await counts(page);
		expect(await figure(page, 'error-count')).toBe(0);
		expect(done.filtered).toBe(sent - done.accepted);
		expect(done.filtered).toBe(sent / 4);
		await expect(page.getByTestId('filtered-count')).toHaveText('500');
	} finally {
		if (producer.child.exitCode === null) producer.child.kill('SIGKILL');
	}
});

test('filter count hidden without a filter', async ({ page }) => {
	await page.goto(`/?source=websocket&url=${encodeURIComponent(configProducer)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);

	await expect(page.getByTestId('error-count')).toBeVisible();
	await expect(page.getByTestId('filtered-count')).toHaveCount(0);
});
