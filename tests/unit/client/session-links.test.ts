import { describe, expect, test } from 'vitest';
import { continueQuery } from '../../../src/lib/client/session-links';
import type { SessionInfo, SourceSettings } from '../../../src/lib/protocol';

function sessionWith(settings: SourceSettings | null): SessionInfo {
	return {
		id: 'abc',
		name: 'run',
		source: settings?.kind ?? 'websocket',
		label: 'run',
		settings,
		series: ['value'],
		mapping: null,
		start: 0,
		end: 1,
		createdAt: 0,
		recordCount: 2,
		bytes: 32,
		state: 'interrupted'
	};
}

function paramsOf(settings: SourceSettings | null): URLSearchParams | null {
	const query = continueQuery(sessionWith(settings));
	return query === null ? null : new URLSearchParams(query);
}

describe('continueQuery', () => {
	test('continueQuery http keeps its interval', () => {
		const params = paramsOf({ kind: 'http', url: 'http://127.0.0.1:1/latest', intervalMs: 2500 });
		expect(params?.get('source')).toBe('http');
		expect(params?.get('url')).toBe('http://127.0.0.1:1/latest');
		expect(params?.get('interval')).toBe('2.5');
		expect(params?.get('continue')).toBe('abc');
	});

	test('continueQuery mqtt keeps its topic', () => {
		const params = paramsOf({ kind: 'mqtt', url: 'ws://127.0.0.1:1', topic: 'sensors/#' });
		expect(params?.get('source')).toBe('mqtt');
		expect(params?.get('topic')).toBe('sensors/#');
	});

	test('continueQuery keeps reading options', () => {
		const params = paramsOf({
			kind: 'websocket',
			url: 'ws://127.0.0.1:1',
			choice: {
				values: [['temp']],
				derived: [{ name: 'f', expression: 'temp * 9 / 5 + 32' }],
				filter: 'temp > 0',
				timeUnit: 'ms',
				booleansAsNumbers: true,
				lenient: true
			}
		});
		expect(params?.getAll('value')).toEqual(['temp']);
		expect(params?.getAll('derive')).toEqual(['f=temp * 9 / 5 + 32']);
		expect(params?.get('filter')).toBe('temp > 0');
		expect(params?.get('time-unit')).toBe('ms');
		expect(params?.get('booleans')).toBe('1');
		expect(params?.get('lenient')).toBe('1');
	});

	test.each([
		['a file', { kind: 'file' } as SourceSettings],
		['no settings', null]
	])('continueQuery of %s is null', (_name, settings) => {
		expect(paramsOf(settings)).toBeNull();
	});
});
