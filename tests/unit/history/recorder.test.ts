import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { chunkBytes } from '../../../src/lib/history/chunk';
import { HistoryRecorder, type RecorderOptions } from '../../../src/lib/history/recorder';
import { openHistoryDb, sessionChunks, type HistoryDb } from '../../../src/lib/history/schema';
import type { SourceMessage } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch } from './fixtures';

const reset: SourceMessage = {
	kind: 'reset',
	series: ['a', 'b'],
	source: 'websocket',
	label: 'ws://127.0.0.1:1 (time: ts · values: a, b · category: c)',
	mapping: { time: ['ts'], values: [['a'], ['b']], category: ['c'] }
};
const names = ['red', 'green', 'blue'];

let recorders: HistoryRecorder[] = [];
let ids = 0;

/** The same stream read from a file. */
const fileReset: SourceMessage = { ...reset, source: 'file', label: 'data.jsonl' };

/** A recorder with a slow timer, so that only explicit flushes write. */
async function startRecorder(
	open = openHistoryDb,
	options: RecorderOptions = {}
): Promise<HistoryRecorder> {
	const recorder = new HistoryRecorder(open, {
		flushMs: 60_000,
		chunkRecords: 100,
		now: () => 5_000_000,
		newId: () => `session-${++ids}`,
		...options
	});
	recorders.push(recorder);
	await recorder.start();
	return recorder;
}

async function readChunks(db: HistoryDb, id: string) {
	return db.getAll('chunks', sessionChunks(id));
}

/**
 * Reads a file of 4,000 records (40 chunks of 100) and ends it, with the 21st put throwing
 * `failure`: a chunk of the third group, placed after the first group's success event. Resolves
 * once the write has ended, with the recorder and the number of puts made.
 */
async function endFileWithFailingPut(
	failure: DOMException
): Promise<{ recorder: HistoryRecorder; calls: number }> {
	const recorder = await startRecorder();
	recorder.handle(fileReset);
	recorder.handle({ kind: 'batch', batch: makeBatch(0, 4000, names) });

	const realPut = IDBObjectStore.prototype.put;
	const put = vi.spyOn(IDBObjectStore.prototype, 'put');
	let calls = 0;
	put.mockImplementation(function (this: IDBObjectStore, ...args) {
		calls += 1;
		if (calls === 21) throw failure;
		return realPut.apply(this, args);
	});

	const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
	try {
		const written = recorder.afterWrite();
		recorder.handle({ kind: 'status', status: 'done' });
		await written;
	} finally {
		put.mockRestore();
		error.mockRestore();
	}
	return { recorder, calls };
}

beforeEach(() => {
	freshIndexedDb();
	recorders = [];
	ids = 0;
});

afterEach(async () => {
	for (const recorder of recorders) await recorder.dispose();
});

describe('HistoryRecorder', () => {
	test('unsavedChunks counts until a write ends', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 350, names) });
		expect(recorder.unsavedChunks).toBe(3);

		const written = recorder.afterWrite();
		void recorder.flush();
		await written;
		expect(recorder.unsavedChunks).toBe(0);
		const db = await openHistoryDb();
		expect((await readChunks(db, 'session-1')).length).toBe(4);
	});

	test('full chunks are written without the timer', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		// 8 full chunks of 100 records start a write at once; the timer is a minute away.
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 850, names) });

		const db = await openHistoryDb();
		await expect.poll(async () => (await readChunks(db, 'session-1')).length).toBe(9);
		const chunks = await readChunks(db, 'session-1');
		expect(chunks.slice(0, 8).every((chunk) => chunk.count === 100)).toBe(true);
		// The open chunk is written with them: a write takes every pending change.
		expect(chunks[8].count).toBe(50);
		const [session] = await db.getAll('sessions');
		expect(session.recordCount).toBe(850);
		db.close();
	});

	test('fewer full chunks wait for the timer', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 799, names) });
		// A write started by the batch would have finished within a few turns of the event loop.
		for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));

		const db = await openHistoryDb();
		expect(await readChunks(db, 'session-1')).toHaveLength(0);
		db.close();
	});

	test('a file keeps its chunks until read', async () => {
		const recorder = await startRecorder();
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 2050, names) });
		for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));

		const db = await openHistoryDb();
		expect(await readChunks(db, 'session-1')).toHaveLength(0);
		expect(recorder.unsavedChunks).toBe(20);
		expect(recorder.backlogFull).toBe(false);

		recorder.handle({ kind: 'status', status: 'done' });
		await expect.poll(async () => (await readChunks(db, 'session-1')).length).toBe(21);
		const [session] = await db.getAll('sessions');
		expect(session.recordCount).toBe(2050);
		expect(session.state).toBe('complete');
		db.close();
	});

	test('held chunks put in groups', async () => {
		const recorder = await startRecorder();
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 4000, names) });
		const put = vi.spyOn(IDBObjectStore.prototype, 'put');
		try {
			recorder.handle({ kind: 'status', status: 'done' });
			// A task queued now runs while the write is under way, as a view query does in the worker.
			// fake-indexeddb fires its events with setImmediate, so a task queued the same way runs in
			// order with them. A timer of 0 ms waits at least 1 ms in Node and lets an unknown number
			// of those events run first.
			const putsBeforeTask = await new Promise<number>((resolve) =>
				setImmediate(() => resolve(put.mock.calls.length))
			);
			await recorder.flush();
			// 40 chunks and the session row. Before the task: the row and at most two groups of 8.
			expect(put.mock.calls.length).toBe(41);
			expect(putsBeforeTask).toBeGreaterThan(0);
			expect(putsBeforeTask).toBeLessThanOrEqual(17);
		} finally {
			put.mockRestore();
		}
		const db = await openHistoryDb();
		const chunks = await readChunks(db, 'session-1');
		expect(chunks.map((chunk) => chunk.seq)).toEqual([...Array(40).keys()]);
		expect(chunks.reduce((sum, chunk) => sum + chunk.count, 0)).toBe(4000);
		db.close();
	});

	test('a file writes past deferBytes', async () => {
		// A chunk of 100 records of two series and three names takes about 2,800 bytes.
		const recorder = await startRecorder(openHistoryDb, { deferBytes: 10_000 });
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 250, names) });
		expect(recorder.backlogFull).toBe(false);
		recorder.handle({ kind: 'batch', batch: makeBatch(250, 150) });
		expect(recorder.unsavedChunks).toBe(4);
		expect(recorder.backlogFull).toBe(true);

		const db = await openHistoryDb();
		await expect.poll(async () => (await readChunks(db, 'session-1')).length).toBe(4);
		expect(recorder.backlogFull).toBe(false);
		db.close();
	});

	test('backlogFull past maxBacklogChunks', async () => {
		const recorder = await startRecorder(openHistoryDb, { maxBacklogChunks: 2, flushChunks: 100 });
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 250, names) });
		expect(recorder.backlogFull).toBe(false);
		recorder.handle({ kind: 'batch', batch: makeBatch(250, 100) });
		expect(recorder.backlogFull).toBe(true);

		// A file may keep more, up to deferBytes.
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 350, names) });
		expect(recorder.backlogFull).toBe(false);
	});

	test('the timer writes a file row only', async () => {
		const recorder = await startRecorder(openHistoryDb, { flushMs: 10 });
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 250, names) });

		const db = await openHistoryDb();
		await expect.poll(async () => (await db.getAll('sessions')).length).toBe(1);
		const [reading] = await db.getAll('sessions');
		expect(reading.recordCount).toBe(250);
		expect(reading.state).toBe('recording');
		expect(await readChunks(db, 'session-1')).toHaveLength(0);
		expect(recorder.status().recordsWritten).toBe(0);

		// The row follows the records while the chunks still wait.
		recorder.handle({ kind: 'batch', batch: makeBatch(250, 100) });
		await expect.poll(async () => (await db.get('sessions', 'session-1'))?.recordCount).toBe(350);
		expect(await readChunks(db, 'session-1')).toHaveLength(0);

		recorder.handle({ kind: 'status', status: 'idle' });
		await expect.poll(async () => (await readChunks(db, 'session-1')).length).toBe(4);
		const [read] = await db.getAll('sessions');
		expect(read.recordCount).toBe(350);
		expect(read.state).toBe('complete');
		db.close();
	});

	test('flush stores the session and its chunks', async () => {
		const recorder = await startRecorder();
		recorder.prepare({ kind: 'websocket', url: 'ws://127.0.0.1:1' });
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 150, names) });
		recorder.handle({ kind: 'batch', batch: makeBatch(150, 80) });
		await recorder.flush();

		const db = await openHistoryDb();
		const [session] = await db.getAll('sessions');
		expect(session.recordCount).toBe(230);
		expect(session.state).toBe('recording');
		expect(session.start).toBe(1000);
		expect(session.end).toBe(1000 + 10 * 229);
		expect(session.series).toEqual(['a', 'b']);
		expect(session.mapping?.time).toEqual(['ts']);
		expect(session.settings?.url).toBe('ws://127.0.0.1:1');
		expect(session.name).toBe('ws://127.0.0.1:1');

		const chunks = await readChunks(db, session.id);
		expect(chunks.map((c) => c.count)).toEqual([100, 100, 30]);
		expect(chunks[2].time[29]).toBe(1000 + 10 * 229);
		expect(chunks[1].values[0][0]).toBe(50);
		expect(session.bytes).toBeGreaterThan(230 * 20);
		db.close();
	});

	test('open chunk is rewritten as it grows', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 30, names) });
		await recorder.flush();
		recorder.handle({ kind: 'batch', batch: makeBatch(30, 30) });
		await recorder.flush();

		const db = await openHistoryDb();
		const chunks = await readChunks(db, 'session-1');
		expect(chunks).toHaveLength(1);
		expect(chunks[0].count).toBe(60);
		expect(recorder.status().recordsWritten).toBe(60);
		db.close();
	});

	test('source stop completes the session', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		recorder.handle({ kind: 'status', status: 'idle', detail: 'stopped' });
		await recorder.flush();

		const db = await openHistoryDb();
		expect((await db.get('sessions', 'session-1'))?.state).toBe('complete');
		expect(recorder.status().state).toBe('idle');
		db.close();
	});

	test('status keeps the id of a closed session', async () => {
		const recorder = await startRecorder();
		recorder.handle(fileReset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 5, names) });
		recorder.handle({ kind: 'status', status: 'done', detail: 'read 5 records' });
		await recorder.flush();

		expect(recorder.status().sessionId).toBeNull();
		expect(recorder.status().lastSessionId).toBe('session-1');
	});

	test('status names no session before the first', async () => {
		const recorder = await startRecorder();

		expect(recorder.status().lastSessionId).toBeNull();
	});

	test('reset starts a second session', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 4, names) });
		await recorder.flush();

		const db = await openHistoryDb();
		const sessions = await db.getAll('sessions');
		expect(sessions.map((s) => [s.id, s.recordCount, s.state])).toEqual([
			['session-1', 10, 'complete'],
			['session-2', 4, 'recording']
		]);
		db.close();
	});

	test('status from another port is ignored', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset, 2);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) }, 2);
		recorder.handle({ kind: 'status', status: 'idle', detail: 'stopped' }, 1);
		recorder.handle({ kind: 'batch', batch: makeBatch(10, 5, names) }, 1);
		await recorder.flush();

		const db = await openHistoryDb();
		const session = await db.get('sessions', 'session-1');
		expect(session?.state).toBe('recording');
		expect(session?.recordCount).toBe(10);
		db.close();
	});

	test('session without records is not stored', async () => {
		const recorder = await startRecorder();
		recorder.handle(reset);
		recorder.handle({ kind: 'status', status: 'error', detail: 'refused' });
		await recorder.flush();

		const db = await openHistoryDb();
		expect(await db.count('sessions')).toBe(0);
		db.close();
	});

	test('replay is not recorded', async () => {
		const recorder = await startRecorder();
		recorder.handle({ ...reset, replay: true });
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		await recorder.flush();

		const db = await openHistoryDb();
		expect(await db.count('chunks')).toBe(0);
		db.close();
	});

	test('start marks an unfinished session interrupted', async () => {
		const first = await startRecorder();
		first.handle(reset);
		first.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		await first.flush();

		// A new page starts while the first one never finished its session.
		await startRecorder();
		const db = await openHistoryDb();
		expect((await db.get('sessions', 'session-1'))?.state).toBe('interrupted');
		db.close();
	});

	test('start counts an interrupted file by its chunks', async () => {
		// Past 6,000 bytes (more than two chunks of 100 records) a file's chunks are written at once.
		const first = await startRecorder(openHistoryDb, { flushMs: 10, deferBytes: 6000 });
		first.handle(fileReset);
		first.handle({ kind: 'batch', batch: makeBatch(0, 400, names) });
		const db = await openHistoryDb();
		await expect.poll(async () => (await readChunks(db, 'session-1')).length).toBe(4);
		// Two more chunks and an open one stay in memory; only the row follows them.
		first.handle({ kind: 'batch', batch: makeBatch(400, 250) });
		await expect.poll(async () => (await db.get('sessions', 'session-1'))?.recordCount).toBe(650);
		const chunks = await readChunks(db, 'session-1');
		expect(chunks.map((chunk) => chunk.count)).toEqual([100, 100, 100, 100]);

		// The page closed while reading: a new one keeps what was stored.
		await startRecorder();
		const session = await db.get('sessions', 'session-1');
		expect(session?.state).toBe('interrupted');
		expect(session?.recordCount).toBe(400);
		expect(session?.start).toBe(1000);
		expect(session?.end).toBe(1000 + 10 * 399);
		expect(session?.bytes).toBe(chunks.reduce((sum, chunk) => sum + chunkBytes(chunk), 0));
		db.close();
	});

	test('start keeps an interrupted file with no chunk empty', async () => {
		const first = await startRecorder(openHistoryDb, { flushMs: 10 });
		first.handle(fileReset);
		first.handle({ kind: 'batch', batch: makeBatch(0, 250, names) });
		const db = await openHistoryDb();
		await expect.poll(async () => (await db.get('sessions', 'session-1'))?.recordCount).toBe(250);

		await startRecorder();
		const session = await db.get('sessions', 'session-1');
		expect(session?.state).toBe('interrupted');
		expect(session?.recordCount).toBe(0);
		expect(session?.bytes).toBe(0);
		expect(session?.start).toBeNaN();
		expect(session?.end).toBeNaN();
		db.close();
	});

	test('prepare with an id continues that session', async () => {
		const first = await startRecorder();
		first.handle(reset);
		first.handle({ kind: 'batch', batch: makeBatch(0, 130, names) });
		await first.flush();

		const second = await startRecorder();
		await second.prepare({ kind: 'websocket' }, 'session-1');
		second.handle(reset);
		second.handle({ kind: 'batch', batch: makeBatch(130, 20, names) });
		await second.flush();

		const db = await openHistoryDb();
		const session = await db.get('sessions', 'session-1');
		expect(session?.recordCount).toBe(150);
		expect(session?.state).toBe('recording');
		expect(session?.end).toBe(1000 + 10 * 149);
		const chunks = await readChunks(db, 'session-1');
		expect(chunks.map((c) => [c.seq, c.count])).toEqual([
			[0, 100],
			[1, 30],
			[2, 20]
		]);
		db.close();
	});

	test('reset awaiting a mapping starts no session', async () => {
		const first = await startRecorder();
		first.handle(reset);
		first.handle({ kind: 'batch', batch: makeBatch(0, 130, names) });
		await first.flush();

		// A reconnecting page announces the source before its mapping, then continues the session.
		const second = await startRecorder();
		await second.prepare({ kind: 'websocket' }, 'session-1');
		second.handle({ ...reset, series: [], mapping: undefined, awaitingMapping: true });
		second.handle({ kind: 'status', status: 'connecting', detail: 'ws://127.0.0.1:1' });
		second.handle(reset);
		second.handle({ kind: 'batch', batch: makeBatch(130, 20, names) });
		await second.flush();

		const db = await openHistoryDb();
		expect(await db.count('sessions')).toBe(1);
		const session = await db.get('sessions', 'session-1');
		expect(session?.recordCount).toBe(150);
		expect(session?.state).toBe('recording');
		db.close();
	});

	test('prepare rejects an unknown session', async () => {
		const recorder = await startRecorder();
		await expect(recorder.prepare(null, 'nope')).rejects.toThrow('session nope not found');
	});

	test('failed transaction is reported and kept', async () => {
		let db: HistoryDb | null = null;
		const recorder = await startRecorder(async () => (db = await openHistoryDb()));
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		// Closing the connection behind the recorder's back makes the next transaction fail.
		db!.close();
		await recorder.flush();

		const status = recorder.status();
		expect(status.failedWrites).toBe(1);
		expect(status.problem).toContain('Saving to history failed (InvalidStateError');
		expect(status.recordsWritten).toBe(0);
	});

	test('throwing put leaves no partial session', async () => {
		const { recorder, calls } = await endFileWithFailingPut(
			new DOMException('invalid key', 'DataError')
		);

		expect(calls).toBeGreaterThanOrEqual(21);
		expect(recorder.status().failedWrites).toBe(1);

		const db = await openHistoryDb();
		// The session row and its chunks share one transaction, so neither may be stored.
		expect(await db.getAll('sessions')).toHaveLength(0);
		expect(await readChunks(db, 'session-1')).toHaveLength(0);

		// The records were kept, and the next write stores them all.
		await recorder.flush();
		const [session] = await db.getAll('sessions');
		expect(session.recordCount).toBe(4000);
		expect(await readChunks(db, 'session-1')).toHaveLength(40);
		db.close();
	});

	test('quota error in a group retries once', async () => {
		const { recorder, calls } = await endFileWithFailingPut(
			new DOMException('quota reached', 'QuotaExceededError')
		);

		// The failed attempt made at least 21 puts, and the retry in the same write all 41.
		expect(calls).toBeGreaterThanOrEqual(21 + 41);
		const status = recorder.status();
		expect(status.failedWrites).toBe(1);
		expect(status.problem).toContain('Storage is full (QuotaExceededError)');

		const db = await openHistoryDb();
		const [session] = await db.getAll('sessions');
		expect(session.recordCount).toBe(4000);
		expect(await readChunks(db, 'session-1')).toHaveLength(40);
		db.close();
	});

	test('start applies the retention policy', async () => {
		const db = await openHistoryDb();
		const old = {
			id: 'old',
			name: 'old',
			source: 'simulator' as const,
			label: 'old',
			settings: null,
			series: ['value'],
			mapping: null,
			start: 0,
			end: 0,
			createdAt: 5_000_000 - 31 * 86_400_000,
			recordCount: 1,
			bytes: 12,
			state: 'complete' as const
		};
		await db.put('sessions', old);
		await db.put('sessions', { ...old, id: 'recent', createdAt: 5_000_000 - 86_400_000 });
		db.close();

		const recorder = await startRecorder();
		const reopened = await openHistoryDb();
		expect(await reopened.getAllKeys('sessions')).toEqual(['recent']);
		expect(recorder.status().sessionsPruned).toBe(1);
		reopened.close();
	});

	test('retention by size runs while recording', async () => {
		const db = await openHistoryDb();
		await db.put('settings', { maxAgeDays: 0, maxBytes: 3000 }, 'retention');
		db.close();
		const recorder = new HistoryRecorder(openHistoryDb, {
			flushMs: 60_000,
			chunkRecords: 100,
			retentionEvery: 1,
			now: () => ++ids,
			newId: () => `session-${ids}`
		});
		recorders.push(recorder);
		await recorder.start();
		for (let i = 0; i < 3; i++) {
			recorder.handle(reset);
			recorder.handle({ kind: 'batch', batch: makeBatch(0, 50, names) });
			await recorder.flush();
		}

		// Each session takes 50 × 28 bytes plus 24 for its dictionary; only two fit in 3000 bytes.
		const reopened = await openHistoryDb();
		const kept = await reopened.getAll('sessions');
		expect(kept.map((s) => s.bytes)).toEqual([1424, 1424]);
		expect(recorder.status().sessionsPruned).toBe(1);
		reopened.close();
	});

	test('missing IndexedDB leaves the recorder unavailable', async () => {
		const recorder = await startRecorder(() =>
			Promise.reject(new Error('IndexedDB is not available in this browser'))
		);
		recorder.handle(reset);
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 10, names) });
		await recorder.flush();

		expect(recorder.status().state).toBe('unavailable');
		expect(recorder.status().problem).toContain('IndexedDB could not be opened');
	});
});
