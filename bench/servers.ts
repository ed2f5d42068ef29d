import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server process the benchmark started, with everything it wrote to stderr so far. */
export interface Server {
	process: ChildProcess;
	/** Text written to stderr, for the producer's "sent N records" line. */
	stderr(): string;
	/** Resolves when the process has exited. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

function startProcess(command: string, args: string[]): Server {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (text: string) => (stderr += text));
	child.stdout?.resume();
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	return {
		process: child,
		stderr: () => stderr,
		exited,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await Promise.race([exited, sleep(5000)]);
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	};
}

/** Polls `url` until it answers 200, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, server: Server, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (server.process.exitCode !== null) {
			throw new Error(`server for ${url} exited early: ${server.stderr().trim()}`);
		}
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await sleep(100);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${url}`);
}

/** Serves build/ with `vite preview` on 127.0.0.1:`port` and waits until it answers. */
export async function startPreview(port: number): Promise<Server> {
	// Node runs the scripts directly, not through npx, so that stop() signals the server itself.
	// --bypass-lock: a killed preview left as an unreaped zombie keeps Vite's lock file valid and
	// blocks the next preview of this checkout. --strictPort still reports a real port clash.
	const server = startProcess(process.execPath, [
		'node_modules/vite/bin/vite.js',
		'preview',
		'--host',
		'127.0.0.1',
		'--port',
		String(port),
		'--strictPort',
		'--bypass-lock'
	]);
	await waitForHttp(`http://127.0.0.1:${port}/`, server);
	return server;
}

/**
 * Starts the producer's WebSocket mode on 127.0.0.1:`port` with `args` (rate, count, seed) and
 * waits for its /health route.
 */
export async function startProducer(port: number, args: string[]): Promise<Server> {
	const server = startProcess(process.execPath, [
		'--import',
		'tsx',
		'producer/cli.ts',
		'websocket',
		'--port',
		String(port),
		...args
	]);
	await waitForHttp(`http://127.0.0.1:${port}/health`, server);
	return server;
}

/** Reads N from the producer's closing log line "…; sent N records". */
export function sentFromLog(stderr: string): number {
	const match = /sent (\d+) records/.exec(stderr);
	if (!match) {
		throw new Error(`producer log has no "sent N records" line; its end: ${stderr.slice(-300)}`);
	}
	return Number(match[1]);
}

/**
 * Reads the rate in records/s from the producer's closing log line "…; send rate R records/s
 * over S s (…)", or returns NaN when the run sent too little to measure one.
 */
export function sendRateFromLog(stderr: string): number {
	const match = /send rate ([\d.]+|n\/a)/.exec(stderr);
	if (!match) {
		throw new Error(`producer log has no "send rate" line; its end: ${stderr.slice(-300)}`);
	}
	return match[1] === 'n/a' ? NaN : Number(match[1]);
}
