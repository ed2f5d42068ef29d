import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deleteSessions } from '../../../src/lib/history/catalog';
import { ChunkBuilder, type StoredChunk } from '../../../src/lib/history/chunk';
import { readChunkSummaries } from '../../../src/lib/history/chunk-summaries';
import { HistoryRecorder } from '../../../src/lib/history/recorder';
import { openHistoryDb, type HistoryDb } from '../../../src/lib/history/schema';
import { freshIndexedDb, makeBatch } from './fixtures';

const names = ['red', 'green', 'blue'];

/** Chunks of 100 records of `makeBatch(0, count)`, the last one partly filled. */
function chunksOf(id: string, count: number): StoredChunk[] {
	const builder = new ChunkBuilder(id, 2, 0, 100);
	const chunks = builder.append(makeBatch(0, count, names));
	const open = builder.snapshot();
	if (open !== null) chunks.push(open);
	return chunks;
}

async function put(db: HistoryDb, chunks: StoredChunk[]): Promise<void> {
	const tx = db.transaction('chunks', 'readwrite');
	await Promise.all([...chunks.map((chunk) => tx.store.put(chunk)), tx.done]);
}

let db: HistoryDb;

beforeEach(async () => {
	freshIndexedDb();
	db = await openHistoryDb();
});

afterEach(() => {
	db.close();
});

describe('readChunkSummaries', () => {
	test('reads one session from firstSeq', async () => {
		// 's10' sorts right after 's1', so a range that is too wide would take its chunks.
		await put(db, [...chunksOf('s1', 420), ...chunksOf('s10', 150)]);

		expect(await readChunkSummaries(db, 's1')).toEqual(
			new Map([
				[0, { count: 100, minTime: 1000, maxTime: 1990 }],
				[1, { count: 100, minTime: 2000, maxTime: 2990 }],
				[2, { count: 100, minTime: 3000, maxTime: 3990 }],
				[3, { count: 100, minTime: 4000, maxTime: 4990 }],
				[4, { count: 20, minTime: 5000, maxTime: 5190 }]
			])
		);
		expect([...(await readChunkSummaries(db, 's1', 3)).keys()]).toEqual([3, 4]);
		expect([...(await readChunkSummaries(db, 's10')).keys()]).toEqual([0, 1]);
		expect(await readChunkSummaries(db, 'missing')).toEqual(new Map());
	});

	test('follows puts and deletes', async () => {
		const [first, open] = chunksOf('s1', 130);
		await put(db, [first, open]);
		expect((await readChunkSummaries(db, 's1')).get(1)).toEqual({
			count: 30,
			minTime: 2000,
			maxTime: 2290
		});

		// A later flush writes the open chunk again with more records, under the same key.
		const [, grown] = chunksOf('s1', 175);
		await put(db, [grown]);
		expect((await readChunkSummaries(db, 's1')).get(1)).toEqual({
			count: 75,
			minTime: 2000,
			maxTime: 2740
		});

		await deleteSessions(db, ['s1']);
		expect(await readChunkSummaries(db, 's1')).toEqual(new Map());
	});

	test('leaves out a chunk with NaN times', async () => {
		const [first, second] = chunksOf('s1', 200);
		await put(db, [first, { ...second, minTime: NaN, maxTime: NaN }]);

		expect([...(await readChunkSummaries(db, 's1')).keys()]).toEqual([0]);
	});

	test('reads what the recorder wrote', async () => {
		const recorder = new HistoryRecorder(openHistoryDb, {
			flushMs: 60_000,
			chunkRecords: 100,
			newId: () => 'recorded'
		});
		await recorder.start();
		recorder.handle({
			kind: 'reset',
			series: ['a', 'b'],
			source: 'websocket',
			label: 'ws://127.0.0.1:1'
		});
		recorder.handle({ kind: 'batch', batch: makeBatch(0, 250, names) });
		await recorder.flush();
		recorder.handle({ kind: 'batch', batch: makeBatch(250, 30, names) });
		await recorder.flush();
		await recorder.dispose();

		expect(await readChunkSummaries(db, 'recorded')).toEqual(
			new Map([
				[0, { count: 100, minTime: 1000, maxTime: 1990 }],
				[1, { count: 100, minTime: 2000, maxTime: 2990 }],
				[2, { count: 80, minTime: 3000, maxTime: 3790 }]
			])
		);
	});
});
