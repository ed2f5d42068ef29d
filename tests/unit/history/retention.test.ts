import { describe, expect, test } from 'vitest';
import { selectExpired, validateRetention } from '../../../src/lib/history/retention';
import type { SessionInfo } from '../../../src/lib/protocol';

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
