/**
 * Worker of the recording figure, bundled by bench/recording/bundle.ts and started from a page
 * of the built app, so that it uses that origin's IndexedDB. It times the app's own
 * HistoryRecorder against a bare `idb` bulk put of the same records.
 */
import { openDB } from 'idb';
import { ChunkBuilder, type StoredChunk } from '../../src/lib/history/chunk';
import { HistoryRecorder } from '../../src/lib/history/recorder';
import { openHistoryDb, sessionChunks } from '../../src/lib/history/schema';
import type { ColumnBatch, SourceMessage } from '../../src/lib/protocol';

/** Request from the page: which side to time, on how many records. */
export interface RecordingRequest {
	kind: 'recorder' | 'reference';
	records: number;
	/** Records per batch, as a source worker would post them. */
	batchRecords: number;
	run: number;
}

/** Reply to the page. */
export interface RecordingReply {
	ms: number;
	/** Of `ms`, the time until the last batch was handed over, before the last write. */
	feedMs?: number;
	/** Records the database contains afterwards, read back to check the run. */
	stored: number;
	error?: string;
}

const categories = ['A', 'B', 'C', 'D', 'E'];

/** Batches of one value series and a category, one record per second, as a source sends them. */
function makeBatches(records: number, batchRecords: number): ColumnBatch[] {
	const batches: ColumnBatch[] = [];
	for (let first = 0; first < records; first += batchRecords) {
		const count = Math.min(batchRecords, records - first);
		const time = new Float64Array(count);
		const value = new Float64Array(count);
		const category = new Int32Array(count);
		for (let k = 0; k < count; k++) {
			const i = first + k;
			time[k] = 1_704_067_200_000 + 1000 * i;
			value[k] = 50 + 10 * Math.sin(i / 500) + ((i * 7919) % 100) / 50;
			category[k] = i % categories.length;
		}
		batches.push({
			count,
			time,
			values: [value],
			category,
			newCategories: first === 0 ? categories : []
		});
	}
	return batches;
}

/** Resolves in a new task, as the next message from a source worker would arrive. */
const channel = new MessageChannel();
function nextTask(): Promise<void> {
	return new Promise((resolve) => {
		channel.port1.onmessage = () => resolve();
		channel.port2.postMessage(null);
	});
}

/**
 * Feeds the recorder one batch per task, the way the analysis worker hands it every batch, and
 * times from the reset to the end of the last write. The recorder's own 200 ms timer writes
 * in between, as in the app.
 */
async function timeRecorder(request: RecordingRequest): Promise<RecordingReply> {
	const batches = makeBatches(request.records, request.batchRecords);
	const id = `bench-recorder-${request.run}`;
	const recorder = new HistoryRecorder(openHistoryDb, { newId: () => id });
	await recorder.start();
	const reset: SourceMessage = {
		kind: 'reset',
		series: ['value'],
		source: 'file',
		label: 'benchmark records'
	};

	const start = performance.now();
	recorder.handle(reset, 1);
	for (const batch of batches) {
		recorder.handle({ kind: 'batch', batch }, 1);
		await nextTask();
	}
	const fed = performance.now();
	recorder.handle({ kind: 'status', status: 'done' }, 1);
	await recorder.flush();
	const ms = performance.now() - start;

	const status = recorder.status();
	await recorder.dispose();
	const db = await openHistoryDb();
	// The stored chunks, not the session row: a file's row may count records still in memory.
	const chunks = await db.getAll('chunks', sessionChunks(id));
	const stored = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
	db.close();
	return { ms, feedMs: fed - start, stored, error: status.problem || undefined };
}

/**
 * Times the reference: puts the same records, cut into the same columnar chunks before the
 * clock starts, with `idb` in one read-write transaction, until the transaction completes.
 */
async function timeReference(request: RecordingRequest): Promise<RecordingReply> {
	const id = `bench-reference-${request.run}`;
	const builder = new ChunkBuilder(id, 1);
	const chunks: StoredChunk[] = [];
	for (const batch of makeBatches(request.records, request.batchRecords)) {
		chunks.push(...builder.append(batch));
	}
	const last = builder.snapshot();
	if (last !== null) chunks.push(last);
	const db = await openDB('streamlens-bench-reference', 1, {
		upgrade(database) {
			database.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
		}
	});

	const start = performance.now();
	const tx = db.transaction('chunks', 'readwrite');
	await Promise.all([...chunks.map((chunk) => tx.store.put(chunk)), tx.done]);
	const ms = performance.now() - start;

	let stored = 0;
	for (const chunk of (await db.getAll('chunks')) as StoredChunk[]) {
		if (chunk.sessionId === id) stored += chunk.count;
	}
	db.close();
	return { ms, stored };
}

self.onmessage = async (event: MessageEvent<RecordingRequest>) => {
	const request = event.data;
	try {
		const reply = request.kind === 'recorder' ? timeRecorder(request) : timeReference(request);
		self.postMessage(await reply);
	} catch (error) {
		self.postMessage({ ms: NaN, stored: 0, error: String(error) } satisfies RecordingReply);
	}
};
