import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
	checkExpression,
	compileExpression,
	ExpressionError,
	parseExpression
} from '../../../src/lib/mapping/expression';
import { fuzzRuns } from '../helpers/fuzz-runs';

const record = {
	a: 10,
	b: 4,
	c: '2.5',
	price: 3.5,
	qty: 6,
	payload: { temp: 300, 'rate.max': 7, 'with space': 2 },
	items: [{ v: 8 }, { v: 9 }],
	text: 'hot',
	flag: true,
	empty: null,
	abs: 11
};

test.each<[string, number]>([
	['1 + 2 * 3', 7],
	['(1 + 2) * 3', 9],
	['10 - 4 - 3', 3],
	['24 / 4 / 2', 3],
	['17 % 5', 2],
	['2 * -3', -6],
	['-2 * 3', -6],
	['--4', 4],
	['-(1 + 2)', -3],
	['+a', 10],
	['1.5e2 + .5', 150.5],
	['a * 9 / 5 + 32', 50],
	['price * qty', 21],
	['payload.temp - 273.15', 300 - 273.15],
	['payload."rate.max" * 2', 14],
	['payload."with space" + 1', 3],
	['"abs" + 1', 12],
	['items.1.v', 9],
	['c * 2', 5],
	['abs(b - a)', 6],
	['min(a, b, 3)', 3],
	['max(a, b)', 10],
	['sqrt(b)', 2],
	['log(1)', 0],
	['a > b', 1],
	['a < b', 0],
	['a >= 10 && b <= 4', 1],
	['a == 10', 1],
	['a != 10', 0],
	['a < 0 || b == 4', 1],
	['!(a > b)', 0],
	['1 + 2 > 2', 1],
	['1 < 2 && 2 < 3 || 0', 1]
])('compileExpression %s', (text, expected) => {
	expect(compileExpression(text)(record)).toBeCloseTo(expected, 10);
});

test.each<string>([
	'missing * 2',
	'text + 1',
	'flag + 1',
	'empty + 1',
	'a / 0',
	'log(0)',
	'sqrt(-1)',
	'items + 1',
	'payload.temp.deeper',
	'a % 0'
])('compileExpression %s gives a gap', (text) => {
	expect(compileExpression(text)(record)).toBeNaN();
});

test('compileExpression comparison with missing field is false', () => {
	expect(compileExpression('missing > 1')(record)).toBe(0);
	expect(compileExpression('missing != 1')(record)).toBe(0);
	expect(compileExpression('missing == missing')(record)).toBe(0);
});

test('compileExpression on non-object records', () => {
	const expression = compileExpression('a + 1');
	for (const value of [null, undefined, 5, 'a', [1, 2], true]) {
		expect(expression(value)).toBeNaN();
	}
});

test('parseExpression binds left to right', () => {
	expect(parseExpression('a - b - c')).toEqual({
		kind: 'binary',
		operator: '-',
		left: {
			kind: 'binary',
			operator: '-',
			left: { kind: 'field', path: ['a'] },
			right: { kind: 'field', path: ['b'] }
		},
		right: { kind: 'field', path: ['c'] }
	});
});

test('parseExpression binds product before sum', () => {
	expect(parseExpression('1 + 2 * x')).toEqual({
		kind: 'binary',
		operator: '+',
		left: { kind: 'number', value: 1 },
		right: {
			kind: 'binary',
			operator: '*',
			left: { kind: 'number', value: 2 },
			right: { kind: 'field', path: ['x'] }
		}
	});
});

test('parseExpression reads quoted keys with escapes', () => {
	expect(parseExpression('"a\\"b".c."d\\\\e"')).toEqual({
		kind: 'field',
		path: ['a"b', 'c', 'd\\e']
	});
});

test.each<[string, string, number]>([
	['(a + b))', 'unexpected ")" at column 8', 8],
	['a +', 'unexpected end of expression at column 4', 4],
	['', 'empty expression at column 1', 1],
	['   ', 'empty expression at column 1', 1],
	['a # b', 'unexpected "#" at column 3', 3],
	['(a + b', 'expected ")", got end of expression at column 7', 7],
	['a b', 'unexpected "b" at column 3', 3],
	['a..b', 'expected a field name after ".", got "." at column 3', 3],
	['"abc', 'unterminated quoted field name at column 1', 1],
	['foo(1)', 'unknown function "foo"', 1],
	['constructor(1)', 'unknown function "constructor"', 1],
	['abs(1, 2)', 'abs() takes 1 argument, got 2 at column 1', 1],
	['max()', 'max() takes 1 to 16 arguments, got 0 at column 1', 1],
	['a < b < c', 'comparisons do not chain', 7],
	['a = 1', 'unexpected "=" at column 3', 3],
	['* 2', 'unexpected "*" at column 1', 1]
])('parseExpression rejects %j', (text, message, column) => {
	let error: unknown;
	try {
		parseExpression(text);
	} catch (caught) {
		error = caught;
	}
	expect(error).toBeInstanceOf(ExpressionError);
	expect((error as ExpressionError).message).toContain(message);
	expect((error as ExpressionError).column).toBe(column);
});

test('parseExpression rejects deep nesting and long text', () => {
	expect(checkExpression('('.repeat(100) + '1' + ')'.repeat(100))).toMatch(/nested too deeply/);
	expect(checkExpression('-'.repeat(100) + '1')).toMatch(/nested too deeply/);
	expect(checkExpression('1+'.repeat(600) + '1')).toMatch(/too long/);
	expect(checkExpression('('.repeat(40) + '1' + ')'.repeat(40))).toBeNull();
});

test('compileExpression never reads the prototype chain', () => {
	const parsed = JSON.parse('{"__proto__": {"x": 5}, "y": 1}') as unknown;
	expect(compileExpression('__proto__.x')(parsed)).toBe(5);
	expect(compileExpression('constructor')(parsed)).toBeNaN();
	expect(compileExpression('constructor.name')({})).toBeNaN();
	expect(compileExpression('__proto__.x')({ y: 1 })).toBeNaN();
	expect(compileExpression('toString')({})).toBeNaN();
	expect(compileExpression('y.__proto__.constructor')(parsed)).toBeNaN();
	expect(compileExpression('"__proto__"."constructor"')({})).toBeNaN();
	expect(({} as Record<string, unknown>).x).toBeUndefined();
});

const fieldArbitrary = fc.oneof(
	fc.constantFrom('a', 'b', 'c', 'missing', 'text', 'payload.temp', '__proto__', 'constructor'),
	fc.string().map((key) => JSON.stringify(key))
);

/** Expressions built from the grammar, so that most of them parse. */
const expressionArbitrary = fc.letrec<{ node: string }>((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.double().map((x) => (Number.isFinite(x) ? String(Math.abs(x)) : '1')),
		fieldArbitrary,
		fc
			.tuple(
				tie('node'),
				fc.constantFrom('+', '-', '*', '/', '%', '<', '==', '&&', '||'),
				tie('node')
			)
			.map(([l, op, r]) => `(${l}) ${op} (${r})`),
		tie('node').map((x) => `-(${x})`),
		tie('node').map((x) => `!(${x})`),
		fc.tuple(fc.constantFrom('abs', 'sqrt', 'log'), tie('node')).map(([f, x]) => `${f}(${x})`),
		fc.tuple(tie('node'), tie('node')).map(([x, y]) => `max(${x}, ${y})`)
	)
}));

test('compiled expressions never throw on any record', () => {
	fc.assert(
		fc.property(expressionArbitrary.node, fc.jsonValue(), (text, value) => {
			const message = checkExpression(text);
			if (message !== null) return;
			const result = compileExpression(text)(value);
			expect(typeof result).toBe('number');
			expect(Number.isNaN(result) || Number.isFinite(result)).toBe(true);
		}),
		{ numRuns: fuzzRuns(300) }
	);
});

test('parseExpression throws only ExpressionError on any text', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'binary' }), (text) => {
			expect(() => checkExpression(text)).not.toThrow();
		}),
		{ numRuns: fuzzRuns(500) }
	);
});
