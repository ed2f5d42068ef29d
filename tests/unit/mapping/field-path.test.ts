import { afterEach, expect, test } from 'vitest';
import { formatPath, getPath, parsePath } from '../../../src/lib/mapping/field-path';

afterEach(() => {
	delete (Object.prototype as Record<string, unknown>).x;
});

test.each<[string, string[]]>([
	['value', ['value']],
	['metadata.source', ['metadata', 'source']],
	['a.b.c.d', ['a', 'b', 'c', 'd']],
	['@timestamp', ['@timestamp']],
	['a\\.b', ['a.b']],
	['a\\.b.c', ['a.b', 'c']],
	['a\\\\.b', ['a\\', 'b']],
	['a\\b', ['a\\b']],
	['a\\', ['a\\']],
	['a..b', ['a', '', 'b']],
	['a.', ['a', '']],
	['', ['']]
])('parsePath %s', (dotted, expected) => {
	expect(parsePath(dotted)).toEqual(expected);
});

test.each<[string[], string]>([
	[['value'], 'value'],
	[['metadata', 'source'], 'metadata.source'],
	[['a.b', 'c'], 'a\\.b.c'],
	[['a\\', 'b'], 'a\\\\.b'],
	[['a', '', 'b'], 'a..b'],
	[[], '']
])('formatPath %j', (path, expected) => {
	expect(formatPath(path)).toBe(expected);
});

test.each<[string[]]>([
	[['a']],
	[['a.b', 'c']],
	[['a\\', 'b']],
	[['a\\.', '.b\\']],
	[['', '.', '\\']],
	[['__proto__', 'x']]
])('parsePath reads formatPath back %j', (path) => {
	expect(parsePath(formatPath(path))).toEqual(path);
});

const RECORD = JSON.parse(
	'{"a":{"b":{"c":3}},"n":null,"s":"text","list":[10,20],"a.b":{"c":5},"__proto__":{"x":1}}'
) as unknown;

test.each<[string, string[], unknown]>([
	['top-level key', ['s'], 'text'],
	['nested key', ['a', 'b', 'c'], 3],
	['nested object', ['a', 'b'], { c: 3 }],
	['null value', ['n'], null],
	['missing key', ['missing'], undefined],
	['missing nested key', ['a', 'x', 'c'], undefined],
	['key below a string', ['s', 'length'], undefined],
	['key below null', ['n', 'x'], undefined],
	['array index', ['list', '1'], 20],
	['array length', ['list', 'length'], 2],
	['key with a dot', ['a.b', 'c'], 5],
	['own __proto__ key', ['__proto__'], { x: 1 }],
	['below own __proto__ key', ['__proto__', 'x'], 1],
	['inherited toString', ['toString'], undefined],
	['inherited constructor', ['constructor'], undefined],
	['inherited hasOwnProperty', ['a', 'hasOwnProperty'], undefined]
])('getPath %s', (_name, path, expected) => {
	expect(getPath(RECORD, path)).toEqual(expected);
});

test('getPath escaped dot path', () => {
	expect(getPath(RECORD, parsePath('a\\.b.c'))).toBe(5);
	expect(getPath(RECORD, parsePath('a.b.c'))).toBe(3);
});

test('getPath __proto__ on plain object', () => {
	expect(getPath({}, ['__proto__'])).toBeUndefined();
	expect(getPath(JSON.parse('{"v":1}'), ['__proto__', 'toString'])).toBeUndefined();
});

test('getPath JSON __proto__ key does not pollute', () => {
	const record = JSON.parse('{"__proto__":{"x":1}}') as unknown;
	expect(getPath(record, ['__proto__', 'x'])).toBe(1);
	expect(({} as Record<string, unknown>).x).toBeUndefined();
	expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
});

test.each<[string, unknown]>([
	['null', null],
	['undefined', undefined],
	['number', 42],
	['string', 'text']
])('getPath on %s record', (_name, record) => {
	expect(getPath(record, ['a'])).toBeUndefined();
});

test('getPath empty path', () => {
	expect(getPath(RECORD, [])).toBe(RECORD);
});
