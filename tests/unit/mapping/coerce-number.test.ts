import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { isNumeric, toNumber } from '../../../src/lib/mapping/coerce-number';

test.each<[string, number]>([
	['42.5', 42.5],
	['1e-8', 1e-8],
	['1E+3', 1000],
	[' 12 ', 12],
	['\t7\n', 7],
	['\u00a012\u00a0', 12],
	['0042', 42],
	['+5', 5],
	['-3.25', -3.25],
	['.5', 0.5],
	['5.', 5],
	['-0', 0],
	['', NaN],
	['   ', NaN],
	['0x1A', NaN],
	['0b101', NaN],
	['0o17', NaN],
	['1e', NaN],
	['1e+', NaN],
	['e5', NaN],
	['.', NaN],
	['-', NaN],
	['+-1', NaN],
	['12kWh', NaN],
	['1_000', NaN],
	['1,234.5', NaN],
	['0,5', NaN],
	['1 000', NaN],
	['Infinity', NaN],
	['-Infinity', NaN],
	['NaN', NaN],
	['1e999', NaN],
	['\u0663\u066b\u0661\u0664', NaN],
	['１２', NaN]
])('toNumber string %j', (input, expected) => {
	expect(toNumber(input)).toBe(expected);
});

test.each<[string, unknown, number]>([
	['number', 42.5, 42.5],
	['integer', -7, -7],
	['negative zero', -0, 0],
	['NaN', NaN, NaN],
	['Infinity', Infinity, NaN],
	['-Infinity', -Infinity, NaN],
	['true', true, NaN],
	['false', false, NaN],
	['null', null, NaN],
	['undefined', undefined, NaN],
	['object', { v: 1 }, NaN],
	['array', [5], NaN],
	['bigint', 10n, 10]
])('toNumber %s', (_name, input, expected) => {
	expect(toNumber(input)).toBe(expected);
});

test('toNumber case-29 numeric strings', () => {
	const text = readFileSync(
		new URL('../../fixtures/cases/case-29-val-numeric-strings.jsonl', import.meta.url),
		'utf8'
	);
	const values = text
		.trim()
		.split('\n')
		.map((line) => (JSON.parse(line) as { v: unknown }).v);

	expect(values.map(toNumber)).toEqual([
		42.5,
		1e-8,
		12,
		NaN,
		NaN,
		NaN,
		NaN,
		NaN,
		NaN,
		NaN,
		NaN,
		42.5,
		NaN,
		42,
		0,
		NaN
	]);
});

test.each<[unknown, boolean]>([
	['3', true],
	[3, true],
	['3x', false],
	[null, false],
	[true, false]
])('isNumeric %j', (input, expected) => {
	expect(isNumeric(input)).toBe(expected);
});
