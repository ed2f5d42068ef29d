import { afterEach, describe, expect, it, test } from 'vitest';
import { excerptOf, parseJsonLine } from '../../../src/lib/ingest/json-line';

const BOM_WARNING =
	'removed a byte order mark (U+FEFF) at the start of the line, ' +
	'usually left by concatenating files';

afterEach(() => {
	// A polluted prototype would leak into every later test, so remove it after each one.
	delete (Object.prototype as Record<string, unknown>).x;
});

test('parseJsonLine object line', () => {
	expect(parseJsonLine('{"a":1,"b":"x"}', 1)).toEqual({ kind: 'record', value: { a: 1, b: 'x' } });
});

test('parseJsonLine object with spaces around', () => {
	expect(parseJsonLine(' \t{"a":1} ', 1)).toEqual({ kind: 'record', value: { a: 1 } });
});

test.each([
	['empty', ''],
	['spaces', '   '],
	['tab', '\t'],
	['CR left by a splitter', '\r']
])('parseJsonLine blank %s line', (_name, line) => {
	expect(parseJsonLine(line, 1)).toEqual({ kind: 'blank' });
});

test.each([
	['NBSP', '\u00a0', 'U+00A0'],
	['NBSP between spaces', ' \u00a0 ', 'U+00A0'],
	['ideographic space', '\u3000', 'U+3000'],
	['line separator', '\u2028', 'U+2028']
])('parseJsonLine blank %s line warns', (_name, line, codePoint) => {
	expect(parseJsonLine(line, 6)).toEqual({
		kind: 'blank',
		warning: `blank line contains ${codePoint}, which JSON does not count as whitespace`
	});
});

test('parseJsonLine BOM before object', () => {
	expect(parseJsonLine('\uFEFF{"a":1}', 4)).toEqual({
		kind: 'record',
		value: { a: 1 },
		warning: BOM_WARNING
	});
});

test('parseJsonLine BOM-only line', () => {
	expect(parseJsonLine('\uFEFF', 4)).toEqual({
		kind: 'blank',
		warning: BOM_WARNING
	});
});

// The reasons are V8's (Node 20), with the copy of the input and "in JSON" cut.
test.each([
	['{x}', "invalid JSON: Expected property name or '}' at character 2"],
	['{"a":1x}', "invalid JSON: Expected ',' or '}' after property value at character 7"],
	['abc', "invalid JSON: Unexpected token 'a'"],
	['{"a":', 'invalid JSON: Unexpected end of JSON input'],
	['{"a":1}}', 'invalid JSON: Unexpected non-whitespace character after JSON at character 8'],
	['{"v":NaN}', 'invalid JSON: NaN is not a JSON number (send null for a missing value)'],
	['NaN', 'invalid JSON'],
	["{'a':1}", "invalid JSON: Expected property name or '}' at character 2"]
])('parseJsonLine invalid JSON %s', (line, message) => {
	expect(parseJsonLine(line, 12)).toEqual({
		kind: 'error',
		error: { line: 12, message, excerpt: line }
	});
});

test('parseJsonLine error keeps line number', () => {
	const result = parseJsonLine('{"ts":"2024-05-01T10:00:30Z","sensor":"boi', 4);
	expect(result).toEqual({
		kind: 'error',
		error: {
			line: 4,
			message: 'invalid JSON: Unterminated string at character 43',
			excerpt: '{"ts":"2024-05-01T10:00:30Z","sensor":"boi'
		}
	});
});

test('parseJsonLine long invalid line excerpt', () => {
	const result = parseJsonLine('x'.repeat(200), 1);
	expect(result.kind).toBe('error');
	if (result.kind !== 'error') return;

	expect(result.error.message).toBe("invalid JSON: Unexpected token 'x'");
	expect(result.error.excerpt).toBe('x'.repeat(79) + '…');
});

test.each([
	['number', '42'],
	['string', '"text"'],
	['boolean', 'true'],
	['null', 'null']
])('parseJsonLine non-object %s', (got, line) => {
	expect(parseJsonLine(line, 3)).toEqual({
		kind: 'error',
		error: { line: 3, message: `expected a JSON object, got ${got}`, excerpt: line }
	});
});

test('parseJsonLine array line', () => {
	expect(parseJsonLine('[{"v":1},{"v":2}]', 1)).toEqual({
		kind: 'records',
		values: [{ v: 1 }, { v: 2 }]
	});
});

test('parseJsonLine empty array line', () => {
	expect(parseJsonLine('[]', 1)).toEqual({ kind: 'records', values: [] });
});

test('parseJsonLine array elements unchecked', () => {
	expect(parseJsonLine('[1,{"v":2},null]', 1)).toEqual({
		kind: 'records',
		values: [1, { v: 2 }, null]
	});
});

test('parseJsonLine __proto__ key stays own data', () => {
	const result = parseJsonLine('{"__proto__":{"x":1},"v":2}', 1);
	expect(result.kind).toBe('record');
	if (result.kind !== 'record') return;

	const value = result.value as Record<string, unknown>;
	expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
	expect(Object.hasOwn(value, '__proto__')).toBe(true);
	expect(value.x).toBeUndefined();
	expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test.each([
	['short text', 'abc', 'abc'],
	['exactly 80', 'a'.repeat(80), 'a'.repeat(80)],
	['81 cut to 80', 'a'.repeat(81), 'a'.repeat(79) + '…'],
	['pair before the cut', 'a'.repeat(77) + '😀'.repeat(5), 'a'.repeat(77) + '😀…'],
	['pair across the cut', 'a'.repeat(78) + '😀'.repeat(5), 'a'.repeat(78) + '…'],
	['control bytes escaped', '\u001f\u008b\b', '\\u001F\\u008B\\u0008'],
	['replacement escaped', '{\ufffd}', '{\\uFFFD}'],
	['escape not cut', 'a'.repeat(76) + '\u0000', 'a'.repeat(76) + '…'],
	['escapes count to the length', '\u0000'.repeat(30), '\\u0000'.repeat(13) + '…']
])('excerptOf %s', (_name, text, expected) => {
	expect(excerptOf(text)).toBe(expected);
});

test('excerptOf shorter length', () => {
	expect(excerptOf('abcdefgh', 5)).toBe('abcd…');
});

test('parseJsonLine binary line printable', () => {
	const result = parseJsonLine('\u001f\u008b\b\u0000\ufffd\ufffd', 1);
	expect(result.kind).toBe('error');
	if (result.kind !== 'error') return;

	expect(result.error.message).not.toMatch(/[\p{Cc}\uFFFD]/u);
	expect(result.error.message).toBe("invalid JSON: Unexpected token '\\u001F'");
	expect(result.error.excerpt).toBe('\\u001F\\u008B\\u0008\\u0000\\uFFFD\\uFFFD');
});

describe('parseJsonLine lenient warnings', () => {
	it.each([
		['{"v":NaN}', 'read NaN as a gap'],
		['{"v":-Infinity}', 'read -Infinity: ±Infinity kept but left out of every statistic'],
		[
			'{"a":nan,"b":Infinity}',
			'read nan, Infinity: NaN as a gap, ±Infinity kept but left out of every statistic'
		]
	])('parseJsonLine lenient %s', (line, warning) => {
		const result = parseJsonLine(line, 1, { lenient: true });

		expect(result.kind).toBe('record');
		expect(result.kind !== 'error' && result.warning).toBe(warning);
	});
});
