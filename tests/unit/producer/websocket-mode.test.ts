import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startProducer, waitForExit, waitForLine, type ProducerRun } from './producer-process';

const START_LINE =
	/^producer: websocket on ws:\/\/127\.0\.0\.1:(\d+) \(binds 127\.0\.0\.1; use --host to change\)$/;

/** Starts the producer in websocket mode on a free port and returns the port it reports. */
async function startServer(args: string[]) {
	const child = startProducer(['websocket', '--port', '0', ...args]);
	const exit = waitForExit(child);
	const match = await waitForLine(child.stderr, START_LINE);

	return { child, exit, port: Number(match[1]) };
}

interface ClientResult {
	messages: string[];
	closeCode: number;
}

/** Connects and collects messages until `stopAfter` arrive or the server closes. */
function collect(port: number, stopAfter = Infinity): Promise<ClientResult> {
	const client = new WebSocket(`ws://127.0.0.1:${port}/`);
	const messages: string[] = [];

	return new Promise((resolve, reject) => {
		client.on('message', (data) => {
			// Messages already in flight when the client closes are not counted.
			if (messages.length >= stopAfter) return;

			messages.push(data.toString());
			if (messages.length === stopAfter) client.close(1000);
		});
		client.on('close', (closeCode) => resolve({ messages, closeCode }));
		client.on('error', reject);
	});
}

describe('producer websocket mode', () => {
	let server: { child: ChildProcessWithoutNullStreams; exit: Promise<ProducerRun>; port: number };

	beforeAll(async () => {
		server = await startServer(['--rate', '500']);
	});

	afterAll(async () => {
		server.child.kill('SIGTERM');
		await server.exit;
	});

	it('producer websocket health returns 200', async () => {
		const response = await fetch(`http://127.0.0.1:${server.port}/health`);

		expect(response.status).toBe(200);
		expect(await response.text()).toBe('ok');
	});

	it('producer websocket plain GET returns 426', async () => {
		const response = await fetch(`http://127.0.0.1:${server.port}/`);

		expect(response.status).toBe(426);
	});

	it('producer websocket client receives records', async () => {
		const { messages } = await collect(server.port, 20);
		const records = messages.map((message) => JSON.parse(message));
		const times = records.map((record) => Date.parse(record.timestamp));

		expect(records).toHaveLength(20);
		expect(Object.keys(records[0])).toEqual([
			'timestamp',
			'value',
			'category',
			'status',
			'metadata'
		]);
		// At 500 records/s, consecutive records are 2 ms apart.
		expect(times.every((time, i) => i === 0 || time - times[i - 1] === 2)).toBe(true);
	});

	it('producer websocket clients share one stream', async () => {
		const [first, second] = await Promise.all([
			collect(server.port, 500),
			collect(server.port, 100)
		]);
		const offset = first.messages.indexOf(second.messages[0]);

		expect(offset).toBeGreaterThanOrEqual(0);
		expect(first.messages.slice(offset, offset + 100)).toEqual(second.messages);
	});
});

describe('producer websocket run end', () => {
	it('producer websocket duration closes with 1000', async () => {
		const { port, exit } = await startServer(['--rate', '100', '--duration', '1.5']);

		const client = await collect(port);
		const run = await exit;

		expect(client.closeCode).toBe(1000);
		expect(client.messages.length).toBeGreaterThan(0);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/client 127\.0\.0\.1:\d+ connected \(1 connected\)/);
		expect(run.stderr).toMatch(/disconnected with code 1000 \(0 connected\)/);
	});

	it('producer websocket count sends exactly N', async () => {
		const { port, exit } = await startServer(['--rate', '1000', '--count', '300']);

		const client = await collect(port);
		const run = await exit;

		expect(client.messages).toHaveLength(300);
		expect(client.closeCode).toBe(1000);
		expect(run.code).toBe(0);
	});

	it('producer websocket count waits for a slow reader', async () => {
		// About 30 MB: more than the kernel's socket buffers take, so most of it waits in the
		// producer's own send buffer, which is lost when the producer cuts the client off.
		const count = 200_000;
		const { child, port, exit } = await startServer(['--rate', '100000', '--count', `${count}`]);
		const client = new WebSocket(`ws://127.0.0.1:${port}/`);
		let received = 0;
		// Above 1,000 records/s each message is an array of the records due in one tick.
		client.on('message', (data) => (received += (JSON.parse(data.toString()) as unknown[]).length));
		await once(client, 'open');
		// The client reads nothing until the producer has sent every record and has waited
		// longer than a close handshake may take when a run is interrupted.
		client.pause();
		await waitForLine(child.stderr, /stopping: --count reached/, 30_000);
		await sleep(3000);
		client.resume();
		const [closeCode] = (await once(client, 'close')) as [number];
		const run = await exit;

		expect(received).toBe(count);
		expect(closeCode).toBe(1000);
		expect(run.stderr).toContain(`sent ${count} records`);
		expect(run.stderr).not.toContain('cutting off');
	}, 60_000);

	it('producer websocket batch sends arrays', async () => {
		const { port, exit } = await startServer([
			'--rate',
			'1000',
			'--count',
			'250',
			'--batch',
			'100'
		]);

		const client = await collect(port);
		const run = await exit;
		const batches = client.messages.map((message) => JSON.parse(message) as unknown[]);

		// The closing line counts records, not messages; the benchmark reads it.
		expect(run.stderr).toContain('sent 250 records');

		expect(batches.every((batch) => Array.isArray(batch))).toBe(true);
		expect(batches.flat()).toHaveLength(250);
		expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(100);
	});

	it('producer websocket SIGTERM closes clients', async () => {
		const { child, port, exit } = await startServer(['--rate', '100']);
		const client = collect(port);
		await waitForLine(child.stderr, /connected \(1 connected\)/);

		child.kill('SIGTERM');
		const run = await exit;

		expect((await client).closeCode).toBe(1001);
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('producer: stopping: terminated');
	});

	it('producer websocket port in use exits 1', async () => {
		const { child, port, exit } = await startServer(['--rate', '1']);
		const second = startProducer(['websocket', '--port', String(port)]);

		const run = await waitForExit(second);
		child.kill('SIGTERM');
		await exit;

		expect(run.code).toBe(1);
		expect(run.stderr).toContain('address already in use');
	});
});

describe('producer websocket batches', () => {
	it('producer websocket auto batches above 1000/s', async () => {
		const server = await startServer(['--rate', '20000', '--count', '3000']);
		const result = await collect(server.port);
		const run = await server.exit;
		const batches = result.messages.map((message) => JSON.parse(message));

		expect(batches.every((batch) => Array.isArray(batch))).toBe(true);
		expect(batches.flat()).toHaveLength(3000);
		// About 200 records fall due per 10 ms tick, so far fewer messages than records.
		expect(batches.length).toBeLessThan(3000);
		expect(run.stderr).toContain('sent 3000 records');
	});

	it('producer websocket --batch 1 at 20000/s', async () => {
		const server = await startServer(['--rate', '20000', '--count', '500', '--batch', '1']);
		const result = await collect(server.port);
		await server.exit;
		const records = result.messages.map((message) => JSON.parse(message));

		expect(records).toHaveLength(500);
		expect(records.every((record) => !Array.isArray(record))).toBe(true);
	});

	it('producer websocket logs its send rate', async () => {
		const server = await startServer(['--rate', '2000', '--count', '1000']);
		await collect(server.port);
		const run = await server.exit;
		const match = /; send rate ([\d.]+) records\/s over ([\d.]+) s \(2000 requested\)/.exec(
			run.stderr
		);

		expect(match, run.stderr).not.toBeNull();
		expect(Number(match![1])).toBeGreaterThan(0);
		expect(Number(match![2])).toBeGreaterThan(0);
	});

	it('producer websocket garbage counts records', async () => {
		const server = await startServer([
			'--rate',
			'1000',
			'--count',
			'200',
			'--batch',
			'10',
			'--garbage-rate',
			'0.3'
		]);
		const result = await collect(server.port);
		const run = await server.exit;
		const parsed = result.messages.flatMap((message) => {
			try {
				return [JSON.parse(message) as unknown[]];
			} catch {
				return [];
			}
		});
		const summary = /sent 200 records, (\d+) of them invalid JSON in (\d+) messages/.exec(
			run.stderr
		);

		expect(summary, run.stderr).not.toBeNull();
		expect(Number(summary![2])).toBe(result.messages.length - parsed.length);
		expect(Number(summary![1])).toBe(200 - parsed.flat().length);
	});

	it('producer websocket --batch sends arrays', async () => {
		const server = await startServer(['--rate', '1000', '--batch', '5', '--count', '20']);
		const result = await collect(server.port);
		await server.exit;

		const batches = result.messages.map((message) => JSON.parse(message));
		expect(batches.every((batch) => Array.isArray(batch))).toBe(true);
		expect(batches.flat().length).toBe(20);
		expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(5);
	});
});
