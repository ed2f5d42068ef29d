import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ANALYSIS_UNIT_HINT } from '../../../src/lib/client/reading-options';
import { BatchBuilder, DEFAULT_UNIT_HINT } from '../../../src/lib/mapping/batch-builder';
import type { ColumnBatch, FieldMapping } from '../../../src/lib/protocol';
import { DASHBOARD_UNIT_HINT } from '../../../src/lib/sources/record-pipeline';

const SENSOR_MAPPING: FieldMapping = {
	time: ['timestamp'],
	values: [['value']],
	category: ['category']
};

/** Arrival time passed to `add`. Records that carry their own time must not show it. */
const ARRIVAL_MS = 1_700_000_000_000;

function sensorRecord(minute: number, value: unknown, category: unknown): unknown {
	return {
		timestamp: `2024-01-20T10:${String(minute).padStart(2, '0')}:00Z`,
		value,
		category,
		status: 'normal'
	};
}

function minuteMs(minute: number): number {
	return Date.UTC(2024, 0, 20, 10, minute);
}

/** Adds every record, expecting each to be accepted, and takes the batch. */
function build(builder: BatchBuilder, records: unknown[]): ColumnBatch {
	records.forEach((record, i) => {
		expect(builder.add(record, i + 1, ARRIVAL_MS), `record ${i + 1}`).toBeNull();
	});
	const batch = builder.take();
	if (batch === null) throw new Error('expected a batch, got null');
	return batch;
}

test('BatchBuilder sensor records', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	const batch = build(builder, [
		sensorRecord(0, 42.5, 'A'),
		sensorRecord(1, 43, 'B'),
		sensorRecord(2, 41, 'A')
	]);

	expect(batch.count).toBe(3);
	expect([...batch.time]).toEqual([minuteMs(0), minuteMs(1), minuteMs(2)]);
	expect(batch.values.length).toBe(1);
	expect([...batch.values[0]]).toEqual([42.5, 43, 41]);
	expect([...batch.category]).toEqual([0, 1, 0]);
	expect(batch.newCategories).toEqual(['A', 'B']);
});

test('BatchBuilder category dictionary across batches', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	const first = build(builder, [sensorRecord(0, 1, 'A'), sensorRecord(1, 2, 'B')]);
	const second = build(builder, [
		sensorRecord(2, 3, 'B'),
		sensorRecord(3, 4, 'C'),
		sensorRecord(4, 5, 'A')
	]);
	const third = build(builder, [sensorRecord(5, 6, 'C')]);

	expect([...first.category]).toEqual([0, 1]);
	expect(first.newCategories).toEqual(['A', 'B']);
	expect([...second.category]).toEqual([1, 2, 0]);
	expect(second.newCategories).toEqual(['C']);
	expect([...third.category]).toEqual([2]);
	expect(third.newCategories).toEqual([]);
});

test.each<[string, unknown, number, string[]]>([
	['string', 'A', 0, ['A']],
	['number', 3, 0, ['3']],
	['boolean', true, 0, ['true']],
	['object', { zone: 1 }, 0, ['{"zone":1}']],
	['empty string', '', 0, ['']],
	['null', null, -1, []],
	['missing', undefined, -1, []]
])('BatchBuilder category %s', (_name, category, index, names) => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	const batch = build(builder, [sensorRecord(0, 1, category)]);
	expect([...batch.category]).toEqual([index]);
	expect(batch.newCategories).toEqual(names);
});

test('BatchBuilder category limit warns once', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING, 4, { categoryLimit: 2 });
	const first = build(builder, [
		sensorRecord(0, 1, 'A'),
		sensorRecord(1, 2, 'B'),
		sensorRecord(2, 3, 'C'),
		sensorRecord(3, 4, 'A')
	]);
	const second = build(builder, [sensorRecord(4, 5, 'D'), sensorRecord(5, 6, 'B')]);

	expect([...first.category]).toEqual([0, 1, -1, 0]);
	expect(first.newCategories).toEqual(['A', 'B']);
	expect([...second.category]).toEqual([-1, 1]);
	expect(second.newCategories).toEqual([]);
	// The records turned away from the dictionary keep their values.
	expect([...first.values[0]]).toEqual([1, 2, 3, 4]);
	expect([...second.values[0]]).toEqual([5, 6]);
	expect(builder.warnings).toEqual([
		{
			line: 3,
			severity: 'warning',
			message:
				'category field "category" has more than 2 distinct values, and only the first 2 ' +
				'are kept as categories. This record and later ones with a new value ("C" here) get ' +
				'no category. A field with a new value in most records, such as an id, makes a poor ' +
				'category: choose another field or none'
		}
	]);
});

test('BatchBuilder split gaps past category limit', () => {
	const builder = new BatchBuilder({ ...SENSOR_MAPPING, split: ['category'] }, 4, {
		categoryLimit: 1
	});
	const batch = build(builder, [sensorRecord(0, 'x', 'A'), sensorRecord(1, 'y', 'B')]);
	expect([...batch.category]).toEqual([0, -1]);
	expect(batch.valueGaps).toEqual([
		{ field: 'value', line: 'A', kinds: [{ kind: '"x"', count: 1 }] },
		{ field: 'value', kinds: [{ kind: '"y"', count: 1 }] }
	]);
});

test('BatchBuilder no category mapped', () => {
	const builder = new BatchBuilder({ ...SENSOR_MAPPING, category: null });
	const batch = build(builder, [sensorRecord(0, 1, 'A')]);
	expect([...batch.category]).toEqual([-1]);
	expect(batch.newCategories).toEqual([]);
});

test('BatchBuilder NaN gaps', () => {
	const builder = new BatchBuilder({ time: ['t'], values: [['a'], ['b']], category: null });
	const batch = build(builder, [
		{ t: 1, a: 1, b: '2' },
		{ t: 2, a: null, b: 'n/a' },
		{ t: 3, b: true },
		{ t: 4, a: '', b: { v: 1 } },
		{ t: 5, a: -0, b: ' 7 ' }
	]);

	expect([...batch.values[0]]).toEqual([1, NaN, NaN, NaN, 0]);
	expect([...batch.values[1]]).toEqual([2, NaN, NaN, NaN, 7]);
	expect(batch.count).toBe(5);
});

test('BatchBuilder case-30 gaps', () => {
	const text = readFileSync(
		new URL('../../fixtures/cases/case-30-val-null-missing-bool.jsonl', import.meta.url),
		'utf8'
	);
	const records = text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as unknown);
	const builder = new BatchBuilder({ time: ['ts'], values: [['state']], category: ['entity_id'] });
	const batch = build(builder, records);

	expect(batch.count).toBe(10);
	expect([...batch.values[0]]).toEqual([21.4, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
	expect([...batch.time]).toEqual(Array.from({ length: 10 }, (_, i) => 1714557600000 + i * 60000));
	expect([...batch.category]).toEqual([0, 0, 0, 0, 0, 1, 1, 2, -1, -1]);
	expect(batch.newCategories).toEqual([
		'sensor.kitchen_temp',
		'binary_sensor.back_door',
		'switch.pump'
	]);
});

test('BatchBuilder booleans as 1 and 0', () => {
	const mapping: FieldMapping = { time: ['ts'], values: [['state'], ['n']], category: null };
	const builder = new BatchBuilder(mapping, 4, { booleansAsNumbers: true });
	const batch = build(builder, [
		{ ts: 1714557600000, state: true, n: 5 },
		{ ts: 1714557660000, state: false, n: false },
		{ ts: 1714557720000, state: 'true', n: null },
		{ ts: 1714557780000 }
	]);

	expect([...batch.values[0]]).toEqual([1, 0, NaN, NaN]);
	expect([...batch.values[1]]).toEqual([5, 0, NaN, NaN]);
	// Other kinds of gap are still counted; the booleans are values now.
	expect(batch.valueGaps).toEqual([
		{
			field: 'state',
			kinds: [
				{ kind: '"true"', count: 1 },
				{ kind: 'missing', count: 1 }
			]
		},
		{
			field: 'n',
			kinds: [
				{ kind: 'null', count: 1 },
				{ kind: 'missing', count: 1 }
			]
		}
	]);
});

test('BatchBuilder booleans are gaps by default', () => {
	const mapping: FieldMapping = { time: ['ts'], values: [['state']], category: null };
	const builder = new BatchBuilder(mapping);
	const batch = build(builder, [
		{ ts: 1714557600000, state: true },
		{ ts: 1714557660000, state: false },
		{ ts: 1714557720000, state: true }
	]);

	expect([...batch.values[0]]).toEqual([NaN, NaN, NaN]);
	expect(batch.valueGaps).toEqual([
		{
			field: 'state',
			kinds: [
				{ kind: 'true', count: 2 },
				{ kind: 'false', count: 1 }
			]
		}
	]);
});

test('BatchBuilder accepts record without values', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	expect(builder.add({ timestamp: '2024-01-20T10:00:00Z' }, 1, ARRIVAL_MS)).toBeNull();
	expect(builder.size).toBe(1);

	const batch = builder.take();
	expect(batch?.values[0][0]).toBe(NaN);
	expect(batch?.category[0]).toBe(-1);
});

test.each<[string, unknown, string, string | undefined]>([
	['number', 42, 'expected a JSON object, got number', '42'],
	['string', 'text', 'expected a JSON object, got string', 'text'],
	['boolean', false, 'expected a JSON object, got boolean', 'false'],
	['null', null, 'expected a JSON object, got null', 'null'],
	['array', [{ value: 1 }], 'expected a JSON object, got array', undefined],
	['undefined', undefined, 'expected a JSON object, got undefined', undefined]
])('BatchBuilder rejects %s record', (_name, record, message, excerpt) => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	const expected = excerpt === undefined ? { line: 9, message } : { line: 9, message, excerpt };

	expect(builder.add(record, 9, ARRIVAL_MS)).toEqual(expected);
	expect(builder.size).toBe(0);
});

test.each<[string, unknown, string]>([
	['word', 'yesterday', '"yesterday"'],
	['impossible date', '2024-02-30T10:00:00Z', '"2024-02-30T10:00:00Z"'],
	['boolean', true, 'true'],
	['object', { s: 1 }, '{"s":1}']
])('BatchBuilder rejects invalid time %s', (_name, timestamp, shown) => {
	const builder = new BatchBuilder(SENSOR_MAPPING);

	const expected = 'expected an ISO 8601 date or an epoch number';

	expect(builder.add({ timestamp, value: 1, category: 'A' }, 7, ARRIVAL_MS)).toEqual({
		line: 7,
		message: `invalid time in field "timestamp": ${expected}, got ${shown}`
	});
	expect(builder.size).toBe(0);
	expect(builder.take()).toBeNull();
});

const CHOOSE_UNIT = 'set the unit of epoch times to s, ms, us or ns';

test.each<[string, unknown, 's' | undefined, string]>([
	['huge number', 1e300, undefined, '1e+300 read as epoch nanoseconds (as its size suggests)'],
	['number in chosen unit', 1e14, 's', '100000000000000 read as epoch seconds (as chosen)'],
	['numeric text', '1e14', 's', '"1e14" read as epoch seconds (as chosen)']
])('BatchBuilder rejects epoch time %s out of range', (_name, timestamp, timeUnit, read) => {
	const builder = new BatchBuilder(SENSOR_MAPPING, 4, { timeUnit });

	expect(builder.add({ timestamp, value: 1 }, 3, ARRIVAL_MS)).toEqual({
		line: 3,
		message:
			`invalid time in field "timestamp": ${read} is outside the dates JavaScript can ` +
			`represent; ${CHOOSE_UNIT}`
	});
	expect(builder.size).toBe(0);
});

test('BatchBuilder rejected time adds no category', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	builder.add({ timestamp: 'bad', value: 1, category: 'X' }, 1, ARRIVAL_MS);
	const batch = build(builder, [sensorRecord(0, 1, 'A')]);
	expect(batch.newCategories).toEqual(['A']);
});

test.each<[string, unknown]>([
	['missing', undefined],
	['null', null]
])('BatchBuilder %s time is rejected', (name, timestamp) => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	expect(builder.add({ timestamp, value: 1 }, 4, ARRIVAL_MS)).toEqual({
		line: 4,
		message: `${name} time in field "timestamp"; choose another time field or none`
	});
	expect(builder.size).toBe(0);
});

test('BatchBuilder no time mapped', () => {
	const builder = new BatchBuilder({ ...SENSOR_MAPPING, time: null });
	expect(builder.add(sensorRecord(0, 1, 'A'), 1, ARRIVAL_MS)).toBeNull();
	expect(builder.add(sensorRecord(1, 2, 'A'), 2, ARRIVAL_MS + 5)).toBeNull();
	expect([...(builder.take()?.time ?? [])]).toEqual([ARRIVAL_MS, ARRIVAL_MS + 5]);
});

test('BatchBuilder epoch units by magnitude', () => {
	const builder = new BatchBuilder({ time: ['t'], values: [], category: null });
	const batch = build(builder, [
		{ t: 1714564800.25 },
		{ t: 1714564800250 },
		{ t: 1714564800250000 },
		{ t: '1714564800250000000' }
	]);
	expect([...batch.time]).toEqual([1714564800250, 1714564800250, 1714564800250, 1714564800250]);
	expect(batch.values).toEqual([]);
});

test('BatchBuilder explicit time unit', () => {
	const builder = new BatchBuilder({ time: ['t'], values: [], category: null }, 4, {
		timeUnit: 's'
	});
	const batch = build(builder, [{ t: 1e11 }]);
	expect([...batch.time]).toEqual([1e14]);
});

test.each<['s' | 'ms' | 'us' | 'ns', number, number]>([
	['s', 99_999_999_999_000, 100_000_000_001_000],
	['ms', 99_999_999_999, 100_000_000_001],
	['us', 99_999_999.999, 100_000_000.001],
	// Times are kept to whole microseconds, so these two nanosecond counts fall together.
	['ns', 100_000, 100_000]
])('BatchBuilder epoch near 1e11 in unit %s', (timeUnit, first, second) => {
	// By size alone, 99999999999 and 100000000001 are seconds and milliseconds, 3000 years apart.
	const mapping: FieldMapping = { time: ['t'], values: [], category: null };
	const builder = new BatchBuilder(mapping, 4, { timeUnit });
	const batch = build(builder, [{ t: 99_999_999_999 }, { t: 100_000_000_001 }]);

	expect(batch.time[0]).toBeCloseTo(first, 4);
	expect(batch.time[1]).toBeCloseTo(second, 4);
	expect(builder.warnings).toEqual([]);
});

test('BatchBuilder epoch near 1e11 by size', () => {
	const mapping: FieldMapping = { time: ['t'], values: [], category: null };
	const builder = new BatchBuilder(mapping, 4);
	const batch = build(builder, [{ t: 99_999_999_999 }, { t: 100_000_000_001 }]);

	expect([...batch.time]).toEqual([99_999_999_999_000, 100_000_000_001]);
	expect(builder.warnings).toEqual([
		{
			line: 1,
			severity: 'warning',
			message:
				'time field "t" holds 99999999999, read as epoch seconds: 5138-11-16. Read as ' +
				`milliseconds it is 1973-03-03. If that is meant, ${CHOOSE_UNIT}`
		},
		{
			line: 2,
			severity: 'warning',
			message:
				'time field "t" mixes epoch units: seconds at first, milliseconds here ' +
				'(100000000001); each value is read in the unit its size suggests. To read all in ' +
				`one unit, ${CHOOSE_UNIT}`
		}
	]);
});

test.each<[string, string]>([
	['dashboard', DASHBOARD_UNIT_HINT],
	['analysis page', ANALYSIS_UNIT_HINT],
	['command line', 'set the unit with --time-unit s, ms, us or ns']
])('BatchBuilder epoch advice for the %s', (_caller, unitHint) => {
	const mapping: FieldMapping = { time: ['t'], values: [], category: null };
	const builder = new BatchBuilder(mapping, 4, { unitHint });
	build(builder, [{ t: 99_999_999_999 }, { t: 100_000_000_001 }]);
	const rejected = builder.add({ t: 1e300 }, 3, ARRIVAL_MS);

	expect(builder.warnings).toHaveLength(2);
	expect(builder.warnings[0].message.endsWith(`If that is meant, ${unitHint}`)).toBe(true);
	expect(builder.warnings[1].message).toMatch(/To read all in one unit, set the unit /);
	expect(builder.warnings[1].message.endsWith(`one unit, ${unitHint}`)).toBe(true);
	expect(rejected?.message.endsWith(`can represent; ${unitHint}`)).toBe(true);
});

test('BatchBuilder default epoch advice names no control', () => {
	const mapping: FieldMapping = { time: ['t'], values: [], category: null };
	const builder = new BatchBuilder(mapping, 4);
	const rejected = builder.add({ t: 1e300 }, 3, ARRIVAL_MS);

	expect(DEFAULT_UNIT_HINT).toBe(CHOOSE_UNIT);
	expect(rejected?.message).toBe(
		'invalid time in field "t": 1e+300 read as epoch nanoseconds (as its size suggests) is ' +
			`outside the dates JavaScript can represent; ${CHOOSE_UNIT}`
	);
	expect(rejected?.message).not.toContain('Fields');
	expect(rejected?.message).not.toContain('address');
});

test('BatchBuilder grows past initial capacity', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING, 2);
	const records = Array.from({ length: 9 }, (_, i) => sensorRecord(i, i * 1.5, `c${i % 3}`));
	const batch = build(builder, records);

	expect(batch.count).toBe(9);
	expect([...batch.time]).toEqual(Array.from({ length: 9 }, (_, i) => minuteMs(i)));
	expect([...batch.values[0]]).toEqual(Array.from({ length: 9 }, (_, i) => i * 1.5));
	expect([...batch.category]).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
});

test('BatchBuilder batch sized to count', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING, 64);
	const batch = build(builder, [
		sensorRecord(0, 1, 'A'),
		sensorRecord(1, 2, 'B'),
		sensorRecord(2, 3, 'C')
	]);

	expect(batch.time.length).toBe(3);
	expect(batch.time.buffer.byteLength).toBe(3 * 8);
	expect(batch.values[0].buffer.byteLength).toBe(3 * 8);
	expect(batch.category.buffer.byteLength).toBe(3 * 4);
});

test('BatchBuilder batch independent of next', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING, 4);
	const first = build(builder, [sensorRecord(0, 1, 'A')]);
	build(builder, [sensorRecord(1, 99, 'B')]);

	expect([...first.time]).toEqual([minuteMs(0)]);
	expect([...first.values[0]]).toEqual([1]);
	expect([...first.category]).toEqual([0]);
});

test('BatchBuilder take when empty', () => {
	const builder = new BatchBuilder(SENSOR_MAPPING);
	expect(builder.take()).toBeNull();

	builder.add(sensorRecord(0, 1, 'A'), 1, ARRIVAL_MS);
	expect(builder.take()).not.toBeNull();
	expect(builder.size).toBe(0);
	expect(builder.take()).toBeNull();
});

test('BatchBuilder reads own __proto__ key', () => {
	const builder = new BatchBuilder({ time: null, values: [['__proto__', 'x']], category: null });
	const batch = build(builder, [JSON.parse('{"__proto__":{"x":5}}'), {}]);
	expect([...batch.values[0]]).toEqual([5, NaN]);
	expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test.each([0, -1, 1.5, NaN])('BatchBuilder rejects capacity %d', (capacity) => {
	expect(() => new BatchBuilder(SENSOR_MAPPING, capacity)).toThrow(
		new RangeError(`initialCapacity must be a positive integer, got ${capacity}`)
	);
});

test('BatchBuilder case-25b mixed epoch units', () => {
	const records = readFileSync(
		new URL('../../fixtures/cases/case-25b-ts-mixed-units-one-field.jsonl', import.meta.url),
		'utf8'
	)
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
	const builder = new BatchBuilder({ time: ['ts'], values: [['v']], category: null });
	const batch = build(builder, records);

	expect([...batch.time]).toEqual([1714564800000, 1714564801000, 1714564802000, 1714564803000]);
	expect(builder.warnings).toEqual([
		{
			line: 2,
			severity: 'warning',
			message:
				'time field "ts" mixes epoch units: seconds at first, milliseconds here ' +
				'(1714564801000); each value is read in the unit its size suggests. To read all in ' +
				`one unit, ${CHOOSE_UNIT}`
		}
	]);
});

test('BatchBuilder one epoch unit no warning', () => {
	const builder = new BatchBuilder({ time: ['ts'], values: [], category: null });
	build(builder, [{ ts: 1714564800 }, { ts: 1714564801 }, { ts: '2024-05-01T12:00:02Z' }]);

	expect(builder.warnings).toEqual([]);
});

test('BatchBuilder derived series follow values', () => {
	const builder = new BatchBuilder({
		...SENSOR_MAPPING,
		derived: [
			{ name: 'fahrenheit', expression: 'value * 9 / 5 + 32' },
			{ name: 'scaled', expression: 'value * meta.factor' }
		]
	});
	const batch = build(builder, [
		{ ...(sensorRecord(0, 20, 'A') as object), meta: { factor: 2 } },
		sensorRecord(1, 35.5, 'A'),
		sensorRecord(2, 'n/a', 'B'),
		{ ...(sensorRecord(3, '-40', 'B') as object), meta: { factor: '0.5' } }
	]);

	expect(batch.values).toHaveLength(3);
	expect([...batch.values[0]]).toEqual([20, 35.5, NaN, -40]);
	expect([...batch.values[1]]).toEqual([68, 95.9, NaN, -40]);
	expect([...batch.values[2]]).toEqual([40, NaN, NaN, -20]);
	expect(builder.warnings).toEqual([]);
});

test('BatchBuilder derived series survive growth', () => {
	const builder = new BatchBuilder(
		{ time: null, values: [], category: null, derived: [{ name: 'd', expression: 'x * 2' }] },
		2
	);
	const records = Array.from({ length: 9 }, (_, i) => ({ x: i }));
	const batch = build(builder, records);

	expect([...batch.values[0]]).toEqual(records.map((r) => r.x * 2));
});

test('BatchBuilder invalid derived field warns', () => {
	const builder = new BatchBuilder({
		...SENSOR_MAPPING,
		derived: [{ name: 'broken', expression: 'value *' }]
	});
	const batch = build(builder, [sensorRecord(0, 20, 'A')]);

	expect(batch.values[0][0]).toBe(20);
	expect(batch.values[1][0]).toBeNaN();
	expect(builder.warnings).toHaveLength(1);
	expect(builder.warnings[0].message).toContain('invalid derived field "broken"');
	expect(builder.warnings[0].message).toContain('unexpected end of expression at column 8');
});
