import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Output and exit of a finished producer process. */
export interface ProducerRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Starts `producer/cli.ts` with tsx's loader in this Node, from the repository root. */
export function startProducer(args: string[]): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, ['--import', 'tsx', 'producer/cli.ts', ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, NO_COLOR: '1' }
	});
}

/** Resolves with everything the process wrote once it exits; kills it by its pid on timeout. */
export function waitForExit(child: ChildProcessWithoutNullStreams, timeoutMs = 15_000) {
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

	return new Promise<ProducerRun>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`producer ${child.pid} did not exit within ${timeoutMs} ms:\n${stderr}`));
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Runs the producer to its end. */
export function runProducer(args: string[], timeoutMs?: number): Promise<ProducerRun> {
	return waitForExit(startProducer(args), timeoutMs);
}

/** Resolves with the first match of `pattern` in a stream's text, split into lines. */
export function waitForLine(
	stream: NodeJS.ReadableStream,
	pattern: RegExp,
	timeoutMs = 15_000
): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let seen = '';
		const timer = setTimeout(() => {
			stream.off('data', onData);
			reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got:\n${seen}`));
		}, timeoutMs);
		const onData = (chunk: Buffer | string) => {
			seen += chunk.toString();
			for (const line of seen.split('\n')) {
				const match = pattern.exec(line);
				if (match) {
					clearTimeout(timer);
					stream.off('data', onData);
					resolve(match);
					return;
				}
			}
		};
		stream.on('data', onData);
	});
}

/** Splits output into lines, without the empty string after the final newline. */
export function linesOf(text: string): string[] {
	return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}
