import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** Describes the machine a benchmark ran on, for the report. */
export function describeMachine(chromiumVersion: string): Record<string, string> {
	const cores = cpus();
	return {
		CPU: cores[0]?.model.trim() ?? 'unknown',
		'Logical cores': String(cores.length),
		Memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
		'Load average at start (1, 5, 15 min)': loadavg()
			.map((load) => load.toFixed(2))
			.join(', '),
		Chromium: chromiumVersion,
		'Node.js': process.version,
		OS: osName()
	};
}

function osName(): string {
	try {
		const release = execFileSync('cat', ['/etc/os-release'], { encoding: 'utf8' });
		return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? process.platform;
	} catch {
		return process.platform;
	}
}
