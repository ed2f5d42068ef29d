import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { describeFields } from '../../../src/lib/mapping/field-samples';

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
