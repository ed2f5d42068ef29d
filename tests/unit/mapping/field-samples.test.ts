import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { describeFields, MAX_FIELDS } from '../../../src/lib/mapping/field-samples';

function records(name: string): unknown[] {
	return readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url), 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}

test('describeFields nested paths, types and samples', () => {
	const fields = describeFields([
		{ ts: 1, sensor: { id: 'a', temp: 20 }, tags: ['x'], state: null },
		{ ts: 2, sensor: { id: 'b', temp: '21' }, state: 'on' },
		{ ts: 3, sensor: { id: 'a', temp: 22 }, state: 'on' }
	]);

	expect(fields).toEqual([
		{ path: ['ts'], type: 'number', samples: ['1', '2', '3'] },
		{ path: ['sensor', 'id'], type: 'string', samples: ['a', 'b'] },
		{ path: ['sensor', 'temp'], type: 'mixed', samples: ['20', '21', '22'] },
		{ path: ['tags'], type: 'array', samples: ['["x"]'] },
		{ path: ['state'], type: 'string', samples: ['null', 'on'] }
	]);
});

test.each([5, 8])('describeFields numeric field %i deep', (depth) => {
	let record: Record<string, unknown> = { val: 1.5 };
	for (let level = 1; level < depth; level++) record = { [`k${level}`]: record };
	const fields = describeFields([{ ts: 1, ...record }]);
	const deep = fields.find((field) => field.path.at(-1) === 'val');

	expect(fields.length).toBe(2);
	expect(deep?.path.length).toBe(depth);
	expect(deep?.type).toBe('number');
	expect(deep?.samples).toEqual(['1.5']);
});

test('describeFields 50-deep record stops at 8', () => {
	let record: Record<string, unknown> = { v: 50 };
	for (let level = 49; level >= 1; level--) record = { v: level, next: record };
	const fields = describeFields([record]);
	const last = fields.at(-1);

	expect(fields.length).toBe(9);
	expect(Math.max(...fields.map((field) => field.path.length))).toBe(8);
	expect(last?.path).toEqual(Array(8).fill('next'));
	expect(last?.type).toBe('object');
	expect(last?.samples[0].length).toBeLessThanOrEqual(40);
});

test('describeFields wide record capped', () => {
	const record = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, { v: i }]));
	const fields = describeFields([record, record]);

	expect(fields.length).toBe(MAX_FIELDS);
	expect(fields.at(-1)?.path).toEqual([`f${MAX_FIELDS - 1}`, 'v']);
});

test('describeFields Tasmota MQTT stream', () => {
	const fields = describeFields(records('streams/tasmota-sensor-mqtt.jsonl'));
	const paths = fields.map((field) => field.path.join('.'));

	expect(paths).toContain('received_at');
	expect(fields.every((field) => field.samples.length <= 3)).toBe(true);
});

test('describeFields GitHub events stream', () => {
	const fields = describeFields(records('streams/github-events.jsonl'));
	const id = fields.find((field) => field.path.join('.') === 'id');

	expect(id?.type).toBe('string');
	expect(fields.find((field) => field.path.join('.') === 'type')?.samples.length).toBe(3);
});
