import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, log } from './log';
import type { ProducerOptions } from './options';

/**
 * Starts `server` listening on `--host` and `--port` and returns the bound port. When it cannot
 * listen, logs why (with a hint for a port in use) and returns null.
 */
export async function startServer(
	server: Server,
	options: ProducerOptions
): Promise<number | null> {
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port, options.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} catch (error) {
		const hint =
			(error as { code?: unknown }).code === 'EADDRINUSE' ? '; use --port to pick another' : '';
		log(`failed to listen on ${options.host}:${options.port}: ${errorMessage(error)}${hint}`);
		return null;
	}
	return (server.address() as AddressInfo).port;
}

/** Writes a host for a URL, in brackets when it is an IPv6 address. */
export function urlHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

/** Sends 200 `ok` for a readiness check, readable from any origin because the dashboard probes it. */
export function answerHealth(response: ServerResponse, headers: Record<string, string>): void {
	response.writeHead(200, {
		...headers,
		'content-type': 'text/plain; charset=utf-8',
		'access-control-allow-origin': '*'
	});
	response.end('ok');
}
