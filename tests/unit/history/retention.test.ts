import { beforeEach, describe, expect, test } from 'vitest';
import {
	applyRetention,
	listSessions,
	previewRetention,
	readRetention,
	saveRetention,
	writeRetention
} from '../../../src/lib/history/catalog';
import {
	previewExpired,
	selectExpired,
	validateRetention
} from '../../../src/lib/history/retention';
import { openHistoryDb, type HistoryDb } from '../../../src/lib/history/schema';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb } from './fixtures';

const day = 86_400_000;
const now = 100 * day;

function session(id: string, ageDays: number, bytes: number): SessionInfo {
	return {
		id,
		name: id,
		source: 'simulator',
		label: id,
		settings: null,
		series: ['value'],
		mapping: null,
		start: 0,
		end: 0,
		createdAt: now - ageDays * day,
		recordCount: 1,
		bytes,
		state: 'complete'
	};
}

const sessions = [session('new', 1, 300), session('old', 40, 100), session('mid', 10, 200)];
const recording = [
	...sessions.slice(1),
	{ ...session('new', 1, 300), state: 'recording' as const }
];

describe('selectExpired', () => {
	test.each([
		['no limits', { maxAgeDays: 0, maxBytes: 0 }, null, []],
		['by age', { maxAgeDays: 30, maxBytes: 0 }, null, ['old']],
		['by size, oldest first', { maxAgeDays: 0, maxBytes: 350 }, null, ['old', 'mid']],
		['age and size', { maxAgeDays: 30, maxBytes: 500 }, null, ['old']],
		['keeps the live session', { maxAgeDays: 0, maxBytes: 250 }, 'old', ['mid', 'new']],
		['keeps sessions being recorded', { maxAgeDays: 0.5, maxBytes: 0 }, null, ['old', 'mid']],
		['everything too old', { maxAgeDays: 0.5, maxBytes: 0 }, null, ['old', 'mid', 'new']]
	] as const)('%s', (title, policy, keep, expected) => {
		const list = title === 'keeps sessions being recorded' ? recording : sessions;
		expect(selectExpired(list, policy, now, keep)).toEqual(expected);
	});
});

describe('previewExpired', () => {
	test('previewExpired totals of the selection', () => {
		const preview = previewExpired(sessions, { maxAgeDays: 0, maxBytes: 350 }, now);

		expect(preview.ids).toEqual(['old', 'mid']);
		expect(preview.names).toEqual(['old', 'mid']);
		expect(preview.recordCount).toBe(2);
		expect(preview.bytes).toBe(300);
	});

	test('previewExpired nothing selected', () => {
		const preview = previewExpired(sessions, { maxAgeDays: 0, maxBytes: 0 }, now);

		expect(preview).toEqual({ ids: [], names: [], recordCount: 0, bytes: 0 });
	});
});

describe('retention in IndexedDB', () => {
	beforeEach(freshIndexedDb);

	const stored = [
		session('new', 1, 300),
		{ ...session('old', 40, 100), state: 'interrupted' as const },
		session('mid', 10, 200),
		session('older', 50, 400)
	];
	const fiveDays = { maxAgeDays: 5, maxBytes: 0 };

	async function storeSessions(): Promise<HistoryDb> {
		const db = await openHistoryDb();
		for (const info of stored) await db.put('sessions', info);
		return db;
	}

	async function storedIds(db: HistoryDb): Promise<string[]> {
		return (await listSessions(db)).map((info) => info.id);
	}

	test('previewRetention deletes nothing', async () => {
		const db = await storeSessions();

		const preview = await previewRetention(db, fiveDays, now, null);

		expect(preview.ids).toEqual(['older', 'old', 'mid']);
		expect(preview.bytes).toBe(700);
		expect(await storedIds(db)).toEqual(['new', 'mid', 'old', 'older']);
		expect(await readRetention(db)).toEqual({ maxAgeDays: 30, maxBytes: 1024 ** 3 });
		db.close();
	});

	test('applyRetention deletes the previewed ids', async () => {
		const db = await storeSessions();
		const policy = { maxAgeDays: 0, maxBytes: 550 };
		const preview = await previewRetention(db, policy, now, null);
		await writeRetention(db, policy);

		const deleted = await applyRetention(db, now, null);

		expect(deleted).toEqual(preview.ids);
		expect(deleted).toEqual(['older', 'old']);
		expect(await storedIds(db)).toEqual(['new', 'mid']);
		db.close();
	});

	test('saveRetention with the previewed ids', async () => {
		const db = await storeSessions();
		const preview = await previewRetention(db, fiveDays, now, null);

		const deleted = await saveRetention(db, fiveDays, now, preview.ids);

		expect(deleted).toEqual(preview.ids);
		expect(await storedIds(db)).toEqual(['new']);
		expect(await readRetention(db)).toEqual(fiveDays);
		db.close();
	});

	test('saveRetention unconfirmed session', async () => {
		const db = await storeSessions();

		const saving = saveRetention(db, fiveDays, now, ['older', 'old']);

		await expect(saving).rejects.toThrow(
			'the policy would now also delete 1 session you did not confirm'
		);
		expect(await storedIds(db)).toEqual(['new', 'mid', 'old', 'older']);
		expect(await readRetention(db)).toEqual({ maxAgeDays: 30, maxBytes: 1024 ** 3 });
		db.close();
	});
});

describe('validateRetention', () => {
	test('accepts zero and positive limits', () => {
		expect(validateRetention({ maxAgeDays: 0, maxBytes: 5 })).toEqual({
			maxAgeDays: 0,
			maxBytes: 5
		});
	});

	test('rejects a negative age', () => {
		expect(() => validateRetention({ maxAgeDays: -1, maxBytes: 0 })).toThrow(
			'invalid retention maxAgeDays -1'
		);
	});

	test('rejects a size that is not a number', () => {
		expect(() => validateRetention({ maxAgeDays: 1, maxBytes: NaN })).toThrow(
			'invalid retention maxBytes NaN'
		);
	});
});
