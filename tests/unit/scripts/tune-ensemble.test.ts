import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runTune(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/tune-ensemble.ts', ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, TZ: 'UTC' }
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const SERIES = 'artificialWithAnomaly/art_daily_jumpsup.csv';

/** Builds a two-series NAB folder from the fixture: the series and a copy under another name. */
function twoSeriesFolder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tune-ensemble-'));
	mkdirSync(join(dir, 'artificialWithAnomaly'));
	const windows = JSON.parse(readFileSync('tests/fixtures/nab/windows.json', 'utf8'));
	const copy = 'artificialWithAnomaly/copy.csv';
	copyFileSync(join('tests/fixtures/nab', SERIES), join(dir, SERIES));
	copyFileSync(join('tests/fixtures/nab', SERIES), join(dir, copy));
	const labels = { [SERIES]: windows[SERIES], [copy]: windows[SERIES] };
	writeFileSync(join(dir, 'windows.json'), JSON.stringify(labels));
	return dir;
}

describe('tune:ensemble command', () => {
	it('tune:ensemble prints the grid and nested score', async () => {
		const dir = twoSeriesFolder();
		const run = await runTune([dir]);
		rmSync(dir, { recursive: true });
		expect(run.code).toBe(0);
		const gridRows = run.stdout.split('\n').filter((line) => /^\| \d+ \| \d+ \| \d+ \|/.test(line));
		// 4 ramps × 3 peak spans × 2 peak fractions × 4 lists of weekly spans × 2 of shape steps.
		expect(gridRows).toHaveLength(192);
		expect(run.stdout).toMatch(
			/\| artificialWithAnomaly\/copy\.csv \| history \d+, ramp \d+, peak span \d+, peak fraction/
		);

		// Both series are the same, so what the copy chooses is best for the held-out series too,
		// and the nested score equals the best score of the grid.
		const best = Math.max(...gridRows.map((line) => Number(line.split('|')[7])));
		const nested = run.stdout.match(/Nested leave-one-out score \(standard profile\): (-?\d+\.\d)/);
		expect(nested).not.toBeNull();
		expect(Number(nested![1])).toBe(best);
		// 192 detector runs over two series of 4,032 records take about 40 s of CPU time, and several
		// times that in wall time on a loaded machine.
	}, 600_000);

	it('tune:ensemble rejects a single series', async () => {
		const run = await runTune(['tests/fixtures/nab']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/leave-one-out needs at least 2 series, found 1/);
	});

	it('tune:ensemble reports a missing windows file', async () => {
		const run = await runTune(['tests/fixtures/cases']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/windows\.json not found in tests\/fixtures\/cases/);
	});
});
