import { spawn } from 'node:child_process';
import { startProducer } from './support/producer';
import { expect, test, type Page } from './support/test';

// Started by the Playwright config: `producer websocket --rate 200 --seed 7`.
const producer = `ws://127.0.0.1:${process.env.PRODUCER_WS_PORT ?? 18765}`;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

test('websocket source follows the producer', async ({ page }) => {
	await page.goto(`/?source=websocket&url=${encodeURIComponent(producer)}`);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	const first = await figure(page, 'record-count');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(first + 100);

	expect(await figure(page, 'error-count')).toBe(0);
	expect(Number.isFinite(await figure(page, 'kpi-mean'))).toBe(true);
	await expect(page.getByTestId('categories').locator('rect')).not.toHaveCount(0);
});

test('websocket live keeps Pause and Stop', async ({ page }) => {
	await page.goto(`/?source=websocket&url=${encodeURIComponent(producer)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('stop')).toBeEnabled();

	await page.getByTestId('pause').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'paused');
	await page.getByTestId('pause').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	await expect(page.getByTestId('pause')).toBeDisabled();
	await expect(page.getByTestId('stop')).toBeDisabled();
});

test('websocket source reports a refused connection', async ({ page }) => {
	// Nothing listens on port 9 of the loopback address.
	await page.goto(`/?source=websocket&url=${encodeURIComponent('ws://127.0.0.1:9')}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'reconnecting');
	await expect(page.getByText(/retrying in/)).toBeVisible();
});

test('reconnect wait shows one figure that counts down', async ({ page }) => {
	await page.goto(`/?source=websocket&url=${encodeURIComponent('ws://127.0.0.1:9')}`);
	const countdown = page.getByTestId('reconnect-countdown');
	// Waits grow with each refused attempt; one of 3 s or more leaves time to watch it fall.
	await expect.poll(() => figure(page, 'reconnect-countdown')).toBeGreaterThanOrEqual(3);
	const first = await figure(page, 'reconnect-countdown');
	await expect(countdown).toContainText(/retrying in \d+ s/);

	const statusLine = page.locator('.status-line');
	const text = await statusLine.innerText();
	expect(text.match(/retrying in/g)).toHaveLength(1);
	// The worker's status detail used to add a fixed "retrying in 6.3 s" beside the countdown.
	expect(text).not.toMatch(/\d\.\d s/);
	// The figure falls by one a second later, within the same wait.
	const countdownValue = () =>
		page.evaluate(() =>
			document.querySelector('[data-testid=reconnect-countdown]')?.getAttribute('data-value')
		);
	await expect.poll(countdownValue, { intervals: [100] }).toBe(String(first - 1));
});

test('websocket picker connects from the page', async ({ page }) => {
	await page.goto('/');
	const start = page.getByTestId('start');
	// The simulator runs, so its button restarts it; another source's button connects that one.
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(start).toHaveText('Restart');
	await page.getByLabel('WebSocket').check();
	await expect(start).toHaveText('Connect');
	await page.getByLabel('URL').fill(producer);
	await page.getByLabel('URL').press('Enter');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('source-status')).toBeVisible();
	await expect(start).toHaveText('Restart');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
});

test('websocket opened before its server maps records', async ({ page }) => {
	test.setTimeout(120_000);
	// A port of its own, started only after the page is already trying to connect.
	const port = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;
	await page.goto(`/?source=websocket&url=${encodeURIComponent(`ws://127.0.0.1:${port}`)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'reconnecting');

	// One process, so that killing it by its pid frees the port.
	const producer = spawn(
		process.execPath,
		['--import', 'tsx', 'producer/cli.ts', 'websocket', '--port', String(port), '--rate', '200'],
		{ stdio: 'ignore' }
	);
	try {
		// The backoff may have grown to tens of seconds while the server was missing.
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live', {
			timeout: 75_000
		});
		await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
		await expect.poll(() => figure(page, 'kpi-mean')).toBeGreaterThan(0);
		await expect(page.getByText('values: value')).toBeVisible();
	} finally {
		producer.kill();
	}
});

test('websocket with an invalid url does not connect', async ({ page }) => {
	await page.goto(`/?source=websocket&url=${encodeURIComponent('http://127.0.0.1:1/')}`);

	await expect(page.getByTestId('param-problem')).toContainText('invalid URL');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	expect(await figure(page, 'record-count')).toBe(0);
});

test('websocket fast producer arrays arrive whole', async ({ page }) => {
	test.setTimeout(120_000);
	// Above 1,000 records/s the producer sends the records of each 10 ms tick as one JSON array.
	const port = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;
	const count = 30_000;
	const fast = await startProducer(port, ['--rate', '10000', '--count', String(count)]);
	try {
		// Records of one millisecond and category repeat at this rate: keep them all.
		const url = encodeURIComponent(`ws://127.0.0.1:${port}`);
		await page.goto(`/?source=websocket&duplicates=all&url=${url}`);

		expect(await fast.exited).toBe(0);
		expect(fast.log()).toContain(`sent ${count} records`);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		await expect.poll(() => figure(page, 'record-count'), { timeout: 30_000 }).toBe(count);
		expect(await figure(page, 'error-count')).toBe(0);
	} finally {
		if (fast.child.exitCode === null) fast.child.kill('SIGKILL');
	}
});
