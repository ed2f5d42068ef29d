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
 * Error of {@link openHistoryDb} while a page of an older version keeps the database open, which
 * holds up the upgrade to this version.
 */
export class HistoryBlockedError extends Error {
	constructor() {
		super(
			'a Streamlens tab of an older version has the history open. Close or reload that tab, ' +
				'then reload this one'
		);
		this.name = 'HistoryBlockedError';
	}
}

/**
 * Opens (and creates or upgrades) the history database. The connection closes as soon as a page
 * of a newer version requests an upgrade, so that page's upgrade never waits on this one, and
 * then `closed` is called.
 *
 * @throws HistoryBlockedError when a page of an older version holds up the upgrade. The open
 *   goes on in the background and lets go of the database once that page has closed it.
 *   Later opens in the same thread fail the same way until that open is done. NOTE: an open
 *   from another thread (another page, another worker) queues behind the blocked one without a
 *   blocked event of its own, and waits until the older page closes.
 * @throws the browser's error when IndexedDB is missing or refuses to open, as in some
 *   private modes.
 */
export async function openHistoryDb(events: { closed?: () => void } = {}): Promise<HistoryDb> {
	if (typeof indexedDB === 'undefined') {
		throw new Error('IndexedDB is not available in this browser');
	}
	// An open queued behind the blocked one would get no blocked event and wait with it.
	if (blockedOpen !== null) throw new HistoryBlockedError();
	let onBlocked = () => {};
	const blocked = new Promise<never>(
		(_resolve, reject) => (onBlocked = () => reject(new HistoryBlockedError()))
	);
	const opening = openDB<HistorySchema>(HISTORY_DB_NAME, HISTORY_DB_VERSION, {
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
		},
		blocked() {
			onBlocked();
		},
		blocking(_currentVersion, _blockedVersion, event) {
			(event.target as IDBDatabase).close();
			events.closed?.();
		}
	});
	// A blocked open waits for as long as the older page stays open, so the caller gets the error
	// at once, and the connection that opens later is closed unused.
	blocked.catch(() => {
		blockedOpen = opening;
		const done = () => (blockedOpen = null);
		opening.then((db) => {
			db.close();
			done();
		}, done);
	});
	return Promise.race([opening, blocked]);
}

/** The open of this thread that a page of an older version holds up, or null. */
let blockedOpen: Promise<HistoryDb> | null = null;

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
