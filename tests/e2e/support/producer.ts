import { spawn, type ChildProcess } from 'node:child_process';

/** A producer process that a test started itself, with everything it logged so far. */
export interface RunningProducer {
	child: ChildProcess;
	/** The port it listens on, read from its start line. */
	port: number;
	/** Standard error so far: the producer's log. */
	log: () => string;
	/** Resolves with the exit code, or the signal name, once the process has ended. */
	exited: Promise<number | string>;
}

/**
 * Starts `producer/cli.ts websocket` on 127.0.0.1:`port` and resolves once it listens. With
 * `port` 0 the system picks a free port, which `port` of the result gives. The caller stops it
 * by its pid, through `child.kill`.
 */
export function startProducer(port: number, args: string[]): Promise<RunningProducer> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'producer/cli.ts', 'websocket', '--port', String(port), ...args],
		{ env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	let stderr = '';
	const exited = new Promise<number | string>((resolve) => {
		child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
	});

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`producer on port ${port} did not start within 20 s:\n${stderr}`));
		}, 20_000);
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			// The start line continues after the address, so a match contains the whole port number.
			const started = /producer: websocket on ws:\/\/\S+:(\d+) /.exec(stderr);
			if (started !== null) {
				clearTimeout(timer);
				resolve({ child, port: Number(started[1]), log: () => stderr, exited });
			}
		});
		child.on('close', () => {
			clearTimeout(timer);
			reject(new Error(`producer on port ${port} exited before listening:\n${stderr}`));
		});
	});
}
