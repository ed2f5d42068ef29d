import type { RetentionPolicy, SessionInfo } from '../protocol';
import { chunkBytes } from './chunk';
import { lockName } from './lock-name';
import { previewExpired, validateRetention, type RetentionPreview } from './retention';
import { DEFAULT_RETENTION, RETENTION_KEY, sessionChunks, type HistoryDb } from './schema';

/** Lists every session, the newest first. */
export async function listSessions(db: HistoryDb): Promise<SessionInfo[]> {
	const sessions = await db.getAll('sessions');
	return sessions.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Deletes sessions that no page is recording, with all their chunks. A page that records writes
 * its session and its open chunk again, so deleting such a session would only lose its older
 * records and leave its count wrong.
 *
 * @throws Error naming the first session that a page still records, before anything is deleted.
 */
export async function deleteStoppedSessions(db: HistoryDb, ids: readonly string[]): Promise<void> {
	const locked = await heldLocks();
	for (const id of ids) {
		if (!locked.has(lockName(id))) continue;
		const name = (await db.get('sessions', id))?.name ?? id;
		throw new Error(
			`"${name}" is still being recorded in another tab or window. Stop its source there, ` +
				'then delete it.'
		);
	}
	await deleteSessions(db, ids);
}

/** Deletes sessions with all their chunks, in one transaction. */
export async function deleteSessions(db: HistoryDb, ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	const requests: Promise<unknown>[] = [];
	for (const id of ids) {
		requests.push(tx.objectStore('sessions').delete(id));
		requests.push(tx.objectStore('chunks').delete(sessionChunks(id)));
	}
	await Promise.all([...requests, tx.done]);
}

/**
 * Applies `change` to a stored session in a single read-write transaction.
 *
 * @throws Error when no session has that id.
 */
export async function updateSession(
	db: HistoryDb,
	id: string,
	change: (session: SessionInfo) => void
): Promise<SessionInfo> {
	const tx = db.transaction('sessions', 'readwrite');
	const session = await tx.store.get(id);
	if (session === undefined) {
		tx.abort();
		await tx.done.catch(() => undefined);
		throw new Error(`session ${id} not found; it may have been deleted in another tab`);
	}
	change(session);
	await Promise.all([tx.store.put(session), tx.done]);
	return session;
}

/** Reads the stored retention policy, or returns the default one. */
export async function readRetention(db: HistoryDb): Promise<RetentionPolicy> {
	return (await db.get('settings', RETENTION_KEY)) ?? { ...DEFAULT_RETENTION };
}

/** Stores a retention policy after checking it. */
export async function writeRetention(db: HistoryDb, policy: RetentionPolicy): Promise<void> {
	await db.put('settings', validateRetention(policy), RETENTION_KEY);
}

/** Selects the sessions `policy` would delete at `now`, without deleting anything. */
export async function previewRetention(
	db: HistoryDb,
	policy: RetentionPolicy,
	now: number,
	keepId: string | null
): Promise<RetentionPreview> {
	return previewExpired(await listSessions(db), validateRetention(policy), now, keepId);
}

/**
 * Stores a policy and applies it, but only if every session it deletes is in `confirmed`,
 * the ids that the user agreed to delete after a preview. Returns the ids it deleted.
 *
 * @throws Error without storing the policy or deleting anything when the policy now selects a
 *   session that is not in `confirmed`, because sessions grew or aged since the preview.
 */
export async function saveRetention(
	db: HistoryDb,
	policy: RetentionPolicy,
	now: number,
	confirmed: readonly string[]
): Promise<string[]> {
	const { ids } = await previewRetention(db, policy, now, null);
	const allowed = new Set(confirmed);
	const unconfirmed = ids.filter((id) => !allowed.has(id));
	if (unconfirmed.length > 0) {
		throw new Error(
			`the policy would now also delete ${unconfirmed.length} ` +
				`${unconfirmed.length === 1 ? 'session' : 'sessions'} you did not confirm, so nothing ` +
				'was saved or deleted. Press Save again to see the new count.'
		);
	}
	await writeRetention(db, policy);
	await deleteSessions(db, ids);
	return ids;
}

/** Applies the stored policy and returns the ids it deleted, oldest first. */
export async function applyRetention(
	db: HistoryDb,
	now: number,
	keepId: string | null
): Promise<string[]> {
	const { ids } = await previewRetention(db, await readRetention(db), now, keepId);
	await deleteSessions(db, ids);
	return ids;
}

/**
 * Marks sessions left in 'recording' by a page that closed as 'interrupted'. A page that
 * records holds a Web Lock named after its session, so sessions live in another tab stay as
 * they are. Where Web Locks are missing (Node), every 'recording' session is marked.
 *
 * A marked session's count, size and time range are recounted from its stored chunks, because a
 * file's row may count records that were still in memory when its page closed.
 */
export async function markInterrupted(db: HistoryDb): Promise<void> {
	const locked = await heldLocks();
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	const sessions = tx.objectStore('sessions');
	for (const session of await sessions.getAll()) {
		if (session.state !== 'recording' || locked.has(lockName(session.id))) continue;
		const stored = { recordCount: 0, bytes: 0, start: NaN, end: NaN };
		let cursor = await tx.objectStore('chunks').openCursor(sessionChunks(session.id));
		while (cursor) {
			const chunk = cursor.value;
			stored.recordCount += chunk.count;
			stored.bytes += chunkBytes(chunk);
			if (!(chunk.minTime >= stored.start)) stored.start = chunk.minTime;
			if (!(chunk.maxTime <= stored.end)) stored.end = chunk.maxTime;
			cursor = await cursor.continue();
		}
		await sessions.put({ ...session, ...stored, state: 'interrupted' });
	}
	await tx.done;
}

/** Names of the Web Locks held by any page of this origin. */
async function heldLocks(): Promise<Set<string>> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (locks === undefined) return new Set();
	const state = await locks.query();
	return new Set((state.held ?? []).map((lock) => lock.name ?? ''));
}
