import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

/**
 * Bundles recording-worker.ts with the app's history modules and idb into one classic worker
 * script, with Vite's library mode, and returns its text. The figure starts it from a Blob URL.
 */
export async function bundleRecordingWorker(): Promise<string> {
	const entry = fileURLToPath(new URL('./recording-worker.ts', import.meta.url));
	const output = await build({
		configFile: false,
		logLevel: 'warn',
		build: {
			write: false,
			minify: false,
			lib: { entry, formats: ['iife'], name: 'recordingWorker', fileName: 'recording-worker' }
		}
	});
	const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
	const chunk = results.flatMap((result) => result.output).find((item) => item.type === 'chunk');
	if (chunk === undefined || chunk.type !== 'chunk') {
		throw new Error('bundling bench/recording/recording-worker.ts produced no script');
	}
	return chunk.code;
}
