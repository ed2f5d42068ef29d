import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handler of one request. The CORS header that lets the app read the response is already set. */
export type MockRoute = (request: IncomingMessage, response: ServerResponse) => void;

/** An HTTP server that a test started on 127.0.0.1, with a count of the requests it received. */
export interface MockHttp {
	/** Base address, such as `http://127.0.0.1:40123`, without a trailing slash. */
	base: string;
	/** Requests received so far, by path. */
	hits: Map<string, number>;
	close: () => Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 at a port the system picks, so that it never collides with
 * another test run. A path without a route gets 404.
 */
export async function startMockHttp(routes: Record<string, MockRoute>): Promise<MockHttp> {
	const hits = new Map<string, number>();
	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
		hits.set(path, (hits.get(path) ?? 0) + 1);
		response.setHeader('access-control-allow-origin', '*');
		response.setHeader('cache-control', 'no-store');
		const route = routes[path];
		if (route === undefined) {
			response.writeHead(404).end();
			return;
		}
		route(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		base: `http://127.0.0.1:${port}`,
		hits,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
