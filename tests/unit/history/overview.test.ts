import { beforeEach, describe, expect, test } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import { overviewRuns, sessionOverview } from '../../../src/lib/history/overview';
import { openHistoryDb } from '../../../src/lib/history/schema';
import type { SessionInfo } from '../../../src/lib/protocol';
import { freshIndexedDb, makeBatch } from './fixtures';

/** Builds the min column of an overview from a pattern: a digit is a filled bucket, `.` an empty one. */
function minColumn(pattern: string): { min: Float64Array } {
	return { min: Float64Array.from(pattern, (c) => (c === '.' ? NaN : Number(c))) };
}

describe('overviewRuns', () => {
	test.each([
		{ case: 'no filled bucket', pattern: '......', runs: [] },
		{ case: 'one filled bucket', pattern: '..5...', runs: [[2]] },
		{ case: 'every bucket filled', pattern: '1234', runs: [[0, 1, 2, 3]] },
		{ case: 'every third bucket filled', pattern: '1..2..3..4', runs: [[0, 3, 6, 9]] },
		{ case: 'uneven steps', pattern: '1.2..3.4...5', runs: [[0, 2, 5, 7, 11]] },
		// GAP_FACTOR is 5 and the median step 1, so a step of 6 buckets breaks the line.
		{
			case: 'a step of six buckets',
			pattern: '123.....456',
			runs: [
				[0, 1, 2],
				[8, 9, 10]
			]
		},
		{ case: 'a step of five buckets', pattern: '123....456', runs: [[0, 1, 2, 7, 8, 9]] },
		{
			case: 'a lone bucket after a pause',
			pattern: '1.2.3.4' + '.'.repeat(11) + '5',
			runs: [[0, 2, 4, 6], [18]]
		}
	])('overviewRuns with $case', ({ pattern, runs }) => {
		expect(overviewRuns(minColumn(pattern))).toEqual(runs);
	});

	test('overviewRuns treats infinite values as empty', () => {
		const min = Float64Array.from([1, Infinity, 2, -Infinity, 3]);
		expect(overviewRuns({ min })).toEqual([[0, 2, 4]]);
	});
});

describe('overviewRuns of a stored session', () => {
	beforeEach(freshIndexedDb);

	test('overviewRuns joins 50 records over 300 buckets', async () => {
		// makeBatch spaces records 10 ms apart from 1000 ms, so 50 of them fill every sixth bucket.
		const session: SessionInfo = {
			id: 's1',
			name: 'short',
			source: 'file',
			label: 'short.jsonl',
			settings: null,
			series: ['a', 'b'],
			mapping: null,
			start: 1000,
			end: 1490,
			createdAt: 1,
			recordCount: 50,
			bytes: 0,
			state: 'complete'
		};
		const db = await openHistoryDb();
		const builder = new ChunkBuilder('s1', 2);
		const chunks = builder.append(makeBatch(0, 50));
		chunks.push(builder.snapshot()!);
		const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
		await Promise.all([
			...chunks.map((c) => tx.objectStore('chunks').put(c)),
			tx.objectStore('sessions').put(session),
			tx.done
		]);

		const overview = await sessionOverview(db, 's1', 300);
		const filled = overview.min.filter(Number.isFinite).length;
		expect(filled).toBe(50);
		const runs = overviewRuns(overview);
		expect(runs).toHaveLength(1);
		expect(runs[0]).toHaveLength(50);
		expect(runs[0][0]).toBe(0);
		expect(runs[0][49]).toBe(299);
	});
});
