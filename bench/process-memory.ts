import { spawnSync } from 'node:child_process';

interface ProcessEntry {
	pid: number;
	ppid: number;
	rssKiB: number;
	args: string;
}

/** Resident set sizes of one Chromium's processes, in MiB. */
export interface ChromiumRss {
	/** Renderer processes: the pages and their dedicated workers. */
	renderers: number;
	/** Every process of that Chromium: browser, renderers, GPU, network, storage, … */
	all: number;
}

function listProcesses(): ProcessEntry[] {
	const result = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
	if (result.status !== 0) {
		const reason = result.error?.message ?? result.stderr.trim();
		throw new Error(`ps failed (${reason}); the memory figures need it: install procps`);
	}
	const entries: ProcessEntry[] = [];
	for (const line of result.stdout.split('\n')) {
		const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
		if (match === null) continue;
		entries.push({
			pid: Number(match[1]),
			ppid: Number(match[2]),
			rssKiB: Number(match[3]),
			args: match[4]
		});
	}
	return entries;
}

/**
 * Returns the processes of the Chromium started with `--user-data-dir=<profile>`, browser process
 * and all its descendants, each with its `--type` (renderer, gpu-process, …; `browser` for the
 * browser process). Returns an empty map when no such browser process runs.
 */
export function chromiumProcesses(
	profile: string,
	processes = listProcesses()
): Map<number, string> {
	const family = new Map<number, string>();
	const browser = processes.find(
		(entry) => entry.args.includes(`--user-data-dir=${profile}`) && !entry.args.includes('--type=')
	);
	if (browser === undefined) return family;

	family.set(browser.pid, 'browser');
	for (let grown = true; grown;) {
		grown = false;
		for (const entry of processes) {
			if (family.has(entry.ppid) && !family.has(entry.pid)) {
				family.set(entry.pid, /--type=(\S+)/.exec(entry.args)?.[1] ?? 'unknown');
				grown = true;
			}
		}
	}
	return family;
}

/**
 * Reads with `ps` the resident set sizes of the Chromium started with `--user-data-dir=<profile>`
 * and of all its descendants. Returns NaN for both when no such browser process runs.
 */
export function chromiumRss(profile: string): ChromiumRss {
	const processes = listProcesses();
	const family = chromiumProcesses(profile, processes);
	if (family.size === 0) return { renderers: NaN, all: NaN };

	let renderers = 0;
	let all = 0;
	for (const entry of processes) {
		const type = family.get(entry.pid);
		if (type === undefined) continue;
		all += entry.rssKiB;
		if (type === 'renderer') renderers += entry.rssKiB;
	}
	return { renderers: renderers / 1024, all: all / 1024 };
}
