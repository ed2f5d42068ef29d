import { describe, expect, it } from 'vitest';
import {
	VALUE_FIELD_RECORDS,
	checkValueFields,
	type RecordsSeen
} from '../../../src/lib/client/value-fields';
import type { FieldInfo } from '../../../src/lib/protocol';

const fields: FieldInfo[] = [
	{ path: ['ts'], type: 'number', samples: ['0'] },
	{ path: ['v'], type: 'number', samples: ['1'] },
	{ path: ['meta', 'room'], type: 'string', samples: ['a'] },
	{ path: ['meta', 'temp'], type: 'number', samples: ['20'] }
];

/** A file of five records read to its end, whose time field is `ts`. */
const file: RecordsSeen = { source: 'file', fields, leaveOut: [['ts']], records: 5, done: true };

describe('checkValueFields', () => {
	it('checkValueFields names a field no record has', () => {
		const problem = checkValueFields([['nosuch']], file);

		expect(problem?.param).toBe('value');
		expect(problem?.message).toBe(
			'field "nosuch" not found in the 5 records read. Numeric fields found: "v", ' +
				'"meta.temp". Choose a value field under Fields.'
		);
	});

	it('checkValueFields names every missing field', () => {
		const problem = checkValueFields([['a'], ['v'], ['b']], file);

		expect(problem?.message).toContain('fields "a", "b" not found');
	});

	it('checkValueFields accepts fields found', () => {
		expect(checkValueFields([['v'], ['meta', 'temp']], file)).toBeNull();
	});

	it('checkValueFields names an object field', () => {
		const problem = checkValueFields([['meta']], file);

		expect(problem?.param).toBe('value');
		expect(problem?.message).toBe(
			'field "meta" is an object, not a number. Numeric fields found: "v", "meta.temp". ' +
				'Choose a value field under Fields.'
		);
	});

	it('checkValueFields names an object at the depth limit', () => {
		const deep: RecordsSeen = {
			...file,
			fields: [...fields, { path: ['a', 'b', 'c', 'd'], type: 'object', samples: ['{"e":1}'] }]
		};

		expect(checkValueFields([['a', 'b', 'c', 'd']], deep)?.message).toContain(
			'field "a.b.c.d" is an object, not a number.'
		);
		expect(checkValueFields([['a', 'b']], deep)?.message).toContain(
			'field "a.b" is an object, not a number.'
		);
	});

	it('checkValueFields names an array field', () => {
		const withArray: RecordsSeen = {
			...file,
			fields: [...fields, { path: ['tags'], type: 'array', samples: ['[1,2]'] }]
		};
		const problem = checkValueFields([['tags']], withArray);

		expect(problem?.message).toBe(
			'field "tags" is an array, not a number. Numeric fields found: "v", "meta.temp". ' +
				'Choose a value field under Fields.'
		);
	});

	it('checkValueFields names every kind of problem', () => {
		const withArrays: RecordsSeen = {
			...file,
			fields: [
				...fields,
				{ path: ['tags'], type: 'array', samples: ['[1,2]'] },
				{ path: ['list'], type: 'array', samples: ['[]'] },
				{ path: ['other', 'x'], type: 'number', samples: ['1'] }
			]
		};
		const requested = [['v'], ['nosuch'], ['meta'], ['other'], ['tags'], ['list']];
		const problem = checkValueFields(requested, withArrays);

		expect(problem?.message).toBe(
			'field "nosuch" not found in the 5 records read. Fields "meta", "other" are objects, ' +
				'not numbers. Fields "tags", "list" are arrays, not numbers. Numeric fields found: ' +
				'"v", "meta.temp", "other.x". Choose a value field under Fields.'
		);
	});

	it('checkValueFields prefers a listed number field', () => {
		// Records that hold `meta` as a number in some records and as an object in others list both.
		const both: RecordsSeen = {
			...file,
			fields: [...fields, { path: ['meta'], type: 'number', samples: ['3'] }]
		};

		expect(checkValueFields([['meta']], both)).toBeNull();
	});

	it('checkValueFields waits for a stream object', () => {
		const early: RecordsSeen = {
			...file,
			source: 'websocket',
			done: false,
			records: VALUE_FIELD_RECORDS - 1
		};

		expect(checkValueFields([['meta']], early)).toBeNull();
		expect(checkValueFields([['meta']], { ...early, records: VALUE_FIELD_RECORDS })).not.toBeNull();
	});

	it('checkValueFields accepts a field below the listed depth', () => {
		// The list stops at four keys, so a.b.c.d is listed as an object that contains a.b.c.d.e.
		const deep: RecordsSeen = {
			...file,
			fields: [{ path: ['a', 'b', 'c', 'd'], type: 'object', samples: ['{"e":1}'] }]
		};
		expect(checkValueFields([['a', 'b', 'c', 'd', 'e']], deep)).toBeNull();
		expect(checkValueFields([['a', 'b', 'x', 'd', 'e']], deep)?.message).toContain(
			'field "a.b.x.d.e" not found'
		);
	});

	it('checkValueFields rejects a path below a number', () => {
		expect(checkValueFields([['v', 'x']], file)?.message).toContain('field "v.x" not found');
	});

	it('checkValueFields accepts no requested field', () => {
		expect(checkValueFields(undefined, file)).toBeNull();
		expect(checkValueFields([], file)).toBeNull();
	});

	it('checkValueFields waits for a stream to send enough records', () => {
		const stream: RecordsSeen = { ...file, source: 'websocket', done: false };
		const early = { ...stream, records: VALUE_FIELD_RECORDS - 1 };
		const enough = { ...stream, records: VALUE_FIELD_RECORDS };

		expect(checkValueFields([['nosuch']], early)).toBeNull();
		expect(checkValueFields([['nosuch']], enough)?.message).toContain(
			`not found in the first ${VALUE_FIELD_RECORDS} records.`
		);
	});

	it('checkValueFields waits for a record', () => {
		const empty: RecordsSeen = { ...file, fields: [], records: 0 };

		expect(checkValueFields([['nosuch']], empty)).toBeNull();
	});

	it('checkValueFields says when no field is numeric', () => {
		const text: RecordsSeen = { ...file, fields: [fields[2]], leaveOut: [] };

		expect(checkValueFields([['nosuch']], text)?.message).toContain('No numeric field found.');
	});

	it('checkValueFields trusts no list cut at its maximum', () => {
		const many = Array.from({ length: 60 }, (_, i) => ({
			path: [`f${i}`],
			type: 'number',
			samples: []
		}));

		expect(checkValueFields([['nosuch']], { ...file, fields: many })).toBeNull();
	});

	it('checkValueFields tells the simulator takes no value field', () => {
		const simulator: RecordsSeen = {
			source: 'simulator',
			fields: [],
			leaveOut: [],
			records: 0,
			done: false
		};
		const problem = checkValueFields([['nosuch']], simulator);

		expect(problem?.message).toContain('field "nosuch" not found');
		expect(problem?.message).toContain('the simulator\'s records have one value field, "value"');
		expect(checkValueFields([['value']], simulator)).toBeNull();
	});
});
