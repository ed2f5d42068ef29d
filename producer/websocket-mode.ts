import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { WebSocketServer } from 'ws';
import { broadcastRecords } from './broadcast';
import { errorMessage, log } from './log';
import type { ProducerOptions } from './options';
import { answerHealth, startServer, urlHost } from './serve';

/** Milliseconds that clients get to complete the close handshake before they are cut off. */
const CLOSE_TIMEOUT_MS = 2000;

/**
 * Milliseconds that clients get instead when the run reached its --count or --duration. A client
 * still reading a backlog gets the close frame only after every record sent before it, so
 * cutting it off sooner would lose records that the closing log line counts as sent.
 */
const DRAIN_TIMEOUT_MS = 60_000;

/** Close code of a run that ended as planned (RFC 6455 normal closure). */
const NORMAL_CLOSURE = 1000;

/** Handles plain HTTP requests: 200 `ok` on `/health` for readiness checks, 426 otherwise. */
function handleHttpRequest(request: IncomingMessage, response: ServerResponse): void {
	const path = (request.url ?? '/').split('?')[0];
	if (path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
		answerHealth(response, {});
		return;
	}

	response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
	response.end('expected a WebSocket upgrade; GET /health answers readiness checks\n');
}

/**
 * Closes every client with `code`, waits up to `timeoutMs` for the close handshakes, then cuts
 * off the clients left and stops the server.
 */
async function closeServer(
	server: Server,
	sockets: WebSocketServer,
	code: number,
	reason: string,
	timeoutMs: number
): Promise<void> {
	const closed = [...sockets.clients].map((client) => {
		const done = once(client, 'close');
		client.close(code, reason);
		return done;
	});
	sockets.close();
	server.close();

	const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
	await Promise.race([Promise.all(closed), timeout]);
	if (sockets.clients.size > 0) {
		log(`cutting off ${sockets.clients.size} clients that did not close within ${timeoutMs} ms`);
	}
	for (const client of sockets.clients) client.terminate();
	server.closeAllConnections();
}

/**
 * Serves the stream over WebSocket on one HTTP server, which also serves `GET /health`.
 * Every connected client gets the records as JSON text messages (see `broadcastRecords`).
 * Returns the exit status: 0 after a clean stop, 1 when the server cannot listen.
 */
export async function runWebSocketMode(options: ProducerOptions): Promise<number> {
	const server = createServer(handleHttpRequest);
	const port = await startServer(server, options);
	if (port === null) return 1;

	// Attached only after listening, because the WebSocket server re-emits the HTTP server's
	// errors, and a failed listen would then surface as an unhandled 'error' event.
	const sockets = new WebSocketServer({ server, maxPayload: 64 * 1024 });
	log(
		`websocket on ws://${urlHost(options.host)}:${port} ` +
			`(binds ${options.host}; use --host to change)`
	);

	sockets.on('connection', (client, request) => {
		const peer = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
		log(`client ${peer} connected (${sockets.clients.size} connected)`);

		client.on('error', (error) => log(`client ${peer} failed: ${errorMessage(error)}`));
		client.on('close', (code) => {
			log(`client ${peer} disconnected with code ${code} (${sockets.clients.size} connected)`);
		});
	});
	sockets.on('error', (error) => log(`WebSocket server failed: ${errorMessage(error)}`));

	const end = await broadcastRecords(options, sockets);
	log(`stopping: ${end.summary}`);
	const timeoutMs = end.code === NORMAL_CLOSURE ? DRAIN_TIMEOUT_MS : CLOSE_TIMEOUT_MS;
	await closeServer(server, sockets, end.code, end.reason, timeoutMs);
	return 0;
}
