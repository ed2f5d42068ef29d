import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { expect, test } from 'vitest';
import type { SourceMessage } from '../../../src/lib/protocol';
import { SourceOutput } from '../../../src/lib/sources/source-output';
import { SseSource } from '../../../src/lib/sources/sse-source';

test('SseSource retries 5xx and wrong type, resumes, stops on 204', async () => {
	const requests: { lastEventId: string | undefined }[] = [];
	const server = createServer((request, response) => {
		requests.push({ lastEventId: request.headers['last-event-id'] as string | undefined });
		switch (requests.length) {
			case 1:
				response.writeHead(503).end('busy');
				return;
			case 2:
				response.writeHead(200, { 'content-type': 'text/plain' }).end('data: {"v":0}\n\n');
				return;
			case 3:
				response.writeHead(200, { 'content-type': 'text/event-stream' });
				response.end('retry: 50\n\nid: 1\ndata: {"v":1}\n\nid: 2\ndata: {"v":2}\n\ndata: {"v":3}');
				return;
			default:
				response.writeHead(204).end();
		}
	});
	// Port 0: the system picks a free loopback port for this in-process server.
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const channel = new NodeMessageChannel();
	const messages: SourceMessage[] = [];
	channel.port2.on('message', (message: SourceMessage) => messages.push(message));
	const output = new SourceOutput();
	output.attach(channel.port1 as unknown as MessagePort);
	const source = new SseSource(
		`http://127.0.0.1:${port}/events`,
		output,
		{ values: [['v']] },
		null
	);
	try {
		source.start();
		await expect.poll(() => output.currentStatus, { timeout: 10_000 }).toBe('done');
	} finally {
		source.stop();
		server.close();
		channel.port1.close();
	}

	expect(requests).toEqual([
		{ lastEventId: undefined },
		{ lastEventId: undefined },
		{ lastEventId: undefined },
		{ lastEventId: '2' }
	]);
	const details = messages.flatMap((m) => (m.kind === 'status' ? [m.detail ?? ''] : []));
	expect(details.some((detail) => detail.startsWith('server answered 503'))).toBe(true);
	expect(details.some((detail) => detail.includes('got text/plain'))).toBe(true);
	const values = messages.flatMap((m) => (m.kind === 'batch' ? [...m.batch.values[0]] : []));
	expect(values).toEqual([1, 2]);
	const warnings = messages.flatMap((m) => (m.kind === 'errors' ? m.errors : []));
	expect(warnings.map((warning) => warning.message)).toContain(
		'the stream ended inside an event, which was dropped as the SSE standard requires'
	);
}, 20_000);
