import type { AddressInfo } from 'node:net';
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { afterEach, expect, test, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { SourceMessage } from '../../../src/lib/protocol';
import { SourceOutput } from '../../../src/lib/sources/source-output';
import { WebSocketSource } from '../../../src/lib/sources/websocket-source';

// Node 20 has no WebSocket global without a flag. The ws client implements the same onopen,
// onmessage and onclose interface, with close codes and binaryType 'arraybuffer'.
vi.stubGlobal('WebSocket', WebSocket);

afterEach(() => {
	vi.restoreAllMocks();
});

interface Run {
	source: WebSocketSource;
	output: SourceOutput;
	/** Status details posted so far, in order. */
	details: string[];
	/**
	 * For each `reconnecting` status that arrived while a wait ran, the ms left of that wait, read
	 * from `retryAt`. A `reconnecting` status of the attempt itself has no wait.
	 */
	waitsLeft: number[];
	/** Connections the server accepted so far. */
	connections: () => number;
	close: () => Promise<void>;
}

/** Starts a server that sends one record on each connection and then closes it with `code`. */
async function startRun(code: number): Promise<Run> {
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	let connections = 0;
	server.on('connection', (socket) => {
		connections += 1;
		socket.send(JSON.stringify({ ts: 1_714_557_600_000 + connections, v: connections }));
		socket.close(code, 'test close');
	});
	// Port 0: the system picks a free loopback port for this in-process server.
	await new Promise<void>((resolve) => server.once('listening', resolve));
	const { port } = server.address() as AddressInfo;

	const channel = new NodeMessageChannel();
	const details: string[] = [];
	const waitsLeft: number[] = [];
	const output = new SourceOutput();
	output.attach(channel.port1 as unknown as MessagePort);
	const source = new WebSocketSource(`ws://127.0.0.1:${port}`, output, {
		time: ['ts'],
		values: [['v']]
	});
	channel.port2.on('message', (message: SourceMessage) => {
		if (message.kind !== 'status') return;
		details.push(message.detail ?? '');
		const retryAt = source.retryAt;
		if (message.status === 'reconnecting' && retryAt !== null) waitsLeft.push(retryAt - Date.now());
	});
	source.start();
	return {
		source,
		output,
		details,
		waitsLeft,
		connections: () => connections,
		close: async () => {
			source.stop();
			channel.port1.close();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

const finalStates = [
	{ code: 1000, status: 'done', detail: 'closed normally (1000: test close)' },
	{ code: 1003, status: 'error', detail: 'unsupported data (1003: test close)' },
	{ code: 1008, status: 'error', detail: 'policy violation (1008: test close)' },
	{ code: 4001, status: 'error', detail: 'closed (4001: test close)' }
];

for (const { code, status, detail } of finalStates) {
	test(`WebSocketSource stops after close code ${code}`, async () => {
		const run = await startRun(code);
		try {
			await expect.poll(() => run.output.currentStatus, { timeout: 10_000 }).toBe(status);
			// Long enough for a reconnection attempt, whose first wait is at most 1 s.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(run.output.currentStatus).toBe(status);
			expect(run.connections()).toBe(1);
			expect(run.details.at(-1)).toContain(detail);
		} finally {
			await run.close();
		}
	});
}

test('WebSocketSource backs off from a server that closes at once', async () => {
	// The top of each jittered range, so that every wait is its ceiling.
	vi.spyOn(Math, 'random').mockReturnValue(1);
	const run = await startRun(1011);
	try {
		for (let attempt = 1; attempt <= 3; attempt++) {
			await expect.poll(() => run.waitsLeft.length, { timeout: 10_000 }).toBe(attempt);
			run.source.retryNow();
		}
	} finally {
		await run.close();
	}

	// A wait's time left is read a few ms after it started.
	const ceilings = [1000, 2000, 4000];
	for (const [i, ceiling] of ceilings.entries()) {
		expect(run.waitsLeft[i]).toBeLessThanOrEqual(ceiling);
		expect(run.waitsLeft[i]).toBeGreaterThan(ceiling - 200);
	}
	expect(run.details[run.details.length - 1]).toBe('server error (1011: test close)');
});

test('WebSocketSource waits longer after 1012', async () => {
	vi.spyOn(Math, 'random').mockReturnValue(0);
	const run = await startRun(1012);
	try {
		await expect.poll(() => run.waitsLeft.length, { timeout: 10_000 }).toBe(1);
	} finally {
		await run.close();
	}
	// The lowest wait after 1012 is half its 5 s base, where after 1011 it is half of 0.5 s.
	expect(run.waitsLeft[0]).toBeLessThanOrEqual(2500);
	expect(run.waitsLeft[0]).toBeGreaterThan(2300);
	expect(run.details.at(-1)).toBe('server restarting (1012: test close)');
});

test('WebSocketSource reconnect detail names no delay', async () => {
	const run = await startRun(1011);
	try {
		await expect.poll(() => run.waitsLeft.length, { timeout: 10_000 }).toBe(1);
	} finally {
		await run.close();
	}
	// The page counts down to retryAt; a fixed figure in the detail would disagree with it.
	expect(run.details.at(-1)).toBe('server error (1011: test close)');
	expect(run.details.join('\n')).not.toMatch(/\d s\b/);
});

test('WebSocketSource names a refused connection', async () => {
	// A port that was free a moment ago, so that the connection is refused.
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	await new Promise<void>((resolve) => server.once('listening', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));

	// A browser's WebSocket reports the refusal only as an event, where the ws client also emits
	// an 'error' that Node throws when no listener takes it.
	class ListenedWebSocket extends WebSocket {
		constructor(address: string) {
			super(address);
			this.on('error', () => {});
		}
	}
	vi.stubGlobal('WebSocket', ListenedWebSocket);

	const channel = new NodeMessageChannel();
	const output = new SourceOutput();
	output.attach(channel.port1 as unknown as MessagePort);
	const url = `ws://127.0.0.1:${port}`;
	const source = new WebSocketSource(url, output, {});
	const details: string[] = [];
	channel.port2.on('message', (message: SourceMessage) => {
		if (message.kind === 'status' && message.status === 'reconnecting') {
			details.push(message.detail ?? '');
		}
	});
	source.start();
	try {
		await expect.poll(() => details.length, { timeout: 10_000 }).toBeGreaterThan(0);
	} finally {
		source.stop();
		channel.port1.close();
		vi.stubGlobal('WebSocket', WebSocket);
	}
	expect(details[0]).toMatch(new RegExp(`^could not connect to ${url} \\(close code 1006\\)`));
	expect(details[0]).not.toContain('connection lost');
});

test('WebSocketSource says lost after an open connection', async () => {
	const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	server.on('connection', (socket) => socket.terminate());
	await new Promise<void>((resolve) => server.once('listening', resolve));
	const { port } = server.address() as AddressInfo;

	const channel = new NodeMessageChannel();
	const output = new SourceOutput();
	output.attach(channel.port1 as unknown as MessagePort);
	const source = new WebSocketSource(`ws://127.0.0.1:${port}`, output, {});
	const details: string[] = [];
	channel.port2.on('message', (message: SourceMessage) => {
		if (message.kind === 'status' && message.status === 'reconnecting') {
			details.push(message.detail ?? '');
		}
	});
	source.start();
	try {
		await expect.poll(() => details.length, { timeout: 10_000 }).toBeGreaterThan(0);
	} finally {
		source.stop();
		channel.port1.close();
		await new Promise((resolve) => server.close(resolve));
	}
	expect(details[0]).toBe('connection lost (1006)');
});
