import type { ChunkSummary } from './lead-in';
import { sessionChunks, type HistoryDb } from './schema';

/**
 * Reads the count and time range of a session's chunks from `firstSeq` on, by seq, from the keys
 * of the chunks store's `summary` index, so no chunk's columns are read. A chunk whose count or
 * times are not valid keys (NaN) is not in the index and is missing from the result.
 */
export async function readChunkSummaries(
	db: HistoryDb,
	sessionId: string,
	firstSeq = 0
): Promise<Map<number, ChunkSummary>> {
	const summaries = new Map<number, ChunkSummary>();
	const index = db.transaction('chunks').store.index('summary');
	let cursor = await index.openKeyCursor(sessionChunks(sessionId, firstSeq));
	while (cursor !== null) {
		const [, seq, count, minTime, maxTime] = cursor.key;
		summaries.set(seq, { count, minTime, maxTime });
		cursor = await cursor.continue();
	}
	return summaries;
}
