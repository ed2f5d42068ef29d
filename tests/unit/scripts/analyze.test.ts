import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RollingZScore } from '../../../src/lib/analysis/rolling-zscore';
import { iqrDetect } from '../../../src/lib/analysis/iqr-detector';
import { EnsembleDetector } from '../../../src/lib/analysis/ensemble-detector';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runAnalyze(
	args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/analyze.ts', ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' }
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Epoch milliseconds from 99999997000 on, which by size read as seconds below 1e11. */
const EPOCH_FILE = 'tests/fixtures/epoch-near-1e11.jsonl';

function parseLines(stdout: string) {
	return stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}

describe('analyze command', () => {
	it('analyze prints one line per record', async () => {
		const run = await runAnalyze(['tests/fixtures/nab/speed_7578.jsonl']);
		expect(run.code).toBe(0);
		const lines = parseLines(run.stdout);
		expect(lines).toHaveLength(1127);
		expect(Object.keys(lines[0])).toEqual(['timestamp', 'value', 'score', 'anomaly']);
		expect(lines[0].timestamp).toBe('2015-09-08T11:39:00.000Z');
		expect(lines[0].value).toBe(73);
	});

	it('analyze zscore matches the module', async () => {
		const run = await runAnalyze(['tests/fixtures/nab/speed_7578.jsonl', '--detector', 'zscore']);
		const lines = parseLines(run.stdout);
		const detector = new RollingZScore(100, 3);
		lines.forEach((line, i) => {
			const z = detector.push(line.value);
			expect(line.score, `record ${i}`).toBe(Number.isFinite(z) ? z : null);
			expect(line.anomaly, `record ${i}`).toBe(detector.isAnomaly(z));
		});
		expect(lines.some((line) => line.anomaly)).toBe(true);
	});

	it('analyze ensemble matches the module', async () => {
		const file = 'tests/fixtures/nab/speed_7578.jsonl';
		const run = await runAnalyze([file, '--detector', 'ensemble']);
		expect(run.code).toBe(0);
		const lines = parseLines(run.stdout);
		const detector = new EnsembleDetector();
		lines.forEach((line, i) => {
			const score = detector.push(line.value, Date.parse(line.timestamp));
			expect(line.score, `record ${i}`).toBe(score);
			expect(line.anomaly, `record ${i}`).toBe(detector.isAnomaly(score));
		});
		expect(lines.filter((line) => line.anomaly).length).toBeGreaterThan(0);
	});

	it('analyze iqr reads CSV with paths', async () => {
		const run = await runAnalyze([
			'tests/fixtures/nab/artificialWithAnomaly/art_daily_jumpsup.csv',
			'--detector',
			'iqr',
			'--value',
			'value',
			'--time',
			'timestamp'
		]);
		expect(run.code).toBe(0);
		const lines = parseLines(run.stdout);
		expect(lines).toHaveLength(4032);
		const expected = iqrDetect(Float64Array.from(lines, (line) => line.value));
		lines.forEach((line, i) => expect(line.anomaly).toBe(expected.anomaly[i] === 1));
	});

	it('analyze reports bad lines and keeps good ones', async () => {
		const run = await runAnalyze(['tests/fixtures/bad-lines.jsonl']);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/bad-lines\.jsonl:3: invalid JSON/);
		expect(parseLines(run.stdout).length).toBeGreaterThan(3);
	});

	it('analyze rejects NaN and Infinity by default', async () => {
		const run = await runAnalyze(['tests/fixtures/cases/case-09-nan-infinity.jsonl']);
		expect(run.code).toBe(0);
		for (const line of [2, 3, 4, 5, 6]) {
			expect(run.stderr).toMatch(new RegExp(`case-09-nan-infinity\\.jsonl:${line}: invalid JSON`));
		}
		expect(parseLines(run.stdout).map((line) => line.value)).toEqual([1.5, 2.5]);
	});

	it('analyze --lenient reads NaN and Infinity', async () => {
		const run = await runAnalyze(['tests/fixtures/cases/case-09-nan-infinity.jsonl', '--lenient']);
		expect(run.code).toBe(0);
		const values = parseLines(run.stdout).map((line) => line.value);
		expect(values).toEqual([1.5, null, 'Infinity', '-Infinity', 'Infinity', null, 2.5]);
		const warnings = run.stderr.trim().split('\n');
		expect(warnings).toHaveLength(5);
		expect(warnings[0]).toBe(
			'tests/fixtures/cases/case-09-nan-infinity.jsonl:2: warning: read NaN as a gap'
		);
		expect(warnings[1]).toContain(
			':3: warning: read Infinity: ±Infinity kept but left out of every statistic'
		);
		expect(run.stderr).not.toContain('invalid JSON');
	});

	it('analyze --time-unit ms reads epochs near 1e11', async () => {
		const run = await runAnalyze([EPOCH_FILE, '--time-unit', 'ms']);
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		const lines = parseLines(run.stdout);
		expect(lines.map((line) => line.timestamp)).toEqual([
			'1973-03-03T09:46:37.000Z',
			'1973-03-03T09:46:38.000Z',
			'1973-03-03T09:46:39.000Z',
			'1973-03-03T09:46:40.000Z',
			'1973-03-03T09:46:41.000Z',
			'1973-03-03T09:46:42.000Z'
		]);
		expect(lines.map((line) => line.value)).toEqual([10, 11, 12, 13, 14, 15]);
	});

	it('analyze by size warns with the flag', async () => {
		const run = await runAnalyze([EPOCH_FILE]);
		expect(run.code).toBe(0);
		const lines = parseLines(run.stdout);
		expect(lines[0].timestamp).toBe('5138-11-16T08:56:40.000Z');
		expect(lines[3].timestamp).toBe('1973-03-03T09:46:40.000Z');
		expect(run.stderr.trim().split('\n')).toEqual([
			`${EPOCH_FILE}:1: warning: time field "time" holds 99999997000, read as epoch seconds: ` +
				'5138-11-16. Read as milliseconds it is 1973-03-03. If that is meant, set the unit ' +
				'with --time-unit s, ms, us or ns',
			`${EPOCH_FILE}:4: warning: time field "time" mixes epoch units: seconds at first, ` +
				'milliseconds here (100000000000); each value is read in the unit its size ' +
				'suggests. To read all in one unit, set the unit with --time-unit s, ms, us or ns'
		]);
	});

	it('analyze rejects an invalid --time-unit', async () => {
		const run = await runAnalyze([EPOCH_FILE, '--time-unit', 'hours']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain(
			'invalid --time-unit "hours": expected s, ms, us or ns (epoch seconds, milliseconds, ' +
				'microseconds or nanoseconds)'
		);
		expect(run.stderr).toContain('Usage: npm run analyze');
	});

	it('analyze --booleans reads flags as 1 and 0', async () => {
		const args = [EPOCH_FILE, '--time-unit', 'ms', '--value', 'on'];
		const run = await runAnalyze([...args, '--booleans']);
		expect(run.code).toBe(0);
		expect(parseLines(run.stdout).map((line) => line.value)).toEqual([0, 1, 0, 1, 0, 1]);

		const without = await runAnalyze(args);
		expect(without.code).toBe(2);
		expect(without.stderr).toContain(`no number in field "on" of ${EPOCH_FILE}`);
	});

	it('analyze without a time field writes null timestamps', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'no-time.jsonl');
		writeFileSync(file, '{"v":1}\n{"v":2}\n{"v":30}\n');
		const run = await runAnalyze([file, '--detector', 'iforest-live']);

		expect(run.code).toBe(0);
		const lines = parseLines(run.stdout);
		expect(lines.map((line) => line.timestamp)).toEqual([null, null, null]);
		expect(lines.map((line) => line.value)).toEqual([1, 2, 30]);
		expect(run.stderr.trim().split('\n')).toEqual([
			`${file}: warning: no time field found, so every timestamp is null and the records keep ` +
				'file order; choose one with --time PATH',
			`${file}: warning: iforest-live: the live forest scores records only after its first 64 ` +
				'finite values, so it scored none; iforest scores short series'
		]);
	});

	it('analyze notes a rough isolation forest', async () => {
		const run = await runAnalyze([EPOCH_FILE, '--time-unit', 'ms', '--detector', 'iforest']);

		expect(run.code).toBe(0);
		expect(run.stderr).toContain(
			`${EPOCH_FILE}: warning: iforest: fewer than 32 finite values, so the scores are rough`
		);
	});

	it('analyze --help lists the reading options', async () => {
		const run = await runAnalyze(['--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/--time-unit UNIT +unit of numeric times: s, ms, us or ns/);
		expect(run.stdout).toMatch(/--booleans +read true and false in the value field as 1 and 0/);
	});

	it('analyze rejects an unknown detector', async () => {
		const run = await runAnalyze(['tests/fixtures/nab/speed_7578.jsonl', '--detector', 'nope']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/unknown detector "nope"/);
	});

	it('analyze reports a missing file', async () => {
		const run = await runAnalyze(['missing.jsonl']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/cannot read missing\.jsonl/);
		// A problem with the file is not a usage mistake, so the usage text stays out.
		expect(run.stderr).not.toContain('Usage');
	});
});
