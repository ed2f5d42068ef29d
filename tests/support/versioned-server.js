// A static file server for the built site whose service worker script can be changed while a
// test runs, the way a new deployment changes it. Tests use it to check the update prompt.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png'
};

/**
 * Serves `root` on 127.0.0.1:`port`. `sw.js` gets a trailing comment naming the current
 * version, so `setVersion` makes the browser see a new service worker.
 *
 * @param {string} root
 * @param {number} port
 */
export async function startVersionedServer(root, port) {
	let version = 1;
	const server = createServer(async (request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		let file = normalize(join(root, path));
		if (!file.startsWith(normalize(root))) {
			response.writeHead(403).end();
			return;
		}
		try {
			if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
			let body = await readFile(file);
			if (path === '/sw.js') body = Buffer.concat([body, Buffer.from(`\n// v${version}\n`)]);
			response.writeHead(200, {
				'content-type': types[/** @type {keyof types} */ (extname(file))] ?? 'text/plain',
				'cache-control': 'no-cache',
				// Chromium's update check can stall for seconds on a kept-alive socket.
				connection: 'close'
			});
			response.end(body);
		} catch {
			response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
		}
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', () => done(undefined)));
	return {
		url: `http://127.0.0.1:${port}`,
		/** @param {number} next */
		setVersion(next) {
			version = next;
		},
		close: () => new Promise((done) => server.close(() => done(undefined)))
	};
}
