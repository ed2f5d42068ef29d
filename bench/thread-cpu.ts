/**
 * `npx tsx bench/thread-cpu.ts [MB]`: reads a generated seed-format file of MB megabytes (100 by
 * default) through the dashboard, then runs the file-ingest reference on the same Blob, and
 * prints the CPU time each Chromium thread used during each, from /proc (Linux only). Under load
 * a wall-clock profile charges a thread for time it waited for a core; CPU time does not. Needs
 * a built app served on PREVIEW_PORT (`npm start`, or `vite preview`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { DevToolsSession } from './devtools-session';

/** Clock ticks per second of /proc's utime and stime (USER_HZ). */
const ticksPerSecond = Number(
	spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100
);

/**
 * Returns the CPU time in ms of every thread of the given processes, keyed by process type,
 * thread name and id, and of each whole process, exited threads included, as `type/process`.
 */
function threadCpu(processes: Map<number, string>): Map<string, number> {
	const times = new Map<string, number>();
	const cpuMs = (stat: string) => {
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
	};
	for (const [pid, type] of processes) {
		try {
			times.set(`${type}/process ${pid}`, cpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8')));
			for (const tid of readdirSync(`/proc/${pid}/task`)) {
				const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
				const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				times.set(`${type}/${name} ${tid}`, cpuMs(stat));
			}
		} catch {
			// The process or thread ended between listing and reading.
		}
	}
	return times;
}

function difference(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
	const used = new Map<string, number>();
	for (const [key, ms] of after) used.set(key, ms - (before.get(key) ?? 0));
	return used;
}

const megabytes = Number(process.argv[2] ?? 100);
const session = await DevToolsSession.open('/?source=file');
try {
	await session.loadSeedFile(megabytes);
	const processes = session.processes();
	const beforeApp = threadCpu(processes);
	const app = await session.ingestSeedFile();
	const afterApp = threadCpu(processes);
	const reference = await session.referenceIngest();
	const afterReference = threadCpu(processes);

	const appUsed = difference(afterApp, beforeApp);
	const referenceUsed = difference(afterReference, afterApp);
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
