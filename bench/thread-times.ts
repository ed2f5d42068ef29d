/**
 * CPU time of processes and their threads from /proc (Linux only). Under load a wall-clock
 * profile charges a thread for time it waited for a core; CPU time does not.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ). */
const ticksPerSecond = Number(
	spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100
);

/**
 * Returns the CPU time in ms of every thread of the given processes, keyed by process type,
 * thread name and id, and of each whole process, exited threads included, as `type/process`.
 */
export function threadCpu(processes: Map<number, string>): Map<string, number> {
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

/** Returns the CPU ms each key used from `before` to `after`. */
export function difference(
	after: Map<string, number>,
	before: Map<string, number>
): Map<string, number> {
	const used = new Map<string, number>();
	for (const [key, ms] of after) used.set(key, ms - (before.get(key) ?? 0));
	return used;
}
