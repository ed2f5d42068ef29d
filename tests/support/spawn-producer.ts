import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts the producer as a child process for a test that kills and restarts it, and resolves
 * once its /health answers. Ports must be in the test run's own range on 127.0.0.1.
 */
export async function spawnProducer(args: string[], healthPort: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'producer/cli.ts', ...args], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let log = '';
	child.stderr?.on('data', (chunk) => (log += String(chunk)));
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`producer exited early:\n${log}`);
		try {
			const response = await fetch(`http://127.0.0.1:${healthPort}/health`);
			if (response.ok) return child;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`producer did not answer /health on port ${healthPort} within 30 s:\n${log}`);
}

/** Kills the producer at once, as a crash would, and waits until it has exited. */
export async function killProducer(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}
