import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CLOSED_PROBLEM, HistoryRecorder } from '../../../src/lib/history/recorder';
import {
	HISTORY_DB_NAME,
	HISTORY_DB_VERSION,
	HistoryBlockedError,
	openHistoryDb
} from '../../../src/lib/history/schema';
import type { SourceMessage } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch, openVersion1Db } from './fixtures';

const reset: SourceMessage = {
	kind: 'reset',
	series: ['a', 'b'],
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	mapping: { time: ['ts'], values: [['a'], ['b']], category: ['c'] }
};

let recorders: HistoryRecorder[] = [];

function newRecorder(): HistoryRecorder {
	const recorder = new HistoryRecorder(openHistoryDb, {
		flushMs: 60_000,
		chunkRecords: 100,
		newId: () => 'session-1'
	});
	recorders.push(recorder);
	return recorder;
}

beforeEach(() => {
	freshIndexedDb();
});

afterEach(async () => {
	for (const recorder of recorders) await recorder.dispose();
	recorders = [];
});

describe('history database shared with another version', () => {
	test('older page blocks the upgrade', async () => {
		// A tab of the previous version keeps its connection open and ignores versionchange.
		const older = await openVersion1Db();
		const recorder = newRecorder();
		// Start does not wait for the older tab, so the page can go on without history.
		await recorder.start();
		expect(recorder.status()).toMatchObject({
			state: 'unavailable',
			problem:
				'History is off: a Streamlens tab of an older version has the history open. Close or ' +
				'reload that tab, then reload this one to record. Streams are analysed in memory only.'
		});

		// Records that come while blocked are not kept.
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 250, ['red']) });
		expect(recorder.unsavedChunks).toBe(0);

		// Once the older tab closes, the upgrade runs, and this page lets go of the database,
		// so a later version can open it without waiting.
		older.close();
		let blocked = false;
		const later = await openDB(HISTORY_DB_NAME, HISTORY_DB_VERSION + 1, {
			blocked: () => (blocked = true)
		});
		expect(later.version).toBe(HISTORY_DB_VERSION + 1);
		expect(blocked).toBe(false);
		// Closed unused, not by the newer version: the problem still names the older tab.
		expect(recorder.status()).toMatchObject({
			state: 'unavailable',
			problem: expect.stringContaining('a Streamlens tab of an older version')
		});
		later.close();
	});

	test('newer page closes the connection', async () => {
		const recorder = newRecorder();
		await recorder.start();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 150, ['red']) });
		await recorder.flush();
		expect(recorder.status()).toMatchObject({ state: 'recording', recordsWritten: 150 });

		// No blocked event: the recorder's connection closes when the newer version opens.
		let blocked = false;
		const newer = await openDB(HISTORY_DB_NAME, HISTORY_DB_VERSION + 1, {
			blocked: () => (blocked = true)
		});
		expect(blocked).toBe(false);
		expect(recorder.status()).toMatchObject({ state: 'unavailable', problem: CLOSED_PROBLEM });

		// Later messages are ignored, and a flush writes nothing.
		recorder.handle({ kind: 'batch', batch: makeBatch(150, 100) });
		await recorder.flush();
		expect(recorder.unsavedChunks).toBe(0);
		const stored = await newer.getAll('chunks');
		expect(stored.reduce((sum, chunk) => sum + chunk.count, 0)).toBe(150);
		newer.close();
	});

	test('blocked open rejects at once', async () => {
		const older = await openVersion1Db();
		const blocked = openHistoryDb();
		await expect(blocked).rejects.toBeInstanceOf(HistoryBlockedError);
		await expect(blocked).rejects.toThrow(
			'a Streamlens tab of an older version has the history open'
		);
		// A second open would queue behind the first without a blocked event, so it fails at once.
		await expect(openHistoryDb()).rejects.toBeInstanceOf(HistoryBlockedError);

		// Once the older tab closes and the blocked open is done, the next open succeeds.
		older.close();
		const opened = () =>
			openHistoryDb().then(
				(db) => db,
				() => null
			);
		let db = await opened();
		await expect.poll(async () => (db ??= await opened()) !== null).toBe(true);
		expect(db?.version).toBe(HISTORY_DB_VERSION);
		expect([...(db?.transaction('chunks').store.indexNames ?? [])]).toEqual(['summary']);
		db?.close();
	});

	test('newer page during start turns history off', async () => {
		// The newer version requests the upgrade as soon as the recorder's open resolves.
		let newer: IDBPDatabase | undefined;
		const recorder = new HistoryRecorder(
			async (events) => {
				const db = await openHistoryDb(events);
				void openDB(HISTORY_DB_NAME, HISTORY_DB_VERSION + 1).then((opened) => (newer = opened));
				return db;
			},
			{ flushMs: 60_000, chunkRecords: 100, newId: () => 'session-1' }
		);
		recorders.push(recorder);
		await recorder.start();
		expect(recorder.status()).toMatchObject({ state: 'unavailable', problem: CLOSED_PROBLEM });

		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 500, ['red']) });
		expect(recorder.unsavedChunks).toBe(0);
		await expect.poll(() => newer?.version).toBe(HISTORY_DB_VERSION + 1);
		newer?.close();
	});

	test('every connection closes for a newer version', async () => {
		const first = await openHistoryDb();
		let closed = 0;
		const second = await openHistoryDb({ closed: () => closed++ });
		// Both connections close for the newer version, and the callback runs once.
		const newer = await openDB(HISTORY_DB_NAME, HISTORY_DB_VERSION + 1);
		expect(closed).toBe(1);
		newer.close();
		await expect(() => first.get('sessions', 'x')).rejects.toThrow();
		await expect(() => second.get('sessions', 'x')).rejects.toThrow();
	});
});
