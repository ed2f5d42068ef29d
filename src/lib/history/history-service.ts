import type { RetentionPolicy, SessionInfo } from '../protocol';
import {
	deleteStoppedSessions,
	listSessions,
	markInterrupted,
	previewRetention,
	readRetention,
	saveRetention,
	updateSession
} from './catalog';
import type { ExportFormat, TimeRange } from './export-format';
import { exportSession, type ExportFile } from './exporter';
import { importSession } from './importer';
import { sessionOverview, type SessionOverview } from './overview';
import type { RetentionPreview } from './retention';
import { openHistoryDb, type HistoryDb } from './schema';
import { listSessionLines, type SessionLines, type SplitLine } from './split-line';

/**
 * The history worker's service for the history page: list, rename, close, delete, export and
 * import sessions, and keep the retention policy. Every call opens the database on first use,
 * so the page learns through a rejected call when IndexedDB is unavailable.
 */
export class HistoryService {
	#db: Promise<HistoryDb> | null = null;

	list(): Promise<SessionInfo[]> {
		return this.#use((db) => listSessions(db));
	}

	/** @throws Error when the name is blank or the session is gone. */
	rename(id: string, name: string): Promise<SessionInfo> {
		const trimmed = name.trim();
		if (trimmed === '') return Promise.reject(new Error('a session name cannot be blank'));
		return this.#use((db) => updateSession(db, id, (session) => (session.name = trimmed)));
	}

	/** Marks an interrupted session complete, so that it is no longer offered to continue. */
	close(id: string): Promise<SessionInfo> {
		return this.#use((db) => updateSession(db, id, (session) => (session.state = 'complete')));
	}

	/** @throws Error when a page still records one of the sessions, and then deletes none. */
	remove(ids: string[]): Promise<void> {
		return this.#use((db) => deleteStoppedSessions(db, ids));
	}

	/** Exports a session as CSV or JSONL: the records inside `range`, and of `line` when given. */
	exportSession(
		id: string,
		format: ExportFormat,
		range: TimeRange = {},
		line?: SplitLine
	): Promise<ExportFile> {
		return this.#use((db) => exportSession(db, id, format, range, line));
	}

	/** Lists the lines of a split session, for the export's line chooser. */
	lines(id: string): Promise<SessionLines> {
		return this.#use((db) => listSessionLines(db, id));
	}

	/** Returns the min and max of the first series in `buckets` time buckets, for a brushable chart. */
	overview(id: string, buckets: number): Promise<SessionOverview> {
		return this.#use((db) => sessionOverview(db, id, buckets));
	}

	importSession(file: Blob): Promise<SessionInfo> {
		return this.#use((db) => importSession(db, file, crypto.randomUUID(), Date.now()));
	}

	retention(): Promise<RetentionPolicy> {
		return this.#use((db) => readRetention(db));
	}

	/** Lists the sessions that `policy` would delete now, without storing it or deleting any. */
	previewRetention(policy: RetentionPolicy): Promise<RetentionPreview> {
		return this.#use((db) => previewRetention(db, policy, Date.now(), null));
	}

	/**
	 * Stores a new policy and applies it at once. Returns the ids of deleted sessions.
	 *
	 * @param confirmed ids from `previewRetention` that the user agreed to delete. When the policy
	 *   now selects any other session, the call rejects and neither stores nor deletes anything.
	 */
	setRetention(policy: RetentionPolicy, confirmed: string[]): Promise<string[]> {
		return this.#use((db) => saveRetention(db, policy, Date.now(), confirmed));
	}

	async #use<T>(work: (db: HistoryDb) => Promise<T>): Promise<T> {
		// A failed open, or a connection that a newer version's upgrade closed, is dropped, and the
		// next call opens the database again.
		this.#db ??= openHistoryDb({ closed: () => (this.#db = null) }).then(async (db) => {
			await markInterrupted(db);
			return db;
		});
		this.#db.catch(() => (this.#db = null));
		return work(await this.#db);
	}
}
