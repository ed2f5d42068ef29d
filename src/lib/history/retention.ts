import type { RetentionPolicy, SessionInfo } from '../protocol';

const dayMs = 86_400_000;

/**
 * Picks the sessions the policy removes, oldest first: those recorded longer ago than
 * `maxAgeDays`, then more of the oldest until the total size fits `maxBytes`. Neither the
 * session `keepId` nor any session another page is recording is picked.
 */
export function selectExpired(
	sessions: readonly SessionInfo[],
	policy: RetentionPolicy,
	now: number,
	keepId: string | null = null
): string[] {
	const oldestFirst = [...sessions].sort((a, b) => a.createdAt - b.createdAt);
	const isProtected = (session: SessionInfo) =>
		session.id === keepId || session.state === 'recording';
	const expired = new Set<string>();
	if (policy.maxAgeDays > 0) {
		const cutoff = now - policy.maxAgeDays * dayMs;
		for (const session of oldestFirst) {
			if (!isProtected(session) && session.createdAt < cutoff) expired.add(session.id);
		}
	}
	if (policy.maxBytes > 0) {
		let total = 0;
		for (const session of oldestFirst) if (!expired.has(session.id)) total += session.bytes;
		for (const session of oldestFirst) {
			if (total <= policy.maxBytes) break;
			if (isProtected(session) || expired.has(session.id)) continue;
			expired.add(session.id);
			total -= session.bytes;
		}
	}
	return oldestFirst.filter((session) => expired.has(session.id)).map((session) => session.id);
}

/** The sessions a retention policy would delete, oldest first, with their totals. */
export interface RetentionPreview {
	ids: string[];
	names: string[];
	recordCount: number;
	bytes: number;
}

/** Selects the sessions as `selectExpired` does and adds up their records and bytes. */
export function previewExpired(
	sessions: readonly SessionInfo[],
	policy: RetentionPolicy,
	now: number,
	keepId: string | null = null
): RetentionPreview {
	const byId = new Map(sessions.map((session) => [session.id, session]));
	const ids = selectExpired(sessions, policy, now, keepId);
	const expired = ids.map((id) => byId.get(id)!);
	return {
		ids,
		names: expired.map((session) => session.name),
		recordCount: expired.reduce((sum, session) => sum + session.recordCount, 0),
		bytes: expired.reduce((sum, session) => sum + session.bytes, 0)
	};
}

/**
 * Checks a policy from the page and returns it, or throws a RangeError naming the field.
 */
export function validateRetention(policy: RetentionPolicy): RetentionPolicy {
	for (const field of ['maxAgeDays', 'maxBytes'] as const) {
		const value = policy[field];
		if (!Number.isFinite(value) || value < 0) {
			throw new RangeError(`invalid retention ${field} ${value}: expected 0 (no limit) or more`);
		}
	}
	return { maxAgeDays: policy.maxAgeDays, maxBytes: policy.maxBytes };
}
