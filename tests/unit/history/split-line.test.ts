import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import { exportSession } from '../../../src/lib/history/exporter';
import { openHistoryDb } from '../../../src/lib/history/schema';
import { SessionAnalysisSuite } from '../../../src/lib/history/session-analysis';
import { readSessionSeries } from '../../../src/lib/history/session-reader';
import { listSessionLines } from '../../../src/lib/history/split-line';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch } from './fixtures';

const RECORDS = 10_000;
const SENSORS = ['north', 'east', 'west'];

/** A session split by `sensor`: record i has sensor SENSORS[i % 3], or none when i % 5 is 4. */
const session: SessionInfo = {
	id: 's1',
	name: 'Tank 4',
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	settings: null,
	series: ['a', 'b'],
	mapping: { time: ['t'], values: [['a'], ['b']], category: ['sensor'], split: ['sensor'] },
	start: 1000,
	end: 1000 + 10 * (RECORDS - 1),
	createdAt: 77,
	recordCount: RECORDS,
	bytes: 0,
	state: 'complete'
};

/** Stores `session` with RECORDS records in chunks of 4096. */
async function storeSession() {
	const db = await openHistoryDb();
	const builder = new ChunkBuilder('s1', 2);
	const chunks = builder.append(makeBatch(0, RECORDS, SENSORS));
	chunks.push(builder.snapshot()!);
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((c) => tx.objectStore('chunks').put(c)),
		tx.objectStore('sessions').put(session),
		tx.done
	]);
	return db;
}

/** Record indexes of one sensor (null: of none), worked out from the fixture's rule. */
function indexesOf(sensor: string | null): number[] {
	const indexes: number[] = [];
	for (let i = 0; i < RECORDS; i++) {
		const own = i % 5 === 4 ? null : SENSORS[i % 3];
		if (own === sensor) indexes.push(i);
	}
	return indexes;
}

describe('split session lines', () => {
	beforeEach(freshIndexedDb);

	test('listSessionLines names every sensor', async () => {
		const db = await storeSession();
		const lines = await listSessionLines(db, 's1');
		expect(lines.names).toEqual(SENSORS);
		expect(lines.unnamed).toBe(true);
		await expect(listSessionLines(db, 'gone')).rejects.toThrow('session gone not found');
		db.close();
	});

	test('readSessionSeries reads one line', async () => {
		const db = await storeSession();
		const { time, values } = await readSessionSeries(db, 's1', { line: 'east' });
		const expected = indexesOf('east');
		expect(Array.from(time)).toEqual(expected.map((i) => 1000 + 10 * i));
		expect(Array.from(values)).toEqual(expected.map((i) => i / 2));
		db.close();
	});

	test('readSessionSeries reads records without a line', async () => {
		const db = await storeSession();
		const range = { from: 1000, to: 1000 + 10 * 100 };
		const { time } = await readSessionSeries(db, 's1', { line: null, range });
		const expected = indexesOf(null).filter((i) => i <= 100);
		expect(Array.from(time)).toEqual(expected.map((i) => 1000 + 10 * i));
		db.close();
	});

	test('readSessionSeries unknown line is empty', async () => {
		const db = await storeSession();
		const { time } = await readSessionSeries(db, 's1', { line: 'south' });
		expect(time).toHaveLength(0);
		db.close();
	});

	test('CSV export of one line', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'csv', {}, 'west');
		const rows = (await file.blob.text()).trim().split('\r\n');
		const expected = indexesOf('west');

		expect(file.fileName).toBe('Tank-4-west.csv');
		expect(file.records).toBe(expected.length);
		expect(rows[0]).toBe('time,timestamp,a,b,category');
		expect(rows).toHaveLength(expected.length + 1);
		const first = expected[0];
		expect(rows[1]).toBe(
			`${1000 + 10 * first},${new Date(1000 + 10 * first).toISOString()},${first / 2},${2 * first},west`
		);
		expect(rows.slice(1).every((row) => row.endsWith(',west'))).toBe(true);
		db.close();
	});

	test('JSONL export of one line', async () => {
		const db = await storeSession();
		const file = await exportSession(db, 's1', 'jsonl', {}, 'north');
		const [, ...lines] = (await file.blob.text()).trim().split('\n');
		const records = lines.map((line) => JSON.parse(line) as { time: number; category: string });

		expect(file.fileName).toBe('Tank-4-north.jsonl');
		expect(records.map((record) => record.time)).toEqual(
			indexesOf('north').map((i) => 1000 + 10 * i)
		);
		expect(new Set(records.map((record) => record.category))).toEqual(new Set(['north']));
		db.close();
	});

	test('suite names the loaded line', async () => {
		await storeSession();
		const suite = new SessionAnalysisSuite();
		const loaded = await suite.loadSession('s1', { line: 'east' });
		expect(loaded.count).toBe(indexesOf('east').length);
		expect(loaded.name).toBe('Tank 4 · east');

		const unnamed = await suite.loadSession('s1', { line: null });
		expect(unnamed.name).toBe('Tank 4 · (no sensor)');
	});

	test('suite names an unknown line', async () => {
		await storeSession();
		const suite = new SessionAnalysisSuite();
		await expect(suite.loadSession('s1', { line: 'south' })).rejects.toThrow(
			'no line "south" in Tank 4: its sensor lines are north, east, west and (no sensor)'
		);
	});

	test('suite names a line of an unsplit session', async () => {
		const db = await storeSession();
		await db.put('sessions', { ...session, mapping: { ...session.mapping!, split: null } });
		db.close();
		const suite = new SessionAnalysisSuite();
		await expect(suite.loadSession('s1', { line: 'south' })).rejects.toThrow(
			'no line "south" in Tank 4: the session is not split by a field, so leave out the line'
		);
	});
});
