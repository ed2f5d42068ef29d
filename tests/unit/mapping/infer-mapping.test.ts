import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { inferMapping, isIdentifierName } from '../../../src/lib/mapping/infer-mapping';
import type { FieldMapping } from '../../../src/lib/protocol';

/** Reads a JSON Lines fixture, skipping blank lines and byte order marks. */
function readRecords(relativePath: string): unknown[] {
	const text = readFileSync(new URL(`../../fixtures/${relativePath}`, import.meta.url), 'utf8');
	return text
		.split('\n')
		.map((line) => line.replace(/^\uFEFF/, ''))
		.filter((line) => line.trim().length > 0)
		.map((line) => JSON.parse(line) as unknown);
}

function sensorRecord(index: number): unknown {
	return {
		timestamp: `2024-01-20T10:${String(index).padStart(2, '0')}:00`,
		value: 40 + index,
		category: index % 2 === 0 ? 'A' : 'B',
		status: 'normal',
		metadata: { source: 'sensor_1', location: 'building_a' }
	};
}

const NONE: FieldMapping = { time: null, values: [], category: null };

test('inferMapping zero-setup format', () => {
	const records = [0, 1, 2].map(sensorRecord);
	expect(inferMapping(records)).toEqual({
		time: ['timestamp'],
		values: [['value']],
		category: ['category']
	});
});

test('inferMapping single record', () => {
	expect(inferMapping([sensorRecord(0)])).toEqual({
		time: ['timestamp'],
		values: [['value']],
		category: ['category']
	});
});

test('inferMapping without category field', () => {
	const records = [0, 1].map((index) => {
		const record = sensorRecord(index) as Record<string, unknown>;
		delete record.category;
		return record;
	});
	expect(inferMapping(records).category).toEqual(['status']);
});

test('inferMapping NAB fixture', () => {
	expect(inferMapping(readRecords('nab/speed_7578.jsonl'))).toEqual({
		time: ['timestamp'],
		values: [['value']],
		category: ['category']
	});
});

test('inferMapping empty input', () => {
	expect(inferMapping([])).toEqual(NONE);
});

test('inferMapping ignores non-object records', () => {
	const records = [1, null, 'text', [sensorRecord(0)], sensorRecord(1)];
	expect(inferMapping(records)).toEqual({
		time: ['timestamp'],
		values: [['value']],
		category: ['category']
	});
});

test('inferMapping nested shape', () => {
	const records = [1, 2, 3].map((index) => ({
		meta: { dt: `2024-05-01T10:00:0${index}Z`, stream: 'probes' },
		reading: { temp: 20 + index, humidity: String(40 + index) },
		device: { kind: 'probe', room: index === 2 ? 'lab' : 'hall' }
	}));
	expect(inferMapping(records)).toEqual({
		time: ['meta', 'dt'],
		values: [
			['reading', 'temp'],
			['reading', 'humidity']
		],
		category: ['device', 'room']
	});
});

test.each<[string, unknown, string[] | null]>([
	[
		'named at depth over unnamed',
		{ at: '2024-05-01T10:00:00Z', p: { Time: '2024-05-01' } },
		['p', 'Time']
	],
	['shallowest named', { data: { ts: 1714564800 }, timestamp: 1714564800000 }, ['timestamp']],
	['named case-insensitive', { TimeStamp: '2024-05-01T10:00:00Z' }, ['TimeStamp']],
	['named @timestamp', { '@timestamp': '2024-05-01T10:00:00Z' }, ['@timestamp']],
	['named created_at', { id: 1, created_at: '2024-05-01T10:00:00Z' }, ['created_at']],
	['named small epoch', { time: 12 }, ['time']],
	['named but not a time', { time: '10:30', when: '2024-05-01T10:00:00Z' }, ['when']],
	['unnamed epoch ms', { id: 7, E: 1717000000082 }, ['E']],
	['unnamed epoch seconds string', { at: '1717000000' }, ['at']],
	['shallowest unnamed', { a: { b: '2024-05-01T10:00:00Z' }, c: 1717000000 }, ['c']],
	['epoch outside 2000 to 2099', { n: 5 }, null],
	['none', { v: 1, s: 'x' }, null]
])('inferMapping time %s', (_name, record, expected) => {
	expect(inferMapping([record]).time).toEqual(expected);
});

test('inferMapping time needs every value of a few', () => {
	const records = [{ ts: '2024-05-01T10:00:00Z' }, { ts: 'soon' }];
	expect(inferMapping(records).time).toBeNull();
});

test('inferMapping named time keeps one bad value in five', () => {
	// The record with the bad time is then rejected with its line, and the others keep their times.
	const times = (bad: number) =>
		Array.from({ length: 10 }, (_, i) => ({
			ts: i < bad ? 'not a date' : 1_714_557_600_000 + i * 1000,
			v: i
		}));
	expect(inferMapping(times(1)).time).toEqual(['ts']);
	expect(inferMapping(times(2)).time).toEqual(['ts']);
	expect(inferMapping(times(3)).time).toBeNull();
});

test('inferMapping time ignores null values', () => {
	const records = [{ ts: '2024-05-01T10:00:00Z' }, { ts: null }, {}];
	expect(inferMapping(records).time).toEqual(['ts']);
});

test.each<[string, unknown[], string[][]]>([
	['top-level value wins', [{ a: 1, value: 2, b: 3 }], [['value']]],
	['numeric-string value', [{ a: 1, value: '2.5' }], [['value']]],
	['non-numeric value', [{ value: 'high', reading: 3 }], [['reading']]],
	['nested value not top-level', [{ x: { value: 1 }, y: 2 }], [['x', 'value'], ['y']]],
	[
		'first-seen order',
		[
			{ b: 1, a: 2 },
			{ c: 3, a: 4 }
		],
		[['b'], ['a'], ['c']]
	],
	['strict numeric strings only', [{ a: '12kWh', b: '0x1A', c: ' 7 ' }], [['c']]],
	['booleans are not numbers', [{ on: true, v: 1 }], [['v']]],
	['arrays skipped', [{ samples: [1, 2], v: 3 }], [['v']]],
	['majority numeric', [{ s: '1' }, { s: '2' }, { s: 'unavailable' }], [['s']]],
	['minority numeric', [{ s: '1' }, { s: 'on' }, { s: 'off' }], []],
	['time field excluded', [{ ts: 1717000000082, v: 1 }], [['v']]]
])('inferMapping values %s', (_name, records, expected) => {
	expect(inferMapping(records).values).toEqual(expected);
});

test('inferMapping values capped at 8', () => {
	const record = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i]));
	expect(inferMapping([record]).values).toEqual([
		['f0'],
		['f1'],
		['f2'],
		['f3'],
		['f4'],
		['f5'],
		['f6'],
		['f7']
	]);
});

/** Nests `leaf` under `depth - 1` keys k{depth-1} … k1, so its field path has `depth` keys. */
function nested(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
	let value = leaf;
	for (let level = 1; level < depth; level++) value = { [`k${level}`]: value };
	return value;
}

test('inferMapping Home Assistant brightness, 5 deep', () => {
	const records = [120, 130, 140].map((brightness, i) => ({
		ts: 1717000000000 + i * 1000,
		event: { data: { new_state: { attributes: { brightness } } } }
	}));
	const mapping = inferMapping(records);

	expect(mapping.time).toEqual(['ts']);
	expect(mapping.values).toEqual([['event', 'data', 'new_state', 'attributes', 'brightness']]);
});

test.each([5, 8])('inferMapping numeric field %i deep', (depth) => {
	const records = [1.5, 2.5, 3.5].map((val, i) => ({
		ts: 1717000000000 + i * 1000,
		...nested(depth, { val })
	}));
	const values = inferMapping(records).values;

	expect(values.length).toBe(1);
	expect(values[0].length).toBe(depth);
	expect(values[0].at(-1)).toBe('val');
});

test('inferMapping depth limit 8', () => {
	const record = nested(8, { d: 1, e: { f: 2 } });
	const values = inferMapping([record]).values;

	expect(values.map((path) => path.join('.'))).toEqual(['k7.k6.k5.k4.k3.k2.k1.d']);
});

test('inferMapping 50-deep record stops at 8', () => {
	// Each level has a number and the next level, so leaves exist at every depth.
	let record: Record<string, unknown> = { v: 50 };
	for (let level = 49; level >= 1; level--) record = { v: level, next: record };
	const values = inferMapping([record]).values;

	expect(values.length).toBe(8);
	expect(values.map((path) => path.length)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});

test('inferMapping reads first 50 records', () => {
	const records: unknown[] = Array.from({ length: 50 }, () => ({ v: 1 }));
	records.push({ v: 1, late: 2 });
	expect(inferMapping(records).values).toEqual([['v']]);
});

test('inferMapping key with a dot', () => {
	expect(inferMapping([{ 'temp.c': 21.5 }]).values).toEqual([['temp.c']]);
});

test('inferMapping __proto__ key', () => {
	const record = JSON.parse('{"__proto__":{"x":1},"v":2}') as unknown;
	expect(inferMapping([record]).values).toEqual([['__proto__', 'x'], ['v']]);
	expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test.each<[string, unknown[], string[] | null]>([
	['top-level category', [{ s: 'a', category: 'X' }], ['category']],
	['numeric category skipped', [{ category: 3, s: 'a' }], ['s']],
	[
		'varying over constant',
		[
			{ k: 'c', s: 'a' },
			{ k: 'c', s: 'b' }
		],
		['s']
	],
	['constant when nothing varies', [{ k: 'c' }, { k: 'c' }], ['k']],
	[
		'shallowest',
		[
			{ d: { s: 'a' }, t: 'x' },
			{ d: { s: 'b' }, t: 'y' }
		],
		['t']
	],
	['ISO strings skipped', [{ at: '2024-05-01', when: '2024-05-02T00:00:00Z' }], null],
	['numeric strings skipped', [{ n: '1' }, { n: '2' }], null],
	['mixed types skipped', [{ s: 'a' }, { s: 1 }], null]
])('inferMapping category %s', (_name, records, expected) => {
	expect(inferMapping(records).category).toEqual(expected);
});

test('inferMapping category over 20 values', () => {
	const records = Array.from({ length: 21 }, (_, i) => ({ name: `n${i}`, v: i }));
	expect(inferMapping(records).category).toBeNull();
	expect(inferMapping(records.slice(0, 20)).category).toEqual(['name']);
});

test('inferMapping case-30 gaps and booleans', () => {
	expect(inferMapping(readRecords('cases/case-30-val-null-missing-bool.jsonl'))).toEqual({
		time: ['ts'],
		values: [['f_port'], ['f_cnt'], ['decoded', 'battery_v']],
		category: ['entity_id']
	});
});

test('inferMapping binance trade stream', () => {
	// The trade id `t` and the trade time `T` are left out: an id and a second epoch time.
	expect(inferMapping(readRecords('cases/streams/binance-trade.jsonl'))).toEqual({
		time: ['E'],
		values: [['p'], ['q']],
		category: ['s']
	});
});

test('inferMapping Home Assistant stream', () => {
	// The message `id`, the same in every record, is left out.
	expect(inferMapping(readRecords('cases/streams/homeassistant-state-changed.jsonl'))).toEqual({
		time: ['event', 'time_fired'],
		values: [
			['event', 'data', 'old_state', 'state'],
			['event', 'data', 'new_state', 'state'],
			['event', 'data', 'old_state', 'attributes', 'brightness'],
			['event', 'data', 'old_state', 'attributes', 'supported_features'],
			['event', 'data', 'new_state', 'attributes', 'brightness'],
			['event', 'data', 'new_state', 'attributes', 'supported_features']
		],
		category: ['event', 'data', 'entity_id']
	});
});

test('inferMapping Wikimedia stream values', () => {
	const mapping = inferMapping(readRecords('cases/streams/wikimedia-recentchange.jsonl'));
	expect(mapping.values).toEqual([['namespace'], ['length', 'old'], ['length', 'new']]);
});

test.each<[string, unknown[], string[][]]>([
	['id by name', [{ id: 3, v: 1 }], [['v']]],
	['id by suffix', [{ log_id: 3, deviceId: 4, v: 1 }], [['v']]],
	['lower-case id suffix kept', [{ paid: 3, v: 1 }], [['paid'], ['v']]],
	[
		'sequence numbers by name',
		[{ seq: 1, seqNo: 2, sequence_number: 3, reading: { value: 4.5 } }],
		[['reading', 'value']]
	],
	['sequence-like names kept', [{ sequencer: 1, seqs: 2, v: 1 }], [['sequencer'], ['seqs'], ['v']]],
	[
		'large distinct integers',
		[
			{ t: 3791000002, v: 1 },
			{ t: 3791000003, v: 2 }
		],
		[['v']]
	],
	[
		'large repeated integers kept',
		[
			{ bytes: 5000000, v: 1 },
			{ bytes: 5000000, v: 2 }
		],
		[['bytes'], ['v']]
	],
	['constant over five values', Array.from({ length: 5 }, (_, i) => ({ qos: 0, v: i })), [['v']]],
	[
		'constant over four values kept',
		Array.from({ length: 4 }, (_, i) => ({ qos: 0, v: i })),
		[['qos'], ['v']]
	],
	['only ids kept', [{ id: 3 }, { id: 4 }], [['id']]],
	['second epoch time', [{ ts: 1717000000082, at: 1717000000090, v: 1 }], [['v']]]
])('inferMapping leaves out %s', (_name, records, expected) => {
	expect(inferMapping(records).values).toEqual(expected);
});

/** Records one second apart from 2024-05-01T12:00:00Z with the time in four units and `v`. */
function clockRecords(v: (i: number) => number): Record<string, number>[] {
	return Array.from({ length: 8 }, (_, i) => {
		const seconds = 1714564800 + i;
		const ms = seconds * 1000 + 250;
		return { t_s: seconds, t_ms: ms, t_us: ms * 1000, t_ns: ms * 1e6, v: v(i) };
	});
}

test('inferMapping leaves out clocks beside a constant value', () => {
	const mapping = inferMapping(clockRecords(() => 1));

	expect(mapping.time).toEqual(['t_s']);
	expect(mapping.values).toEqual([['v']]);
});

test('inferMapping leaves out clocks beside a varying value', () => {
	expect(inferMapping(clockRecords((i) => i % 3)).values).toEqual([['v']]);
});

test.each<[string, Record<string, unknown>, string[][]]>([
	['time', { time: 1714564800000 }, [['v']]],
	['epoch seconds', { epoch: 1714564800 }, [['v']]],
	['snake _at', { sent_at: 1714564800 }, [['v']]],
	['snake _time', { recv_time: 1714564800123 }, [['v']]],
	['upper-case suffix', { SENT_MS: 1714564800123 }, [['v']]],
	['camel At', { createdAt: 1714564800 }, [['v']]],
	['camel Ms', { sentMs: 1714564800123 }, [['v']]],
	['camel Ns', { recvNs: 1714564800123456000 }, [['v']]],
	['duration in ms kept', { elapsed_ms: 5000 }, [['elapsed_ms'], ['v']]],
	['year 1990 kept', { sent_at: 631152000 }, [['sent_at'], ['v']]],
	['time-like number without a clock name kept', { total: 1714564800 }, [['total'], ['v']]],
	['items is no camel Ms', { items: 1714564800 }, [['items'], ['v']]]
])('inferMapping with a constant v and %s', (_name, extra, expected) => {
	const records = Array.from({ length: 6 }, (_, i) => ({ ts: 1714564800 + i, ...extra, v: 1 }));

	expect(inferMapping(records).time).toEqual(['ts']);
	expect(inferMapping(records).values).toEqual(expected);
});

test('inferMapping keeps clocks that are the only numbers', () => {
	const records = clockRecords(() => 1).map(({ t_s, t_ms }) => ({ t_s, t_ms }));

	expect(inferMapping(records).values).toEqual([['t_ms']]);
});

test('inferMapping split charts the most numeric field', () => {
	const records = [
		{ sensor: 's1', a: 1, b: 2 },
		{ sensor: 's2', a: null, b: 3 },
		{ sensor: 's1', a: 4, b: 7 },
		{ sensor: 's2', a: 5, b: 6 }
	];

	expect(inferMapping(records, { split: ['sensor'] }).values).toEqual([['b']]);
	expect(inferMapping(records.slice(0, 1), { split: ['sensor'] }).values).toEqual([['a']]);
	expect(inferMapping(records).values).toEqual([['a'], ['b']]);
});

test('inferMapping split field is no value', () => {
	const records = [
		{ device: 1, temp: 20 },
		{ device: 2, temp: 21 }
	];

	expect(inferMapping(records, { split: ['device'] }).values).toEqual([['temp']]);
	expect(inferMapping([{ value: 1 }], { split: ['value'] }).values).toEqual([]);
});

test('inferMapping Wikimedia stream', () => {
	const mapping = inferMapping(readRecords('cases/streams/wikimedia-recentchange.jsonl'));
	expect(mapping.time).toEqual(['timestamp']);
	expect(mapping.category).toEqual(['type']);
});

test('inferMapping numeric text with invalid values', () => {
	const records = readRecords('cases/case-29-val-numeric-strings.jsonl');

	expect(inferMapping(records).values).toEqual([['v']]);
});

test('inferMapping leaves a chosen time field out of the values', () => {
	const records = readRecords('cases/case-25-ts-epoch-units.jsonl');
	// Without a choice, t_s is the time and the millisecond field of the last record a value.
	expect(inferMapping(records).values).toContainEqual(['t_ms_1973']);

	const chosen = inferMapping(records, { time: ['t_ms_1973'] });
	expect(chosen.time).toEqual(['t_ms_1973']);
	expect(chosen.values).toEqual([['v']]);
});

test('inferMapping numbers records when no time is chosen', () => {
	const records = [0, 1, 2].map(sensorRecord);
	const mapping = inferMapping(records, { time: null });
	expect(mapping.time).toBeNull();
	expect(mapping.values).toEqual([['value']]);
	expect(mapping.category).toEqual(['category']);
});

test('isIdentifierName marks ids and numbers', () => {
	const identifiers = [
		['id'],
		['repo', 'id'],
		['log_id'],
		['deviceId'],
		['seq'],
		['payload', 'number'],
		['issueNumber']
	];
	const measurements = [['temp'], ['payload', 'size'], ['length', 'new'], ['numbers'], ['ridge']];
	for (const path of identifiers) expect(isIdentifierName(path), path.join('.')).toBe(true);
	for (const path of measurements) expect(isIdentifierName(path), path.join('.')).toBe(false);
});
