import { describe, expect, it } from 'vitest';
import { checkEndpoint, readUrlConfig } from '../../../src/lib/client/url-config';

function read(query: string) {
	return readUrlConfig(new URLSearchParams(query));
}

describe('readUrlConfig capacity', () => {
	it('readUrlConfig reads capacity', () => {
		const { config, problems } = read('capacity=1000000');
		expect(config.capacity).toBe(1_000_000);
		expect(problems).toEqual([]);
	});

	it('readUrlConfig leaves capacity null by default', () => {
		expect(read('').config.capacity).toBeNull();
	});

	it.each(['0', '999', '2.5', 'lots', '', '20000001'])(
		'readUrlConfig rejects capacity=%s',
		(value) => {
			const { config, problems } = read(`capacity=${value}`);
			expect(config.capacity).toBeNull();
			expect(problems).toHaveLength(1);
			expect(problems[0].param).toBe('capacity');
			expect(problems[0].message).toContain(`invalid capacity "${value}"`);
			expect(problems[0].message).toContain('from 1000 to 20000000');
		}
	);
});

describe('readUrlConfig derive', () => {
	it('readUrlConfig reads derived fields in order', () => {
		const params = new URLSearchParams();
		params.append('derive', 'f=temp * 9 / 5 + 32');
		params.append('derive', ' total = price * qty');
		params.append('derive', 'hot=temp == 30');
		const { config, problems } = readUrlConfig(params);

		expect(problems).toEqual([]);
		expect(config.choice.derived).toEqual([
			{ name: 'f', expression: 'temp * 9 / 5 + 32' },
			{ name: 'total', expression: ' price * qty' },
			{ name: 'hot', expression: 'temp == 30' }
		]);
	});

	it.each([
		['f', 'expected name=expression'],
		['=a + b', 'expected name=expression'],
		['f=(a + b))', 'invalid derived field "f": unexpected ")" at column 8'],
		['f=', 'invalid derived field "f": empty expression at column 1']
	])('readUrlConfig reports derive %j', (text, message) => {
		const { config, problems } = readUrlConfig(new URLSearchParams({ derive: text }));

		expect(problems).toHaveLength(1);
		expect(problems[0].param).toBe('derive');
		expect(problems[0].message).toContain(message);
		expect(config.choice.derived).toBeUndefined();
	});

	it('readUrlConfig rejects a repeated derived name', () => {
		const params = new URLSearchParams();
		params.append('derive', 'f=a');
		params.append('derive', 'f=b');
		const { config, problems } = readUrlConfig(params);

		expect(problems).toHaveLength(1);
		expect(problems[0].message).toContain('the name "f" is already used');
		expect(config.choice.derived).toEqual([{ name: 'f', expression: 'a' }]);
	});
});

describe('readUrlConfig derived name clash', () => {
	it('readUrlConfig rejects a derived name that is a value field', () => {
		const params = new URLSearchParams('value=temp&value=meta.rh');
		params.append('derive', 'temp=temp * 9 / 5 + 32');
		params.append('derive', 'meta.rh=meta.rh / 100');
		params.append('derive', 'f=temp * 9 / 5 + 32');
		const { config, problems } = readUrlConfig(params);

		expect(problems.map((problem) => problem.param)).toEqual(['derive', 'derive']);
		expect(problems[0].message).toBe(
			'invalid derived field "temp=temp * 9 / 5 + 32": the name "temp" is a field of the ' +
				'records; choose another name'
		);
		expect(problems[1].message).toContain('the name "meta.rh" is a field of the records');
		expect(config.choice.derived).toEqual([{ name: 'f', expression: 'temp * 9 / 5 + 32' }]);
	});
});

describe('readUrlConfig filter', () => {
	it('readUrlConfig reads a filter', () => {
		const { config, problems } = read('filter=' + encodeURIComponent('temp > 20 && ok'));

		expect(problems).toEqual([]);
		expect(config.choice.filter).toBe('temp > 20 && ok');
	});

	it('readUrlConfig reports an invalid filter', () => {
		const { config, problems } = read('filter=' + encodeURIComponent('temp >'));

		expect(problems).toHaveLength(1);
		expect(problems[0].param).toBe('filter');
		expect(problems[0].message).toBe(
			'invalid filter "temp >": unexpected end of expression at column 7'
		);
		expect(config.choice.filter).toBeUndefined();
	});
});

describe('readUrlConfig split', () => {
	it('readUrlConfig reads split as the category', () => {
		const { config, problems } = read('value=temp&split=meta.sensor');

		expect(problems).toEqual([]);
		expect(config.choice.split).toEqual(['meta', 'sensor']);
		expect(config.choice.category).toEqual(['meta', 'sensor']);
	});

	it('readUrlConfig reads an empty split as none', () => {
		const { config, problems } = read('split=');

		expect(problems).toEqual([]);
		expect(config.choice.split).toBeNull();
		expect(config.choice.category).toBeUndefined();
	});

	it('readUrlConfig accepts split with the same category', () => {
		const { config, problems } = read('category=sensor&split=sensor');

		expect(problems).toEqual([]);
		expect(config.choice.split).toEqual(['sensor']);
	});

	it.each([
		['category=status&split=sensor', 'category "status" is replaced by "sensor"'],
		['category=&split=sensor', 'category none is replaced by "sensor"']
	])('readUrlConfig reports %s', (query, message) => {
		const { config, problems } = read(query);

		expect(problems).toHaveLength(1);
		expect(problems[0].param).toBe('category');
		expect(problems[0].message).toBe(`${message}: a split field is also the category`);
		expect(config.choice.split).toEqual(['sensor']);
		expect(config.choice.category).toEqual(['sensor']);
	});

	it.each([
		['value=temp&split=temp', 'a value field'],
		['value=rh&value=temp&split=temp', 'a value field'],
		['time=ts&split=ts', 'the time field']
	])('readUrlConfig rejects split in %s', (query, role) => {
		const { config, problems } = read(query);

		expect(problems).toHaveLength(1);
		expect(problems[0].param).toBe('split');
		expect(problems[0].message).toContain(`it is also ${role}`);
		expect(problems[0].message).toMatch(/^invalid split "(temp|ts)"/);
		expect(config.choice.split).toBeUndefined();
	});
});

describe('readUrlConfig time-unit', () => {
	it.each(['s', 'ms', 'us', 'ns'] as const)('readUrlConfig reads time-unit=%s', (unit) => {
		const { config, problems } = read(`time-unit=${unit}`);
		expect(problems).toEqual([]);
		expect(config.choice.timeUnit).toBe(unit);
	});

	it('readUrlConfig leaves an empty time-unit to the size rule', () => {
		const { config, problems } = read('time-unit=');
		expect(problems).toEqual([]);
		expect(config.choice.timeUnit).toBeUndefined();
	});

	it('readUrlConfig reports an invalid time-unit', () => {
		const { config, problems } = read('time-unit=sec');
		expect(problems).toEqual([
			{
				param: 'time-unit',
				message:
					'invalid time-unit "sec": expected s, ms, us or ns for epoch seconds, ' +
					'milliseconds, microseconds or nanoseconds, or none to tell each value by its size'
			}
		]);
		expect(config.choice.timeUnit).toBeUndefined();
	});
});

describe('readUrlConfig booleans', () => {
	it.each([
		['1', true],
		['true', true],
		['0', undefined],
		['false', undefined]
	])('readUrlConfig reads booleans=%s', (text, expected) => {
		const { config, problems } = read(`booleans=${text}`);
		expect(problems).toEqual([]);
		expect(config.choice.booleansAsNumbers).toBe(expected);
	});

	it('readUrlConfig reports an invalid booleans', () => {
		const { config, problems } = read('booleans=yes');
		expect(problems).toEqual([
			{
				param: 'booleans',
				message:
					'invalid booleans "yes": expected 1 to read true and false as 1 and 0 in value ' +
					'fields, or 0 to count them as gaps'
			}
		]);
		expect(config.choice.booleansAsNumbers).toBeUndefined();
	});
});

describe('checkEndpoint', () => {
	const cases = [
		{
			source: 'http',
			url: 'not a url',
			message:
				'invalid URL "not a url" for HTTP: expected an absolute address such as ' +
				'http://127.0.0.1:8766/latest'
		},
		{
			source: 'sse',
			url: '127.0.0.1:8766',
			message:
				'invalid URL "127.0.0.1:8766" for SSE: expected an absolute address such as ' +
				'http://127.0.0.1:8766/events'
		},
		{
			source: 'websocket',
			url: 'nohost',
			message:
				'invalid URL "nohost" for WebSocket: expected an absolute address such as ' +
				'ws://127.0.0.1:8765'
		},
		{
			source: 'mqtt',
			url: 'http://127.0.0.1:9001',
			message: 'invalid URL "http://127.0.0.1:9001" for MQTT: expected ws:// or wss://'
		},
		{
			source: 'sse',
			url: 'ws://127.0.0.1:8765',
			message: 'invalid URL "ws://127.0.0.1:8765" for SSE: expected http:// or https://'
		},
		{ source: 'http', url: 'http://127.0.0.1:8766/latest', message: null },
		{ source: 'mqtt', url: 'wss://127.0.0.1:9001', message: null }
	] as const;

	for (const { source, url, message } of cases) {
		it(`checkEndpoint ${source} "${url}"`, () => {
			expect(checkEndpoint(url, source)).toBe(message);
		});
	}
});

describe('readUrlConfig right', () => {
	it('readUrlConfig reads right axis names', () => {
		const { config, problems } = read('right=pressure,rh');
		expect(config.rightAxis).toEqual(['pressure', 'rh']);
		expect(problems).toEqual([]);
	});

	it('readUrlConfig joins repeated right lists', () => {
		expect(read('right=a,b&right=c&right=a').config.rightAxis).toEqual(['a', 'b', 'c']);
	});

	it('readUrlConfig reads an empty right as none', () => {
		expect(read('right=').config.rightAxis).toEqual([]);
		expect(read('').config.rightAxis).toEqual([]);
	});
});

describe('readUrlConfig count', () => {
	it.each([
		['1m', 60_000],
		['10s', 10_000],
		['5m', 300_000],
		['90', 90_000]
	])('readUrlConfig reads count=%s', (text, windowMs) => {
		const { config, problems } = readUrlConfig(new URLSearchParams({ count: text }));

		expect(problems).toEqual([]);
		expect(config.choice.countWindowMs).toBe(windowMs);
	});

	it.each(['abc', '0', '2h', '1d', '-1m'])('readUrlConfig reports count=%s', (text) => {
		const { config, problems } = readUrlConfig(
			new URLSearchParams({ source: 'file', count: text, split: 'type' })
		);

		expect(problems).toEqual([
			{
				param: 'count',
				message:
					`invalid count "${text}": expected a duration from 1s to 1h in ms, s, m or h, ` +
					'such as 10s, 1m or 5m (a bare number is seconds)'
			}
		]);
		expect(config.choice.countWindowMs).toBeUndefined();
		// The rest of the link still applies.
		expect(config.choice.split).toEqual(['type']);
	});

	it('readUrlConfig leaves an empty count out', () => {
		const { config, problems } = readUrlConfig(new URLSearchParams({ count: '' }));

		expect(problems).toEqual([]);
		expect(config.choice.countWindowMs).toBeUndefined();
	});
});
