import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import { exportSession } from '../../../src/lib/history/exporter';
import { importSession } from '../../../src/lib/history/importer';
import { openHistoryDb, sessionChunks } from '../../../src/lib/history/schema';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch } from './fixtures';

const session: SessionInfo = {
	id: 's1',
	name: 'Tank 4',
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	settings: { kind: 'websocket', url: 'ws://127.0.0.1:1' },
	series: ['a', 'b'],
	mapping: { time: ['ts'], values: [['a'], ['b']], category: ['c'] },
	start: 1000,
	end: 1000 + 10 * 999,
	createdAt: 77,
	recordCount: 1000,
	bytes: 0,
	state: 'complete'
};

/** Characters that an error message must not show raw. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\uFFFD]/u;

async function storeSession() {
	const db = await openHistoryDb();
	const builder = new ChunkBuilder('s1', 2);
	const chunks = builder.append(makeBatch(0, 1000, ['red', 'green']));
	chunks.push(builder.snapshot()!);
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((c) => tx.objectStore('chunks').put(c)),
		tx.objectStore('sessions').put(session),
		tx.done
	]);
	return db;
}

async function exportedBytes(db: Awaited<ReturnType<typeof openHistoryDb>>): Promise<Uint8Array> {
	const file = await exportSession(db, 's1', 'jsonl');
	return new Uint8Array(await file.blob.arrayBuffer());
}

/** Returns the message that `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected a rejection');
}

describe('importSession', () => {
	beforeEach(freshIndexedDb);

	test.each(['tank.jsonl.gz', 'tank.jsonl'])('importSession gzip export %s', async (name) => {
		const db = await storeSession();
		const gzip = gzipSync(await exportedBytes(db));
		const file = new File([gzip], name);

		const imported = await importSession(db, file, 's2', 99);

		expect(imported.recordCount).toBe(1000);
		expect([imported.start, imported.end]).toEqual([session.start, session.end]);
		db.close();
	});

	test('importSession gzip of another format', async () => {
		const db = await openHistoryDb();
		const bytes = readFileSync(
			new URL('../../fixtures/cases/case-11-gzip.jsonl.gz', import.meta.url)
		);

		const message = await rejection(importSession(db, new Blob([bytes]), 's3', 1));

		expect(message).toMatch(/^line 1: not a Streamlens export/);
		db.close();
	});

	test('importSession gzip cut short', async () => {
		const db = await storeSession();
		const gzip = gzipSync(await exportedBytes(db));
		const cut = new Blob([gzip.subarray(0, gzip.length >> 1)]);

		const message = await rejection(importSession(db, cut, 's4', 1));

		expect(message).toMatch(/^the gzip data is cut short or corrupt \(.+\)$/);
		expect(await db.get('sessions', 's4')).toBeUndefined();
		expect(await db.count('chunks', sessionChunks('s4'))).toBe(0);
		db.close();
	});

	test('importSession binary line printable', async () => {
		const db = await openHistoryDb();
		const bytes = new Uint8Array(400);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
		bytes[0] = 0x01;
		for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) bytes[i] = 0x00;

		const message = await rejection(importSession(db, new Blob([bytes]), 's5', 1));

		expect(message).toMatch(/^line 1: invalid JSON: /);
		expect(message).not.toMatch(NON_PRINTABLE);
		expect(message).toContain('\\u0001');
		expect(message.length).toBeLessThan(200);
		db.close();
	});

	test('importSession bad value key printable', async () => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header, first] = text.split('\n');
		const broken = JSON.parse(header);
		broken.valueKeys[0] = 'a\u202e\u0007';
		const record = { ...JSON.parse(first), 'a\u202e\u0007': 'high' };
		const file = new Blob([JSON.stringify(broken) + '\n' + JSON.stringify(record) + '\n']);

		const message = await rejection(importSession(db, file, 's6', 1));

		expect(message).toBe('line 2: field "a\\u202E\\u0007" is not a number or null');
		db.close();
	});

	test('importSession header key count', async () => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header, first] = text.split('\n');
		const broken = JSON.parse(header);
		broken.valueKeys.pop();
		const file = new Blob([JSON.stringify(broken) + '\n' + first + '\n']);

		const message = await rejection(importSession(db, file, 's7', 1));

		expect(message).toBe('line 1: the header lists 1 value keys for 2 series');
		db.close();
	});

	test.each([
		['null', null],
		['"Infinity"', 'Infinity'],
		['"-Infinity"', '-Infinity']
	])('importSession record time %s', async (shown, time) => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header, first, second] = text.split('\n');
		const record = { ...JSON.parse(second), time };
		const file = new Blob([[header, first, JSON.stringify(record)].join('\n') + '\n']);

		const message = await rejection(importSession(db, file, 's8', 1));

		expect(message).toBe(`line 3: field "time" must be a finite number of epoch ms, got ${shown}`);
		expect(await db.get('sessions', 's8')).toBeUndefined();
		db.close();
	});

	test('importSession header without session', async () => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header, first] = text.split('\n');
		const broken = { ...JSON.parse(header), session: null };
		const file = new Blob([JSON.stringify(broken) + '\n' + first + '\n']);

		const message = await rejection(importSession(db, file, 's9', 1));

		expect(message).toBe('line 1: the header has no "session" object');
		db.close();
	});

	test('importSession newer export version', async () => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header, first] = text.split('\n');
		const newer = { ...JSON.parse(header), version: 2 };
		const file = new Blob([JSON.stringify(newer) + '\n' + first + '\n']);

		const message = await rejection(importSession(db, file, 's10', 1));

		expect(message).toBe(
			'line 1: the export is version 2 and this Streamlens reads only version 1, so update ' +
				'Streamlens or export the session again from the one that made it'
		);
		db.close();
	});

	test('importSession header line only', async () => {
		const db = await storeSession();
		const text = new TextDecoder().decode(await exportedBytes(db));
		const [header] = text.split('\n');
		const file = new Blob([header + '\n\n']);

		const message = await rejection(importSession(db, file, 's11', 1));

		expect(message).toBe(
			'the export has a header line but no records, so there is nothing to import'
		);
		expect(await db.get('sessions', 's11')).toBeUndefined();
		expect(await db.count('chunks', sessionChunks('s11'))).toBe(0);
		expect((await db.getAllKeys('sessions')).sort()).toEqual(['s1']);
		db.close();
	});
});
