import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RetentionPolicy, SessionInfo } from '../protocol';
import type { StoredChunk } from './chunk';

/** Name of the IndexedDB database that contains recorded sessions. */
export const HISTORY_DB_NAME = 'streamlens-history';
const HISTORY_DB_VERSION = 1;

/** Key of the retention policy in the settings store. */
export const RETENTION_KEY = 'retention';

/** Kept when the user has set nothing: a month of sessions, at most 1 GB. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeDays: 30, maxBytes: 1024 ** 3 };

/** Stores of the history database. */
export interface HistorySchema extends DBSchema {
	sessions: { key: string; value: SessionInfo };
	/** Columnar chunks keyed by [sessionId, seq], so that a session's chunks are one key range. */
	chunks: { key: [string, number]; value: StoredChunk };
	settings: { key: string; value: RetentionPolicy };
}

/** An open history database. */
export type HistoryDb = IDBPDatabase<HistorySchema>;

/**
 * Opens (and creates or upgrades) the history database.
 *
 * @throws the browser's error when IndexedDB is missing or refuses to open, as in some
 *   private modes.
 */
export async function openHistoryDb(): Promise<HistoryDb> {
	if (typeof indexedDB === 'undefined') {
		throw new Error('IndexedDB is not available in this browser');
	}
	return openDB<HistorySchema>(HISTORY_DB_NAME, HISTORY_DB_VERSION, {
		upgrade(db) {
			db.createObjectStore('sessions', { keyPath: 'id' });
			db.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
			db.createObjectStore('settings');
		}
	});
}

/** Returns the key range of every chunk of one session, in sequence order. */
export function sessionChunks(sessionId: string): IDBKeyRange {
	return IDBKeyRange.bound([sessionId, 0], [sessionId, Infinity]);
}

/** True for the error IndexedDB raises when the origin's storage quota is full. */
export function isQuotaError(error: unknown): boolean {
	return error instanceof Error || error instanceof DOMException
		? (error as Error).name === 'QuotaExceededError'
		: false;
}
