import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';
import { WebSocketServer } from 'ws';

const wsPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
// A port in this run's range, above the producers' ones.
const scriptedPort = wsPort + 5;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Serves one scripted connection: sends `frames`, then closes with `code` if given. */
async function serve(
	frames: (string | Buffer)[],
	code?: number
): Promise<{ server: WebSocketServer; connections: () => number }> {
	let connections = 0;
	const server = new WebSocketServer({ host: '127.0.0.1', port: scriptedPort });
	await new Promise((resolve) => server.once('listening', resolve));
	server.on('connection', (socket) => {
		connections += 1;
		for (const frame of frames) socket.send(frame, { binary: typeof frame !== 'string' });
		if (code !== undefined) socket.close(code, 'scripted close');
	});
	return { server, connections: () => connections };
}

test('websocket binary frames of case-22', async ({ page }) => {
	const fixture = JSON.parse(
		readFileSync('tests/fixtures/cases/case-22-ws-binary-frames.json', 'utf8')
	) as { frames: { type: string; text?: string; hex?: string }[] };
	const frames = fixture.frames.map((frame) =>
		frame.type === 'text' ? frame.text! : Buffer.from(frame.hex!, 'hex')
	);
	const { server } = await serve(frames);
	try {
		await page.goto(`/?source=websocket&url=ws://127.0.0.1:${scriptedPort}&value=v`);
		await expect.poll(() => figure(page, 'record-count')).toBe(6);
		await expect.poll(() => figure(page, 'error-count')).toBe(1);
		await expect(page.getByTestId('error-item')).toContainText('MessagePack');
		expect(await figure(page, 'kpi-mean')).toBeCloseTo((1 + 2 + 3 + 4 + 6 + 7) / 6, 9);
	} finally {
		server.close();
	}
});

test('websocket message of JSON Lines gives each record', async ({ page }) => {
	// Two messages of three lines each, one of them not JSON, then a plain one.
	const frames = ['{"v":1}\n{"v":2}\n{"v":3}\n', '{"v":4}\nnot json\n{"v":6}', '{"v":7}'];
	const { server } = await serve(frames);
	try {
		await page.goto(`/?source=websocket&url=ws://127.0.0.1:${scriptedPort}&value=v`);
		await expect.poll(() => figure(page, 'record-count')).toBe(6);
		await expect.poll(() => figure(page, 'error-count')).toBe(1);
		await expect(page.getByTestId('error-item')).toContainText('line 2 of the message');
		expect(await figure(page, 'kpi-mean')).toBeCloseTo((1 + 2 + 3 + 4 + 6 + 7) / 6, 9);
	} finally {
		server.close();
	}
});

test('websocket close 4001 does not loop', async ({ page }) => {
	const { server, connections } = await serve(['{"v":1}'], 4001);
	try {
		await page.goto(`/?source=websocket&url=ws://127.0.0.1:${scriptedPort}`);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'error');
		await expect(page.getByText(/not reconnecting/)).toBeVisible();
		// The message tells the user to press Connect, which is now the button's name.
		await expect(page.getByText(/Press Connect to try again/)).toBeVisible();
		await expect(page.getByTestId('start')).toHaveText('Connect');
		await page.waitForTimeout(2000);
		expect(connections()).toBe(1);
	} finally {
		server.close();
	}
});

test('websocket ended by server disables Stop', async ({ page }) => {
	const { server } = await serve(['{"v":1}', '{"v":2}'], 1000);
	try {
		await page.goto(`/?source=websocket&url=ws://127.0.0.1:${scriptedPort}&value=v`);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		await expect(page.getByTestId('pause')).toBeDisabled();
		await expect(page.getByTestId('stop')).toBeDisabled();
		await expect(page.getByTestId('start')).toHaveText('Connect');

		// Connect reads the stream again, which gets its controls back until it ends.
		await page.getByTestId('start').click();
		await expect.poll(() => figure(page, 'record-count')).toBe(2);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		await expect(page.getByTestId('stop')).toBeDisabled();
	} finally {
		server.close();
	}
});

/**
 * 20,000 trades 20 to a millisecond over one second, as a busy exchange feed sends them. The
 * first time has a fraction of a second, so the feed's equal times count as duplicates at once.
 */
function burstFrames(): string[] {
	return Array.from({ length: 20_000 }, (_, i) =>
		JSON.stringify({ ts: 1717000000001 + Math.floor(i / 20), sym: 'SIM', v: 100 + i / 1e4 })
	);
}

test('websocket burst accounts every message', async ({ page }) => {
	const { server } = await serve(burstFrames());
	try {
		// By default a later record with the same time and category replaces the one kept, so
		// every message is counted and the buffer keeps one record a millisecond.
		await page.goto(`/?source=websocket&url=ws://127.0.0.1:${scriptedPort}`);
		const note = page.getByTestId('order-counts');
		await expect(note).toHaveAttribute('data-replaced', '19000', { timeout: 30_000 });
		await expect.poll(() => figure(page, 'record-count')).toBe(20_000);
		await expect(note).toHaveAttribute('data-duplicates', '0');
		await expect(note).toHaveAttribute('data-buffered', '1000');
		await expect(note).toContainText('All are counted in Records; the buffer holds 1,000 records.');
		// The one kept per millisecond is the last one sent in it.
		expect(await figure(page, 'kpi-max')).toBe(100 + 19_999 / 1e4);
	} finally {
		server.close();
	}
});

test('websocket burst keeps every message', async ({ page }) => {
	const { server } = await serve(burstFrames());
	try {
		await page.goto(`/?source=websocket&duplicates=all&url=ws://127.0.0.1:${scriptedPort}`);
		await expect.poll(() => figure(page, 'record-count'), { timeout: 30_000 }).toBe(20_000);
		await expect(page.getByTestId('order-counts')).toHaveCount(0);
		expect(await figure(page, 'kpi-max')).toBe(100 + 19_999 / 1e4);
	} finally {
		server.close();
	}
});
