/**
 * `npx tsx bench/thread-cpu.ts [MB]`: runs the file-ingest reference on a generated seed-format
 * file of MB megabytes (100 by default), then reads the same Blob through the dashboard, and
 * prints the CPU time each Chromium thread used during each, from /proc (Linux only). Under load
 * a wall-clock profile charges a thread for time it waited for a core; CPU time does not. Needs
 * a built app served on PREVIEW_PORT (`npm start`, or `vite preview`).
 */
import { DevToolsSession } from './devtools-session';
import { difference, threadCpu } from './thread-times';

const megabytes = Number(process.argv[2] ?? 100);
const session = await DevToolsSession.open('/?source=file');
try {
	await session.loadSeedFile(megabytes);
	const processes = session.processes();
	// The reference runs first, on the idle dashboard, as in the benchmark: after a file the page
	// goes on drawing and recording for a while, which would share the cores with it.
	const beforeReference = threadCpu(processes);
	const reference = await session.referenceIngest();
	const afterReference = threadCpu(processes);
	const app = await session.ingestSeedFile();
	const afterApp = threadCpu(processes);

	const referenceUsed = difference(afterReference, beforeReference);
	const appUsed = difference(afterApp, afterReference);
	console.log(
		`app ${app.ms.toFixed(0)} ms, reference ${reference.ms.toFixed(0)} ms (wall clock)\n` +
			'CPU ms during the app, during the reference, thread (the reference worker has ended ' +
			'and counts only in its renderer process):'
	);
	const rows = [...appUsed]
		.filter(([key, ms]) => ms >= 20 || (referenceUsed.get(key) ?? 0) >= 20)
		.sort((a, b) => b[1] - a[1]);
	for (const [key, ms] of rows) {
		const during = (referenceUsed.get(key) ?? 0).toFixed(0);
		console.log(`${ms.toFixed(0).padStart(7)} ${during.padStart(7)}  ${key}`);
	}
} finally {
	await session.close();
}
