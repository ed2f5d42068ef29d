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
	if (result.status !== 0) throw new Error(`ps failed: ${result.stderr.trim()}`);
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
 * Reads with `ps` the resident set sizes of the Chromium started with `--user-data-dir=<profile>`
 * and of all its descendants. Returns NaN for both when no such browser process runs.
 */
export function chromiumRss(profile: string): ChromiumRss {
	const processes = listProcesses();
	const browser = processes.find(
		(entry) => entry.args.includes(`--user-data-dir=${profile}`) && !entry.args.includes('--type=')
	);
	if (browser === undefined) return { renderers: NaN, all: NaN };

	const family = new Set([browser.pid]);
	for (let grown = true; grown;) {
		grown = false;
		for (const entry of processes) {
			if (family.has(entry.ppid) && !family.has(entry.pid)) {
				family.add(entry.pid);
				grown = true;
			}
		}
	}
	let renderers = 0;
	let all = 0;
	for (const entry of processes) {
		if (!family.has(entry.pid)) continue;
		all += entry.rssKiB;
		if (entry.args.includes('--type=renderer')) renderers += entry.rssKiB;
	}
	return { renderers: renderers / 1024, all: all / 1024 };
}
