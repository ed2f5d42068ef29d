import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startProducer, waitForExit, waitForLine, type ProducerRun } from './producer-process';

const START_LINE = /^producer: http on http:\/\/127\.0\.0\.1:(\d+): /;

interface Server {
	child: ChildProcessWithoutNullStreams;
	exit: Promise<ProducerRun>;
	base: string;
}
let servers: Server[] = [];

async function startServer(args: string[]): Promise<Server> {
	const child = startProducer(['http', '--port', '0', '--seed', '3', ...args]);
	const exit = waitForExit(child, 30_000);
	const match = await waitForLine(child.stderr, START_LINE);
	const server = { child, exit, base: `http://127.0.0.1:${match[1]}` };
	servers.push(server);
	return server;
}

/** Reads a whole response body that the server ends itself. */
async function body(url: string, init?: RequestInit): Promise<{ status: number; text: string }> {
	const response = await fetch(url, init);
	return { status: response.status, text: await response.text() };
}

/** Parses the `id:` and `data:` lines of a simple SSE body. */
function events(text: string): { id: number; data: Record<string, unknown>; type?: string }[] {
	return text
		.split('\n\n')
		.filter((block) => block.includes('data: '))
		.map((block) => {
			const lines = block.split('\n');
			const field = (name: string) =>
				lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
			return {
				id: Number(field('id')),
				data: JSON.parse(field('data') ?? ''),
				type: field('event')
			};
		});
}

/** Parses the `id:` and raw `data:` lines of a simple SSE body, whether the data is JSON or not. */
function rawEvents(text: string): { id: number; data: string }[] {
	return text
		.split('\n\n')
		.filter((block) => block.includes('data: '))
		.map((block) => {
			const lines = block.split('\n');
			const field = (name: string) =>
				lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
			return { id: Number(field('id')), data: field('data') };
		});
}

function isValidJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

afterEach(async () => {
	for (const server of servers) {
		server.child.kill('SIGTERM');
		await server.exit;
	}
	servers = [];
});

describe('producer http mode', () => {
	it('producer http health and 404', async () => {
		const { base } = await startServer([]);

		expect(await body(`${base}/health`)).toEqual({ status: 200, text: 'ok' });
		expect((await body(`${base}/nope`)).status).toBe(404);
	});

	it('producer http SSE ids and resume', async () => {
		const { base } = await startServer(['--rate', '200', '--count', '10', '--shape', 'nested']);

		const first = await fetch(`${base}/events`);
		expect(first.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		const all = events(await first.text());
		expect(all.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(all.map((event) => event.data.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

		const resumed = events(
			(await body(`${base}/events`, { headers: { 'Last-Event-ID': '6' } })).text
		);
		expect(resumed.map((event) => event.id)).toEqual([7, 8, 9, 10]);
		expect(resumed.map((event) => event.data.reading)).toEqual(
			all.slice(6).map((event) => event.data.reading)
		);

		const over = await body(`${base}/events`, { headers: { 'Last-Event-ID': '10' } });
		expect(over.status).toBe(204);
	});

	it('producer http named events', async () => {
		const { base } = await startServer(['--rate', '200', '--count', '3', '--event', 'reading']);

		const all = events((await body(`${base}/events`)).text);
		expect(all.map((event) => event.type)).toEqual(['reading', 'reading', 'reading']);
	});

	it('producer http NDJSON stream and latest', async () => {
		const { base } = await startServer(['--rate', '500', '--count', '5']);

		const lines = (await body(`${base}/stream`)).text.trim().split('\n');
		expect(lines.length).toBe(5);
		expect(Object.keys(JSON.parse(lines[0]))).toEqual([
			'timestamp',
			'value',
			'category',
			'status',
			'metadata'
		]);
		const latest = await fetch(`${base}/latest`);
		expect(latest.headers.get('content-type')).toBe('application/json');
		expect(typeof (await latest.json()).value).toBe('number');
	});

	it('producer http garbage on SSE and JSON Lines', async () => {
		const { base } = await startServer([
			'--rate',
			'2000',
			'--count',
			'60',
			'--garbage-rate',
			'0.3'
		]);

		const lines = (await body(`${base}/stream`)).text.split('\n').slice(0, -1);
		expect(lines).toHaveLength(60);
		const badLines = lines.flatMap((line, i) => (isValidJson(line) ? [] : [i + 1]));
		// About 18 of 60 are expected; the seed fixes which.
		expect(badLines.length).toBeGreaterThan(5);
		expect(badLines.length).toBeLessThan(40);

		const sse = rawEvents((await body(`${base}/events`)).text);
		expect(sse.map((event) => event.id)).toEqual(lines.map((_line, i) => i + 1));
		const badIds = sse.filter((event) => !isValidJson(event.data)).map((event) => event.id);
		expect(badIds).toEqual(badLines);

		const resumed = rawEvents(
			(await body(`${base}/events`, { headers: { 'Last-Event-ID': '30' } })).text
		);
		const resumedBadIds = resumed
			.filter((event) => !isValidJson(event.data))
			.map((event) => event.id);
		expect(resumedBadIds).toEqual(badLines.filter((line) => line > 30));
	});

	it('producer http garbage on latest', async () => {
		const { base } = await startServer(['--rate', '500', '--count', '5', '--garbage-rate', '1']);

		const latest = await body(`${base}/latest`);
		expect(latest.status).toBe(200);
		expect(latest.text.trim()).not.toBe('');
		expect(isValidJson(latest.text)).toBe(false);
	});

	it('producer http homeassistant shape', async () => {
		const { base } = await startServer([
			'--rate',
			'500',
			'--count',
			'1',
			'--shape',
			'homeassistant'
		]);

		const record = JSON.parse((await body(`${base}/stream`)).text);
		expect(record.event.event_type).toBe('state_changed');
		expect(typeof record.event.data.new_state.state).toBe('string');
	});
});
