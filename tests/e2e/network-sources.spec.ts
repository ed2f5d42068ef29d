import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import { WebSocketServer } from 'ws';
import { expect, test, type Page } from './support/test';
import { killProducer, spawnProducer } from '../support/spawn-producer';
import { startMockHttp, type MockHttp } from './support/mock-http';
import { streamWorkerResources } from './support/worker-resources';

const wsPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
// Started by the Playwright config: `producer http --rate 50 --seed 7 --event reading`.
const httpPort = Number(process.env.PRODUCER_HTTP_PORT ?? wsPort + 1);
const httpBase = `http://127.0.0.1:${httpPort}`;
// Ports for producers that these tests kill and restart themselves.
const restartPort = httpPort + 3;
const mqttWsPort = Number(process.env.MQTT_WS_PORT ?? 18867);
const mqttWs = `ws://127.0.0.1:${mqttWsPort}`;
const mqttTcp = `mqtt://127.0.0.1:${mqttWsPort + 1}`;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

function status(page: Page) {
	return page.getByTestId('source-status');
}

let spawned: ChildProcess[] = [];
let mocks: MockHttp[] = [];
test.afterEach(async () => {
	for (const child of spawned) await killProducer(child);
	spawned = [];
	for (const mock of mocks) await mock.close();
	mocks = [];
});

/** Returns a loopback port that was free a moment ago, where a connection is refused. */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('no port was assigned');
	return address.port;
}

/** Ten JSON Lines records, one second apart. */
const tenLines = Array.from(
	{ length: 10 },
	(_, i) => `{"timestamp":"2024-01-20T10:30:0${i}Z","value":${i}}`
).join('\n');

test('sse source reads named events', async ({ page }) => {
	await page.goto(`/?source=sse&url=${encodeURIComponent(`${httpBase}/events`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect(page.getByTestId('event-type').locator('option')).toHaveText([
		'All types',
		/^"reading" \(\d+\)$/
	]);
});

test('sse source picks one event type', async ({ page }) => {
	await page.goto(`/?source=sse&event=other&url=${encodeURIComponent(`${httpBase}/events`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('event-type').locator('option')).toHaveCount(3);
	expect(await figure(page, 'record-count')).toBe(0);
	await page.getByTestId('event-type').selectOption('reading');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(5);
});

test('sse resumes after a producer restart', async ({ page }) => {
	const args = ['http', '--port', String(restartPort), '--rate', '40', '--count', '240'];
	spawned.push(await spawnProducer(args, restartPort));
	await page.goto(
		`/?source=sse&url=${encodeURIComponent(`http://127.0.0.1:${restartPort}/events`)}`
	);
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(40);

	await killProducer(spawned[0]);
	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	const beforeRestart = await figure(page, 'record-count');
	expect(beforeRestart).toBeLessThan(240);
	spawned.push(await spawnProducer(args, restartPort));

	// The producer ends the stream at 240 and answers the next reconnection with 204.
	await expect(status(page)).toHaveAttribute('data-value', 'done', { timeout: 30_000 });
	expect(await figure(page, 'record-count')).toBe(240);
	expect(await figure(page, 'error-count')).toBe(0);
});

test('http source polls a JSON URL', async ({ page }) => {
	await page.goto(`/?source=http&interval=0.2&url=${encodeURIComponent(`${httpBase}/latest`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(5);
	expect(await figure(page, 'error-count')).toBe(0);
});

test('http source streams JSON Lines', async ({ page }) => {
	await page.goto(`/?source=http&url=${encodeURIComponent(`${httpBase}/stream`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(30);
	await expect(page.getByText(/streaming/)).toBeVisible();
});

test('http source reads a finished JSON Lines body once', async ({ page }) => {
	const mock = await startMockHttp({
		'/ten.jsonl': (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(tenLines + '\n');
		}
	});
	mocks.push(mock);
	await page.goto(`/?source=http&url=${encodeURIComponent(`${mock.base}/ten.jsonl`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'done');
	await expect(page.locator('.status-line')).toContainText(
		'ended the response after 10 records, 0 rejected'
	);
	await expect.poll(() => figure(page, 'record-count')).toBe(10);
	// A source that read the body again would have requested it within a second and counted 20.
	await page.waitForTimeout(2500);
	expect(mock.hits.get('/ten.jsonl')).toBe(1);
	expect(await figure(page, 'record-count')).toBe(10);
	await expect(page.getByTestId('start')).toHaveText('Connect');
	await page.screenshot({ path: 'reports/http-jsonl-done.png' });
});

test('http source rejects a finished plain-text body once', async ({ page }) => {
	const lines = Array.from({ length: 6 }, (_, i) => `not json ${i}`).join('\n');
	const mock = await startMockHttp({
		'/junk.txt': (_request, response) => {
			response.writeHead(200, { 'content-type': 'text/plain' }).end(lines + '\n');
		}
	});
	mocks.push(mock);
	await page.goto(`/?source=http&url=${encodeURIComponent(`${mock.base}/junk.txt`)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'done');
	await expect(page.locator('.status-line')).toContainText('after 0 records, 6 rejected');
	await expect.poll(() => figure(page, 'error-count')).toBe(6);
	await page.waitForTimeout(2500);
	expect(mock.hits.get('/junk.txt')).toBe(1);
	expect(await figure(page, 'error-count')).toBe(6);
});

test('http polling names a non-JSON type', async ({ page }) => {
	const mock = await startMockHttp({
		'/page': (_request, response) => {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end('<html><body>hello</body></html>');
		}
	});
	mocks.push(mock);
	const url = `${mock.base}/page`;
	await page.goto(`/?source=http&interval=0.2&url=${encodeURIComponent(url)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	await expect(page.locator('.status-line')).toContainText('expected JSON, got text/html');
	expect(await figure(page, 'error-count')).toBe(0);
	await page.screenshot({ path: 'reports/http-html.png' });
});

test('http polling lists a repeated invalid body once', async ({ page }) => {
	const mock = await startMockHttp({
		'/junk': (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"value": 1,,}');
		}
	});
	mocks.push(mock);
	const url = `${mock.base}/junk`;
	await page.goto(`/?source=http&interval=0.2&url=${encodeURIComponent(url)}`);

	const line = page.locator('.status-line');
	await expect(line).toContainText('the response has no valid record (1 line rejected)');
	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	await page.getByTestId('retry-now').click();
	await expect(line).toContainText('the same response with no valid record 2 times in a row');
	await page.getByTestId('retry-now').click();
	await expect(line).toContainText('3 times in a row');
	expect(mock.hits.get('/junk')).toBeGreaterThanOrEqual(3);
	expect(await figure(page, 'error-count')).toBe(1);
	await expect(page.getByTestId('error-item')).toHaveCount(1);
	await page.screenshot({ path: 'reports/http-repeated-invalid.png' });
});

test('http invalid url gives an http example', async ({ page }) => {
	await page.goto(`/?source=http&url=${encodeURIComponent('127.0.0.1:8766/latest')}`);

	await expect(page.getByTestId('param-problem')).toContainText(
		'invalid URL "127.0.0.1:8766/latest" for HTTP: expected an absolute address such as http://'
	);
	await expect(status(page)).toHaveAttribute('data-value', 'idle');
	await page.screenshot({ path: 'reports/http-invalid-url.png' });
});

test('http stream rejects binary lines while open', async ({ page }) => {
	// 200 lines of 999 bytes from 0x80 to 0xFF, which are invalid UTF-8 and no JSON.
	const lines = 200;
	const body = Buffer.alloc(lines * 1000);
	for (let i = 0; i < body.length; i++) body[i] = i % 1000 === 999 ? 0x0a : 0x80 + ((i * 37) % 128);
	const mock = await startMockHttp({
		'/binary': (_request, response) => {
			// The response stays open, as a stream that is still sending would.
			response.writeHead(200, { 'content-type': 'application/x-ndjson' }).write(body);
		}
	});
	mocks.push(mock);
	await page.goto(`/?source=http&url=${encodeURIComponent(`${mock.base}/binary`)}`);

	await expect.poll(() => figure(page, 'error-count')).toBe(lines);
	await expect(status(page)).toHaveAttribute('data-value', 'live');
	const last = page.getByTestId('error-item').filter({ hasText: 'invalid JSON' }).last();
	await expect(last).toHaveAttribute('data-line', String(lines));
	await page.screenshot({ path: 'reports/http-binary-open.png' });
});

test('websocket reconnects after a producer restart', async ({ page }) => {
	const args = ['websocket', '--port', String(restartPort), '--rate', '100'];
	spawned.push(await spawnProducer(args, restartPort));
	await page.goto(`/?source=websocket&url=ws://127.0.0.1:${restartPort}`);
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(30);

	await killProducer(spawned[0]);
	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	const before = await figure(page, 'record-count');
	spawned.push(await spawnProducer(args, restartPort));

	await expect(status(page)).toHaveAttribute('data-value', 'live', { timeout: 40_000 });
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(before + 30);
});

test('mqtt source subscribes through Mosquitto', async ({ page }) => {
	const publisher = await mqtt.connectAsync(mqttTcp);
	try {
		await page.goto(`/?source=mqtt&topic=${encodeURIComponent('lab/+/temp')}&url=${mqttWs}`);
		await expect(status(page)).toHaveAttribute('data-value', 'live');

		for (let i = 0; i < 30; i++) {
			const time = Date.UTC(2024, 4, 1, 10, 0, i);
			await publisher.publishAsync('lab/a/temp', JSON.stringify({ ts: time, celsius: 20 + i }));
			await publisher.publishAsync('lab/b/temp', JSON.stringify({ ts: time, celsius: 30 }));
			await publisher.publishAsync('other/x/temp', JSON.stringify({ ts: time, celsius: 99 }));
		}
		await publisher.publishAsync('lab/c/temp', 'Offline');

		await expect.poll(() => figure(page, 'record-count')).toBe(60);
		await expect.poll(() => figure(page, 'error-count')).toBe(1);
		await expect(page.getByTestId('error-item')).toContainText('lab/c/temp');
		await expect(page.getByTestId('categories')).toContainText('lab/a/temp');
		expect(await figure(page, 'kpi-max')).toBe(49);
	} finally {
		await publisher.endAsync();
	}
});

test('mqtt client loads only for an mqtt source', async ({ page }) => {
	await page.goto('/?rate=100');
	await expect(status(page)).toHaveAttribute('data-value', 'live');
	const workerChunk = /\/workers\/chunks\/[^/]+\.js$/;
	const chunks = async () =>
		(await streamWorkerResources(page)).filter((url) => workerChunk.test(url));
	// The simulator needs no stream worker, so the live page loads none of its code.
	const streamWorkers = () => page.workers().filter((w) => /stream\.worker/.test(w.url()));
	expect(streamWorkers()).toHaveLength(0);

	await page.getByRole('radio', { name: 'MQTT' }).check();
	// The tab starts the worker, without the MQTT client until a connection needs it.
	await expect.poll(() => streamWorkers().length).toBe(1);
	expect(await chunks()).toEqual([]);
	await page.getByTestId('source-url').fill(mqttWs);
	await page.getByTestId('start').click();
	// The simulator's 'live' may still show right after the click, so wait for the chunk itself.
	await expect.poll(async () => (await chunks()).length).toBe(1);
	await expect(status(page)).toHaveAttribute('data-value', 'live');
});

test('websocket names a refused connection', async ({ page }) => {
	const url = `ws://127.0.0.1:${await freePort()}`;
	await page.goto(`/?source=websocket&url=${encodeURIComponent(url)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	const line = page.locator('.status-line');
	await expect(line).toContainText(`could not connect to ${url} (close code 1006)`);
	await expect(line).not.toContainText('connection lost');
	await page.screenshot({ path: 'reports/websocket-refused.png' });
});

test('refused source clears the simulator', async ({ page }) => {
	await page.goto('/?rate=100');
	await expect(status(page)).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);
	await expect(page.getByTestId('analyse-live')).toBeVisible();

	const url = `ws://127.0.0.1:${await freePort()}`;
	await page.getByRole('radio', { name: 'WebSocket' }).check();
	await page.getByTestId('source-url').fill(url);
	await page.getByTestId('start').click();

	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	const line = page.locator('.status-line');
	await expect(line).toContainText(url);
	await expect(line).not.toContainText('Simulated');
	await expect.poll(() => figure(page, 'record-count')).toBe(0);
	// The simulator's session is closed, and none is recorded before a record arrives.
	await expect(page.getByTestId('history-status')).toHaveCount(0);
	// Analyse would open the simulator's session: it stays hidden through the status polls.
	await expect(page.getByTestId('analyse-live')).toHaveCount(0);
	await page.waitForTimeout(1200);
	await expect(page.getByTestId('analyse-live')).toHaveCount(0);
	await page.screenshot({ path: 'reports/refused-after-simulator.png' });
});

test('mqtt names a refused connection', async ({ page }) => {
	const url = `ws://127.0.0.1:${await freePort()}`;
	await page.goto(`/?source=mqtt&url=${encodeURIComponent(url)}`);

	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	const line = page.locator('.status-line');
	await expect(line).toContainText(`could not connect to ${url}`);
	await expect(line).not.toContainText('connection lost');
	await page.screenshot({ path: 'reports/mqtt-refused.png' });
});

test('websocket countdown and retry now', async ({ page }) => {
	await page.goto(`/?source=websocket&url=ws://127.0.0.1:${restartPort}`);
	await expect(status(page)).toHaveAttribute('data-value', 'reconnecting');
	// Wait for a long enough countdown that only the button can explain a quick reconnection.
	await expect
		.poll(() => figure(page, 'reconnect-countdown'), { timeout: 40_000 })
		.toBeGreaterThanOrEqual(4);

	const server = new WebSocketServer({ host: '127.0.0.1', port: restartPort });
	await new Promise((resolve) => server.once('listening', resolve));
	try {
		await page.getByTestId('retry-now').click();
		await expect(status(page)).toHaveAttribute('data-value', 'live', { timeout: 2000 });
	} finally {
		server.close();
	}
});
