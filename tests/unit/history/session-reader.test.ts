import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import { SessionAnalysisSuite } from '../../../src/lib/history/session-analysis';
import { sessionOverview } from '../../../src/lib/history/overview';
import { formatRangeName } from '../../../src/lib/history/session-name';
import { readSessionSeries } from '../../../src/lib/history/session-reader';
import { openHistoryDb } from '../../../src/lib/history/schema';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch } from './fixtures';

const RECORDS = 10_000;

const session: SessionInfo = {
	id: 's1',
	name: 'Tank 4',
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	settings: null,
	series: ['a', 'b'],
	mapping: null,
	start: 1000,
	end: 1000 + 10 * (RECORDS - 1),
	createdAt: 77,
	recordCount: RECORDS,
	bytes: 0,
	state: 'complete'
};

/** Stores `session` with RECORDS records in chunks of 4096, and `stored` as its row. */
async function storeSession(stored: SessionInfo = session) {
	const db = await openHistoryDb();
	const builder = new ChunkBuilder('s1', 2);
	const chunks = builder.append(makeBatch(0, RECORDS));
	chunks.push(builder.snapshot()!);
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((c) => tx.objectStore('chunks').put(c)),
		tx.objectStore('sessions').put(stored),
		tx.done
	]);
	return db;
}

describe('readSessionSeries', () => {
	beforeEach(freshIndexedDb);

	test('reads every record of a series in order', async () => {
		const db = await storeSession();
		const { time, values } = await readSessionSeries(db, 's1', { series: 1 });
		expect(time).toHaveLength(RECORDS);
		expect(values).toHaveLength(RECORDS);
		const batch = makeBatch(0, RECORDS);
		expect(Array.from(time)).toEqual(Array.from(batch.time));
		// The second series has a gap (NaN) at every seventh record.
		expect(Array.from(values)).toEqual(Array.from(batch.values[1]));
	});

	test('keeps only records inside the range, ends included', async () => {
		const db = await storeSession();
		// Records i have time 1000 + 10 i, so this is i = 4090 … 4200, across a chunk boundary.
		const range = { from: 1000 + 10 * 4090, to: 1000 + 10 * 4200 };
		const { time, values } = await readSessionSeries(db, 's1', { range });
		expect(time).toHaveLength(111);
		expect(time[0]).toBe(range.from);
		expect(time[110]).toBe(range.to);
		expect(values[0]).toBe(4090 / 2);
	});

	test('grows past a stale record count', async () => {
		// A session still being recorded may contain more records than its stored row counts.
		const db = await storeSession({ ...session, recordCount: 10 });
		const { time } = await readSessionSeries(db, 's1');
		expect(time).toHaveLength(RECORDS);
		expect(time[RECORDS - 1]).toBe(1000 + 10 * (RECORDS - 1));
	});

	test('rejects a missing session and series', async () => {
		const db = await storeSession();
		await expect(readSessionSeries(db, 'gone')).rejects.toThrow('session gone not found');
		await expect(readSessionSeries(db, 's1', { series: 2 })).rejects.toThrow(
			'invalid series 2 for session "Tank 4": it has 2'
		);
	});
});

describe('SessionAnalysisSuite', () => {
	beforeEach(freshIndexedDb);

	test('analyses a session like the same columns', async () => {
		await storeSession();
		const suite = new SessionAnalysisSuite();
		expect((await suite.sessions()).map((s) => s.id)).toEqual(['s1']);

		const loaded = await suite.loadSession('s1', { series: 0 });
		expect(loaded.count).toBe(RECORDS);
		expect(loaded.name).toBe('Tank 4');
		const result = suite.run({ forestTrees: 10 });
		expect(result.summary.count).toBe(RECORDS);
		// Values are i / 2 for i = 0 … 9999.
		expect(result.summary.mean).toBeCloseTo((RECORDS - 1) / 4, 9);
		expect(result.summary.min).toBe(0);
		expect(result.summary.max).toBe((RECORDS - 1) / 2);
	});

	test('exports the chart and the report of a range', async () => {
		await storeSession();
		const suite = new SessionAnalysisSuite();
		const range = { from: 1000, to: 1000 + 10 * 999 };

		const chart = await suite.exportSession('s1', { range }, 'svg', { forestTrees: 10 });
		expect(chart.count).toBe(1000);
		expect(chart.text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(chart.fileName).toMatch(/^Tank-4-.*-chart\.svg$/);

		const report = await suite.exportSession('s1', { range }, 'html', { forestTrees: 10 });
		expect(report.text).toContain('1000 records');
		expect(report.text).toContain('Streamlens report: Tank 4 (1970-01-01 00:00:01 to');
		expect(report.fileName).toMatch(/-report\.html$/);
	});

	test('rejects a range without records', async () => {
		await storeSession();
		const suite = new SessionAnalysisSuite();
		await expect(suite.loadSession('s1', { range: { from: 5e12 } })).rejects.toThrow(
			'no records in Tank 4 (2128-06-11 08:53:20 to the end, UTC)'
		);
	});

	test('reports an IndexedDB that cannot be opened', async () => {
		const suite = new SessionAnalysisSuite(() => Promise.reject(new Error('blocked')));
		await expect(suite.sessions()).rejects.toThrow('blocked');
	});
});

describe('formatRangeName', () => {
	test.each([
		[{}, 'Tank 4'],
		[{ from: 0, to: 60_000 }, 'Tank 4 (1970-01-01 00:00:00 to 00:01:00, UTC)'],
		[{ from: 0, to: 86_400_000 }, 'Tank 4 (1970-01-01 00:00:00 to 1970-01-02 00:00:00, UTC)'],
		[{ to: 0 }, 'Tank 4 (the start to 1970-01-01 00:00:00, UTC)']
	])('%j', (range, expected) => {
		expect(formatRangeName(session, range)).toBe(expected);
	});
});

describe('sessionOverview', () => {
	beforeEach(freshIndexedDb);

	test('gives min and max per time bucket', async () => {
		const db = await storeSession();
		const overview = await sessionOverview(db, 's1', 10);
		expect(overview.start).toBe(session.start);
		expect(overview.end).toBe(session.end);
		expect(overview.min).toHaveLength(10);
		// Values are i / 2 and rise with time, so bucket b covers records 1000 b to about 1000 b + 999.
		expect(overview.min[0]).toBe(0);
		expect(overview.max[9]).toBe((RECORDS - 1) / 2);
		for (let b = 1; b < 10; b++) expect(overview.min[b]).toBeGreaterThan(overview.max[b - 1]);
	});

	test('rejects a missing session', async () => {
		const db = await storeSession();
		await expect(sessionOverview(db, 'gone', 10)).rejects.toThrow('session gone not found');
	});
});
