import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import {
	chunkToCsv,
	csvHeader,
	csvText,
	jsonNumber,
	readJsonNumber,
	valueKeys
} from '../../../src/lib/history/export-format';
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
	series: ['a', 'time'],
	mapping: { time: ['ts'], values: [['a'], ['time']], category: ['c'] },
	start: 1000,
	end: 1000 + 10 * 9999,
	createdAt: 77,
	recordCount: 10_000,
	bytes: 0,
	state: 'complete'
};

describe('csvText', () => {
	test.each([
		['plain', 'plain'],
		['=SUM(A1)', `"'=SUM(A1)"`],
		['+1', `"'+1"`],
		['-2', `"'-2"`],
		['@cmd', `"'@cmd"`],
		['\tx', `"'\tx"`],
		['\rx', `"'\rx"`],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"']
	])('%j', (text, expected) => {
		expect(csvText(text)).toBe(expected);
	});
});

describe('chunkToCsv', () => {
	test('numbers stay plain, gaps are empty', () => {
		const builder = new ChunkBuilder('s1', 2);
		builder.append(makeBatch(6, 3, ['=HYPERLINK("x")', '-neg', 'ok']));
		const rows = chunkToCsv(builder.snapshot()!, {}).split('\r\n');

		expect(rows[0]).toBe(`1060,1970-01-01T00:00:01.060Z,3,12,"'=HYPERLINK(""x"")"`);
		expect(rows[1]).toBe(`1070,1970-01-01T00:00:01.070Z,3.5,,"'-neg"`);
		expect(rows[2]).toBe('1080,1970-01-01T00:00:01.080Z,4,16,ok');
	});

	test('range keeps only records inside it', () => {
		const builder = new ChunkBuilder('s1', 2);
		builder.append(makeBatch(0, 10, ['x', 'y', 'z']));
		const rows = chunkToCsv(builder.snapshot()!, { from: 1020, to: 1040 }).trim().split('\r\n');
		expect(rows.map((row) => row.split(',')[0])).toEqual(['1020', '1030', '1040']);
	});

	test('header escapes series names', () => {
		expect(csvHeader({ ...session, series: ['=cmd', 'b'] })).toBe(
			`time,timestamp,"'=cmd",b,category\r\n`
		);
	});
});

describe('jsonNumber', () => {
	test.each([0.1, -1e-300, 1.7976931348623157e308, NaN, Infinity, -Infinity, 5e-324])(
		'%d survives a round trip',
		(value) => {
			expect(readJsonNumber(JSON.parse(jsonNumber(value)))).toBe(value);
		}
	);
});

test('valueKeys avoids time and category', () => {
	expect(valueKeys(['time', 'a', 'category', 'a'])).toEqual(['time#0', 'a', 'category#2', 'a#3']);
});

describe('export and import', () => {
	beforeEach(freshIndexedDb);

	async function storeSession() {
		const db = await openHistoryDb();
		const builder = new ChunkBuilder('s1', 2);
		const chunks = builder.append(makeBatch(0, 10_000, ['red', 'gr"een', '=blue']));
		chunks.push(builder.snapshot()!);
		const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
		await Promise.all([
			...chunks.map((c) => tx.objectStore('chunks').put(c)),
			tx.objectStore('sessions').put(session),
			tx.done
		]);
		return db;
	}

	test('JSONL round trip keeps every record', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'jsonl');
		expect(file.records).toBe(10_000);
		expect(file.fileName).toBe('Tank-4.jsonl');

		const imported = await importSession(db, file.blob, 's2', 99);
		expect(imported.recordCount).toBe(10_000);
		expect(imported.name).toBe('Tank 4 (imported)');
		expect(imported.series).toEqual(session.series);
		expect(imported.mapping).toEqual(session.mapping);
		expect(imported.settings).toEqual(session.settings);
		expect([imported.start, imported.end]).toEqual([session.start, session.end]);

		const again = await exportSession(db, 's2', 'jsonl');
		const [, ...originalLines] = (await file.blob.text()).split('\n');
		const [, ...importedLines] = (await again.blob.text()).split('\n');
		expect(importedLines).toEqual(originalLines);

		const original = await db.getAll('chunks', sessionChunks('s1'));
		const copy = await db.getAll('chunks', sessionChunks('s2'));
		expect(copy.map((c) => c.count)).toEqual(original.map((c) => c.count));
		expect(copy[1].values[1]).toEqual(original[1].values[1]);
		db.close();
	});

	test('export of a range', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'csv', {
			from: 1000 + 10 * 4090,
			to: 1000 + 10 * 4100
		});
		const rows = (await file.blob.text()).trim().split('\r\n');
		expect(rows[0]).toBe('time,timestamp,a,time,category');
		expect(rows).toHaveLength(12);
		expect(file.records).toBe(11);
		db.close();
	});

	test.each([
		[{ from: 200_000, to: 300_000 }, '1970-01-01 00:03:20 to 00:05:00'],
		[{ from: 200_000, to: undefined }, '1970-01-01 00:03:20 to the end'],
		[{ from: 50_000, to: 40_000 }, '1970-01-01 00:00:50 to 00:00:40']
	])('export of a range without records rejects %j', async (range, shown) => {
		const db = await storeSession();
		// The session runs from 1000 to 100_990 ms after the epoch.
		const message =
			`no records in Tank 4 (${shown}, UTC): ` +
			'choose a range between 1970-01-01 00:00:01 and 1970-01-01 00:01:40 UTC';
		await expect(exportSession(db, 's1', 'csv', range)).rejects.toThrow(message);
		await expect(exportSession(db, 's1', 'jsonl', range)).rejects.toThrow(message);
		db.close();
	});

	test('export without a range may be empty', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'csv', {}, 'no such line');
		expect(file.records).toBe(0);
		expect((await file.blob.text()).trim().split('\r\n')).toHaveLength(1);
		db.close();
	});

	test('import names the bad line and keeps nothing', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'jsonl');
		const lines = (await file.blob.text()).split('\n');
		lines[5] = '{"time": "yesterday", "a": 1}';
		await expect(importSession(db, new Blob([lines.join('\n')]), 's3', 1)).rejects.toThrow(
			'line 6: field "time" must be a finite number of epoch ms, got "yesterday"'
		);
		expect(await db.get('sessions', 's3')).toBeUndefined();
		expect(await db.count('chunks', sessionChunks('s3'))).toBe(0);
		db.close();
	});

	test('import rejects a file without the header', async () => {
		const db = await openHistoryDb();
		const file = new Blob(['{"timestamp": "2024-01-20T10:30:00", "value": 1}\n']);
		await expect(importSession(db, file, 's4', 1)).rejects.toThrow(
			'line 1: not a Streamlens export'
		);
		db.close();
	});
});
