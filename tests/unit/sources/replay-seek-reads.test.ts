import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ChunkBuilder, type StoredChunk } from '../../../src/lib/history/chunk';
import { readChunkSummaries } from '../../../src/lib/history/chunk-summaries';
import { openHistoryDb } from '../../../src/lib/history/schema';
import type { ColumnBatch, SessionInfo, SourceMessage } from '../../../src/lib/protocol';
import { ReplaySource } from '../../../src/lib/sources/replay-source';
import { freshIndexedDb, makeBatch, openVersion1Db } from '../history/fixtures';

// The real reader, wrapped so that a test can make it find no chunk in the index.
vi.mock('../../../src/lib/history/chunk-summaries', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../../../src/lib/history/chunk-summaries')>();
	return { ...actual, readChunkSummaries: vi.fn(actual.readChunkSummaries) };
});

/** 30 chunks of 1000 records: chunk k contains records 1000·k to 1000·k + 999. */
const RECORDS = 30_000;
const CHUNK_RECORDS = 1000;
const names = ['red', 'green', 'blue'];

/** Record time of record `i` in `makeBatch`. */
const timeOf = (i: number) => 1000 + 10 * i;

const session: SessionInfo = {
	id: 'long',
	name: 'Line 3',
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	settings: null,
	series: ['a', 'b'],
	mapping: null,
	start: timeOf(0),
	end: timeOf(RECORDS - 1),
	createdAt: 1,
	recordCount: RECORDS,
	bytes: 0,
	state: 'complete'
};

/** Chunks of the session's records, the time of record `late` set to `lateTime` if given. */
function buildChunks(id: string, late?: number, lateTime?: number): StoredChunk[] {
	const batch = makeBatch(0, RECORDS, names);
	if (late !== undefined && lateTime !== undefined) batch.time[late] = lateTime;
	const builder = new ChunkBuilder(id, 2, 0, CHUNK_RECORDS);
	return builder.append(batch);
}

/** Stores the session and its chunks in the current database, at its current version. */
async function store(info: SessionInfo, chunks: StoredChunk[]): Promise<void> {
	const db = await openHistoryDb();
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
		tx.objectStore('sessions').put(info),
		tx.done
	]);
	db.close();
}

/**
 * Counts the chunk values read from IndexedDB: `get` calls on the chunks store, by key, and every
 * other call that returns a chunk's value (getAll and openCursor on the store or an index).
 */
function spyOnChunkReads() {
	const get = vi.spyOn(IDBObjectStore.prototype, 'get');
	const others = [
		vi.spyOn(IDBObjectStore.prototype, 'getAll'),
		vi.spyOn(IDBObjectStore.prototype, 'openCursor'),
		vi.spyOn(IDBIndex.prototype, 'get'),
		vi.spyOn(IDBIndex.prototype, 'getAll'),
		vi.spyOn(IDBIndex.prototype, 'openCursor')
	];
	return {
		/** Sequence numbers of the chunks read with `get`, in order, one entry per read. */
		seqs(): number[] {
			return get.mock.contexts.flatMap((store, call) =>
				(store as IDBObjectStore).name === 'chunks'
					? [(get.mock.calls[call][0] as [string, number])[1]]
					: []
			);
		},
		otherReads(): number {
			return others.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
		},
		clear(): void {
			get.mockClear();
			for (const spy of others) spy.mockClear();
		}
	};
}

/** Sequence numbers read more than once. */
function repeated(seqs: number[]): number[] {
	return [...new Set(seqs.filter((seq, i) => seqs.indexOf(seq) !== i))];
}

/** The records of one replay run: time, both series and category name, in the order sent. */
interface Sent {
	time: number[];
	a: number[];
	b: number[];
	category: (string | null)[];
}

function sentRecords(batches: ColumnBatch[]): Sent {
	const dictionary = batches.flatMap((batch) => batch.newCategories);
	return {
		time: batches.flatMap((batch) => Array.from(batch.time)),
		a: batches.flatMap((batch) => Array.from(batch.values[0])),
		b: batches.flatMap((batch) => Array.from(batch.values[1])),
		category: batches.flatMap((batch) =>
			Array.from(batch.category, (c) => (c < 0 ? null : dictionary[c]))
		)
	};
}

/**
 * Returns the records of `makeBatch` at the indices `order`, the time of record `late` set to
 * `lateTime` if given.
 */
function expectedRecords(order: number[], late?: number, lateTime?: number): Sent {
	const batch = makeBatch(0, RECORDS, names);
	return {
		time: order.map((i) => (i === late ? (lateTime as number) : batch.time[i])),
		a: order.map((i) => batch.values[0][i]),
		b: order.map((i) => batch.values[1][i]),
		category: order.map((i) => (batch.category[i] < 0 ? null : names[batch.category[i]]))
	};
}

/** Record indices from `first` to `last`, both included. */
function range(first: number, last: number): number[] {
	return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

let channel: MessageChannel;
/** Batches posted since the last reset. */
let batches: ColumnBatch[];
let finished: Promise<void>;

/** Starts collecting what the replay posts. `finished` resolves at its `done` status. */
function listen(): void {
	batches = [];
	finished = new Promise((resolve) => {
		channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => {
			const message = event.data;
			if (message.kind === 'reset') batches = [];
			if (message.kind === 'batch') batches.push(message.batch);
			if (message.kind === 'status' && message.status === 'done') resolve();
		};
	});
}

beforeEach(() => {
	freshIndexedDb();
	channel = new MessageChannel();
	listen();
});

afterEach(() => {
	channel.port1.close();
	channel.port2.close();
	vi.restoreAllMocks();
	vi.mocked(readChunkSummaries).mockClear();
});

describe('ReplaySource first seek', () => {
	// A lead-in is the last chunks with records older than `from`, back to LEAD_IN_RECORDS (10
	// chunks here). Chunks before it have no record at or after `from`, so they are not read.
	test.each([
		{ case: 'at the start', from: timeOf(0), first: 0, leadIn: 0, read: range(0, 29) },
		{ case: 'in the middle', from: timeOf(15_500), first: 6000, leadIn: 9500, read: range(6, 29) },
		{ case: 'at the end', from: timeOf(29_999), first: 20_000, leadIn: 9999, read: range(20, 29) },
		{
			case: 'past the end',
			from: timeOf(30_000),
			first: 20_000,
			leadIn: 10_000,
			read: range(20, 29)
		}
	])('start $case reads each chunk once', async ({ from, first, leadIn, read }) => {
		await store(session, buildChunks(session.id));
		const reads = spyOnChunkReads();
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		await replay.start({ sessionId: session.id, speed: Infinity, from });
		await finished;

		expect(repeated(reads.seqs())).toEqual([]);
		expect(reads.seqs().sort((x, y) => x - y)).toEqual(read);
		expect(reads.otherReads()).toBe(0);
		const sent = sentRecords(batches);
		expect(sent).toEqual(expectedRecords(range(first, RECORDS - 1)));
		expect(sent.time.findIndex((time) => time >= from)).toBe(from > timeOf(29_999) ? -1 : leadIn);
	});

	test('seek while paused reads each chunk once', async () => {
		await store(session, buildChunks(session.id));
		const reads = spyOnChunkReads();
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		// At 1× the replay reads its first chunk and is still in it when paused.
		await replay.start({ sessionId: session.id, speed: 1 });
		replay.pause(true);
		await vi.waitFor(() => expect(reads.seqs()).toEqual([0]));
		reads.clear();
		const from = timeOf(15_500);
		replay.seek(from);
		await vi.waitFor(() => expect(sentRecords(batches).time).toHaveLength(9500));
		replay.setSpeed(Infinity);
		replay.pause(false);
		await finished;

		expect(repeated(reads.seqs())).toEqual([]);
		expect(reads.seqs().sort((x, y) => x - y)).toEqual(range(6, 29));
		expect(sentRecords(batches)).toEqual(expectedRecords(range(6000, RECORDS - 1)));
	});

	test('late record keeps its chunk for play', async () => {
		// Record 20,500, in chunk 20, arrived late with a time between records 15,200 and 15,201.
		const late = 20_500;
		const lateTime = timeOf(15_200) + 5;
		await store(session, buildChunks(session.id, late, lateTime));
		const reads = spyOnChunkReads();
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		await replay.start({ sessionId: session.id, speed: Infinity, from: timeOf(15_500) });
		await finished;

		// The lead-in takes chunk 20 for its late record, then chunks 15 back to 7, and the play
		// loop takes chunks 15 and 20 from the lead-in.
		expect(repeated(reads.seqs())).toEqual([]);
		expect(reads.seqs().sort((x, y) => x - y)).toEqual(range(7, 29));
		const order = [
			...range(7000, 15_499),
			late,
			...range(15_500, late - 1),
			...range(late + 1, RECORDS - 1)
		];
		expect(sentRecords(batches)).toEqual(expectedRecords(order, late, lateTime));
	});

	test('session of version 1 replays after upgrade', async () => {
		const old = await openVersion1Db();
		const tx = old.transaction(['sessions', 'chunks'], 'readwrite');
		await Promise.all([
			...buildChunks(session.id).map((chunk) => tx.objectStore('chunks').put(chunk)),
			tx.objectStore('sessions').put(session),
			tx.done
		]);
		old.close();
		const reads = spyOnChunkReads();
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		await replay.start({ sessionId: session.id, speed: Infinity, from: timeOf(15_500) });
		await finished;

		expect(repeated(reads.seqs())).toEqual([]);
		expect(reads.seqs().sort((x, y) => x - y)).toEqual(range(6, 29));
		expect(sentRecords(batches)).toEqual(expectedRecords(range(6000, RECORDS - 1)));
	});

	test('chunks missing from the index are read', async () => {
		await store(session, buildChunks(session.id));
		vi.mocked(readChunkSummaries).mockResolvedValueOnce(new Map());
		const reads = spyOnChunkReads();
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		await replay.start({ sessionId: session.id, speed: Infinity, from: timeOf(15_500) });
		await finished;

		// Every chunk is read for its summary, so the lead-in's and later chunks are read again.
		expect(new Set(reads.seqs())).toEqual(new Set(range(0, 29)));
		expect(sentRecords(batches)).toEqual(expectedRecords(range(6000, RECORDS - 1)));
	});
});
