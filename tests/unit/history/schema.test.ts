import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder, type StoredChunk } from '../../../src/lib/history/chunk';
import { readChunkSummaries } from '../../../src/lib/history/chunk-summaries';
import { HISTORY_DB_VERSION, openHistoryDb, RETENTION_KEY } from '../../../src/lib/history/schema';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch, openVersion1Db } from './fixtures';

function sessionInfo(id: string, recordCount: number): SessionInfo {
	return {
		id,
		name: id,
		source: 'websocket',
		label: 'ws://127.0.0.1:1',
		settings: null,
		series: ['a', 'b'],
		mapping: null,
		start: 1000,
		end: 1000 + 10 * (recordCount - 1),
		createdAt: 1,
		recordCount,
		bytes: 0,
		state: 'complete'
	};
}

/** Chunks of 100 records of `makeBatch(first, count)`, the last one partly filled. */
function chunksOf(id: string, first: number, count: number): StoredChunk[] {
	const builder = new ChunkBuilder(id, 2, 0, 100);
	const chunks = builder.append(makeBatch(first, count, ['red', 'green', 'blue']));
	const open = builder.snapshot();
	if (open !== null) chunks.push(open);
	return chunks;
}

beforeEach(() => {
	freshIndexedDb();
});

describe('openHistoryDb', () => {
	test('creates the summary index', async () => {
		const db = await openHistoryDb();

		expect(db.version).toBe(HISTORY_DB_VERSION);
		expect([...db.objectStoreNames]).toEqual(['chunks', 'sessions', 'settings']);
		const index = db.transaction('chunks').store.index('summary');
		expect(index.keyPath).toEqual(['sessionId', 'seq', 'count', 'minTime', 'maxTime']);
		expect(index.unique).toBe(false);
		db.close();
	});

	test('upgrades version 1 and keeps its data', async () => {
		const s1 = chunksOf('s1', 0, 250);
		const s2 = chunksOf('s2', 1000, 40);
		const old = await openVersion1Db();
		const tx = old.transaction(['sessions', 'chunks', 'settings'], 'readwrite');
		await Promise.all([
			...[...s1, ...s2].map((chunk) => tx.objectStore('chunks').put(chunk)),
			tx.objectStore('sessions').put(sessionInfo('s1', 250)),
			tx.objectStore('sessions').put(sessionInfo('s2', 40)),
			tx.objectStore('settings').put({ maxAgeDays: 7, maxBytes: 0 }, RETENTION_KEY),
			tx.done
		]);
		old.close();

		const db = await openHistoryDb();
		expect(db.version).toBe(2);
		expect(await db.getAll('sessions')).toEqual([sessionInfo('s1', 250), sessionInfo('s2', 40)]);
		expect(await db.get('settings', RETENTION_KEY)).toEqual({ maxAgeDays: 7, maxBytes: 0 });
		expect(await db.getAll('chunks')).toEqual([...s1, ...s2]);
		// The chunks stored before the upgrade are in the new index.
		expect(await readChunkSummaries(db, 's1')).toEqual(
			new Map([
				[0, { count: 100, minTime: 1000, maxTime: 1990 }],
				[1, { count: 100, minTime: 2000, maxTime: 2990 }],
				[2, { count: 50, minTime: 3000, maxTime: 3490 }]
			])
		);
		expect(await readChunkSummaries(db, 's2')).toEqual(
			new Map([[0, { count: 40, minTime: 11_000, maxTime: 11_390 }]])
		);
		db.close();
	});
});
