import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NAB_DETECTORS } from '../../../src/lib/analysis/nab-detectors';
import { evaluateNab } from '../../../src/lib/analysis/nab-evaluate';
import { nabLayout } from '../../../src/lib/analysis/nab-score';
import { parseIsoDate } from '../../../src/lib/mapping/coerce-time';
import { loadSeries } from '../../../src/lib/mapping/load-series';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NAB_DIR = 'tests/fixtures/nab';

function runEval(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/eval-nab.ts', ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, TZ: 'UTC' }
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('eval:nab command', () => {
	it('eval:nab prints every detector and profile', async () => {
		const run = await runEval([NAB_DIR]);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^1 series, 1 windows/);
		const rows = run.stdout
			.split('\n')
			.filter((line) => /^\| [\w-]+ \| (standard|reward)/.test(line));
		expect(rows).toHaveLength(3 * Object.keys(NAB_DETECTORS).length);
	});

	it('eval:nab score matches in-process scoring', async () => {
		const run = await runEval([NAB_DIR, '--detector', 'record']);
		const standard = run.stdout.split('\n').find((line) => line.startsWith('| record | standard'));
		const printed = Number(standard!.split('|')[3]);

		const path = `${NAB_DIR}/artificialWithAnomaly/art_daily_jumpsup.csv`;
		const series = loadSeries(readFileSync(path, 'utf8'), path);
		const windows = JSON.parse(readFileSync(`${NAB_DIR}/windows.json`, 'utf8'));
		const [[start, end]] = windows['artificialWithAnomaly/art_daily_jumpsup.csv'];
		const layout = nabLayout(series.time, [[parseIsoDate(start), parseIsoDate(end)]]);
		const detection = NAB_DETECTORS.record(series.values, series.time);
		const [result] = evaluateNab([{ name: path, layout, ...detection }]);
		expect(printed).toBe(Number(result.score.toFixed(1)));
		expect(result.tp).toBe(1);
	});

	it('eval:nab reports a missing windows file', async () => {
		const run = await runEval(['tests/fixtures/cases']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/windows\.json not found in tests\/fixtures\/cases/);
	});
});
