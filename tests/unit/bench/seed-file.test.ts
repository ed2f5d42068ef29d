import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSeedFormatFile } from '../../../bench/seed-file';

let dir: string | null = null;

afterEach(async () => {
	if (dir !== null) await rm(dir, { recursive: true, force: true });
	dir = null;
});

describe('writeSeedFormatFile', () => {
	it('writeSeedFormatFile writes whole parts', async () => {
		dir = await mkdtemp(join(tmpdir(), 'streamlens-seed-'));
		const path = join(dir, 'seed.jsonl');
		const written = await writeSeedFormatFile(path, 1_500_000);

		const text = await readFile(path, 'utf8');
		const lines = text.trimEnd().split('\n');
		// One part of 10,000 lines is about 1.4 MB, so two parts reach 1.5 MB.
		expect(written.records).toBe(20_000);
		expect(lines.length).toBe(20_000);
		expect(written.bytes).toBe(Buffer.byteLength(text));
	});

	it('writeSeedFormatFile records in seed format', async () => {
		dir = await mkdtemp(join(tmpdir(), 'streamlens-seed-'));
		const path = join(dir, 'seed.jsonl');
		await writeSeedFormatFile(path, 1);

		const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
		const first = JSON.parse(lines[0]);
		const last = JSON.parse(lines[lines.length - 1]);
		expect(first.timestamp).toBe('2024-01-01T00:00:00');
		expect(first.category).toBe('A');
		expect(first.metadata).toEqual({ source: 'sensor_0', location: 'building_a' });
		expect(typeof first.value).toBe('number');
		expect(last.timestamp).toBe('2024-01-01T02:46:39');
		expect(last.category).toBe('E');
	});
});
