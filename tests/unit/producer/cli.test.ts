import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linesOf, runProducer, startProducer, waitForExit, waitForLine } from './producer-process';

const directory = mkdtempSync(join(tmpdir(), 'streamlens-producer-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const RECORD_KEYS = ['timestamp', 'value', 'category', 'status', 'metadata'];

describe('producer cli', () => {
	it.concurrent.each([
		{ args: ['console', '--foo'], names: '--foo' },
		{ args: ['console', '--rate', 'abc'], names: '--rate' },
		{ args: ['console', '--pattern', 'square'], names: '--pattern' },
		{ args: ['console', '--seed', '-1'], names: '--seed' },
		{ args: ['console', '--duration', '0'], names: '--duration' },
		{ args: ['websocket', '--port', 'x'], names: '--port' },
		{ args: ['file'], names: '--file' },
		{ args: ['http', '--batch', '2'], names: '--batch' },
		{ args: ['nope'], names: 'nope' }
	])('producer cli rejects $args with status 2', async ({ args, names }) => {
		const run = await runProducer(args);

		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(linesOf(run.stderr)).toHaveLength(1);
		expect(run.stderr).toMatch(/^producer: /);
		expect(run.stderr).toContain(names);
	});

	it('producer cli help lists every option', async () => {
		const run = await runProducer(['--help']);

		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		for (const flag of [
			'--pattern',
			'--rate',
			'--duration',
			'--base',
			'--noise',
			'--anomaly-rate',
			'--seed',
			'--port',
			'--host',
			'--file',
			'--count',
			'--help'
		]) {
			expect(run.stdout).toMatch(new RegExp(`^  (-h, )?${flag} `, 'm'));
		}
		expect(run.stdout).toContain('(default: 8765)');
		expect(run.stdout).toContain('(default: 127.0.0.1)');
	});

	it('producer cli file mode writes count lines', async () => {
		const path = join(directory, 'count.jsonl');
		writeFileSync(path, 'old content that must be replaced\n');

		const run = await runProducer(['file', '--file', path, '--count', '2500', '--rate', '100']);
		const lines = linesOf(readFileSync(path, 'utf8'));
		const records = lines.map((line) => JSON.parse(line));
		const times = records.map((record) => Date.parse(record.timestamp));

		expect(run.code).toBe(0);
		expect(run.stdout).toBe('');
		expect(lines).toHaveLength(2500);
		expect(Object.keys(records[0])).toEqual(RECORD_KEYS);
		expect(times.every((time, i) => i === 0 || time - times[i - 1] === 10)).toBe(true);
	});

	it('producer cli file mode defaults to 10000', async () => {
		const path = join(directory, 'default.jsonl');

		const run = await runProducer(['file', '--file', path]);

		expect(run.code).toBe(0);
		expect(linesOf(readFileSync(path, 'utf8'))).toHaveLength(10_000);
	});

	it('producer cli file mode paces duration', async () => {
		const path = join(directory, 'duration.jsonl');
		const startMs = Date.now();

		const run = await runProducer(['file', '--file', path, '--duration', '0.5', '--rate', '20']);

		expect(run.code).toBe(0);
		expect(Date.now() - startMs).toBeGreaterThanOrEqual(500);
		expect(linesOf(readFileSync(path, 'utf8'))).toHaveLength(10);
	});

	it('producer cli file mode unwritable path', async () => {
		const path = join(directory, 'missing-folder', 'out.jsonl');

		const run = await runProducer(['file', '--file', path, '--count', '5']);

		expect(run.code).toBe(1);
		expect(run.stderr).toContain(`producer: failed to write ${path}: ENOENT`);
	});

	it('producer cli console mode stops at count', async () => {
		const run = await runProducer(['console', '--count', '7', '--rate', '200']);
		const lines = linesOf(run.stdout);

		expect(run.code).toBe(0);
		expect(lines).toHaveLength(7);
		expect(lines.map((line) => Object.keys(JSON.parse(line)))).toEqual(Array(7).fill(RECORD_KEYS));
	});

	it('producer cli console same seed repeats values', async () => {
		const args = ['console', '--count', '50', '--rate', '1000', '--seed', '21'];
		const [first, second] = await Promise.all([runProducer(args), runProducer(args)]);
		const valuesOf = (stdout: string) => linesOf(stdout).map((line) => JSON.parse(line).value);

		expect(valuesOf(second.stdout)).toEqual(valuesOf(first.stdout));
	});

	it('producer cli console closed pipe exits quietly', async () => {
		const child = startProducer(['console', '--rate', '10000']);
		const exit = waitForExit(child);

		// Like `| head -n 1`: read a line, then close the reading end of the pipe.
		await waitForLine(child.stdout, /^\{"timestamp"/);
		child.stdout.destroy();
		const run = await exit;

		expect(run.code).toBe(0);
		expect(run.stderr).not.toMatch(/EPIPE|failed|Error/);
	});
});
