import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RetentionPolicy, SessionInfo } from '../protocol';
import type { StoredChunk } from './chunk';

/** Name of the IndexedDB database that contains recorded sessions. */
export const HISTORY_DB_NAME = 'streamlens-history';
/** Version 2 adds the `summary` index of the chunks store. */
export const HISTORY_DB_VERSION = 2;

/** Key of the retention policy in the settings store. */
export const RETENTION_KEY = 'retention';

/** Kept when the user has set nothing: a month of sessions, at most 1 GB. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeDays: 30, maxBytes: 1024 ** 3 };

/** Stores of the history database. */
export interface HistorySchema extends DBSchema {
	sessions: { key: string; value: SessionInfo };
	/** Columnar chunks keyed by [sessionId, seq], so that a session's chunks are one key range. */
	chunks: {
		key: [string, number];
		value: StoredChunk;
		indexes: { summary: ChunkSummaryKey };
	};
	settings: { key: string; value: RetentionPolicy };
}

/**
 * Key of a chunk in the `summary` index: [sessionId, seq, count, minTime, maxTime]. A key cursor
 * over the index returns these without reading the chunk's columns.
 */
export type ChunkSummaryKey = [string, number, number, number, number];

/** An open history database. */
export type HistoryDb = IDBPDatabase<HistorySchema>;

/**
 * Opens (and creates or upgrades) the history database. An upgrade waits while another page has
 * the database open at an older version, because no version closes it on a `versionchange` event.
 *
 * @throws the browser's error when IndexedDB is missing or refuses to open, as in some
 *   private modes.
 */
export async function openHistoryDb(): Promise<HistoryDb> {
	if (typeof indexedDB === 'undefined') {
		throw new Error('IndexedDB is not available in this browser');
	}
	return openDB<HistorySchema>(HISTORY_DB_NAME, HISTORY_DB_VERSION, {
		upgrade(db, oldVersion, _newVersion, transaction) {
			if (oldVersion < 1) {
				db.createObjectStore('sessions', { keyPath: 'id' });
				db.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
				db.createObjectStore('settings');
			}
			if (oldVersion < 2) {
				// An index rather than summaries that the recorder writes, because IndexedDB keeps it
				// in step with every put and delete of a chunk. Creating it indexes the chunks that
				// version 1 stored, which costs one pass over them at the first open.
				transaction
					.objectStore('chunks')
					.createIndex('summary', ['sessionId', 'seq', 'count', 'minTime', 'maxTime']);
			}
		}
	});
}

/**
 * Returns the key range of every chunk of one session from `firstSeq` on, in sequence order. It
 * also bounds the session's keys in the `summary` index, which start with [sessionId, seq].
 */
export function sessionChunks(sessionId: string, firstSeq = 0): IDBKeyRange {
	return IDBKeyRange.bound([sessionId, firstSeq], [sessionId, Infinity]);
}

/** True for the error IndexedDB raises when the origin's storage quota is full. */
export function isQuotaError(error: unknown): boolean {
	return error instanceof Error || error instanceof DOMException
		? (error as Error).name === 'QuotaExceededError'
		: false;
}
