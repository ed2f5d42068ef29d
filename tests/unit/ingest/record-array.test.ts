import { describe, expect, it } from 'vitest';
import { readRecordArray } from '../../../src/lib/ingest/record-array';
import { RecordTemplate } from '../../../src/lib/ingest/record-template';

const paths = [['t'], ['v']];
const numbers = RecordTemplate.fromRecord({ t: 1, v: 2 }, paths)!;
const strings = RecordTemplate.fromRecord({ t: 'a', v: 2, s: true }, paths)!;

describe('readRecordArray', () => {
	it('readRecordArray reads each element', () => {
		const out: unknown[] = [];
		const text = ' [ {"t":1,"v":2.5} ,\n{"t":"x","v":-1,"s":false},{"t":3,"v":0}] ';

		expect(readRecordArray(text, [numbers, strings], 2, out)).toBe(3);
		expect(out.slice(0, 6)).toEqual([1, 2.5, 'x', -1, 3, 0]);
	});

	it.each([
		['an object', '{"t":1,"v":2}'],
		['an empty array', '[]'],
		['a trailing comma', '[{"t":1,"v":2},]'],
		['a missing bracket', '[{"t":1,"v":2}'],
		['text after the array', '[{"t":1,"v":2}] x'],
		['an element of another shape', '[{"t":1,"v":2},{"t":1}]'],
		['a nested array', '[[{"t":1,"v":2}]]'],
		['a byte order mark', '\uFEFF[{"t":1,"v":2}]'],
		['a missing comma', '[{"t":1,"v":2} {"t":1,"v":2}]']
	])('readRecordArray rejects %s', (_, text) => {
		expect(readRecordArray(text, [numbers, strings], 2, [])).toBe(-1);
	});
});
