/**
 * Arithmetic and comparison expressions over the fields of a record, for derived series.
 *
 * Written by hand because the expression packages on npm do far more than this needs. mathjs
 * brings a whole maths library. jsep parses all of JavaScript's expression syntax (member
 * access, calls on any value) and leaves evaluation to the caller. filtrex compiles to
 * JavaScript source run through `new Function`, which the site's CSP (`script-src 'self'`)
 * blocks. This grammar is small enough to check by reading, and it never calls `eval`,
 * `Function` or a property the record did not bring.
 *
 * Grammar, loosest binding first:
 *
 *     expression = or
 *     or         = and { "||" and }
 *     and        = compare { "&&" compare }
 *     compare    = sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
 *     sum        = product { ("+" | "-") product }
 *     product    = unary { ("*" | "/" | "%") unary }
 *     unary      = ("-" | "+" | "!") unary | primary
 *     primary    = number | field | name "(" [ expression { "," expression } ] ")" | "(" expression ")"
 *     field      = segment { "." segment }
 *     segment    = name | digits | quoted
 *
 * A name is letters, digits, `_` and `$`, not starting with a digit. A quoted segment is
 * written in double quotes, with `\"` and `\\` inside, for keys with dots, spaces or operators.
 */
import type { FieldPath } from '../protocol';
import { toNumber } from './coerce-number';
import { getPath } from './field-path';

/** Maximum length of an expression, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Deepest nesting of parentheses and unary operators, which bounds the parser's recursion. */
const MAX_DEPTH = 64;

/** An expression that could not be parsed, with the 1-based column where it went wrong. */
export class ExpressionError extends Error {
	readonly column: number;

	constructor(message: string, column: number) {
		super(`${message} at column ${column}`);
		this.name = 'ExpressionError';
		this.column = column;
	}
}

/** A parsed expression. */
export type ExpressionNode =
	| { kind: 'number'; value: number }
	| { kind: 'field'; path: FieldPath }
	| { kind: 'unary'; operator: '-' | '+' | '!'; operand: ExpressionNode }
	| { kind: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode }
	| { kind: 'call'; name: FunctionName; args: ExpressionNode[] };

export type BinaryOperator =
	'+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

type FunctionName = 'abs' | 'min' | 'max' | 'sqrt' | 'log';

/** Functions an expression may call, with the number of arguments each takes. */
const functions = new Map<string, { arity: [number, number]; apply: (...x: number[]) => number }>([
	['abs', { arity: [1, 1], apply: Math.abs }],
	['sqrt', { arity: [1, 1], apply: Math.sqrt }],
	['log', { arity: [1, 1], apply: Math.log }],
	['min', { arity: [1, 16], apply: Math.min }],
	['max', { arity: [1, 16], apply: Math.max }]
]);

/** Evaluates a compiled expression on one record. */
export type CompiledExpression = (record: unknown) => number;

interface Token {
	kind: 'number' | 'name' | 'quoted' | 'operator' | 'end';
	text: string;
	/** 1-based column of the token's first character. */
	column: number;
	value?: number;
	/** Set on a token that can be a key of a field path, so that a `.` after it separates keys. */
	segment?: boolean;
}

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!'];
const PUNCTUATION = ['(', ')', ',', '.'];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_$][\w$]*/;

/**
 * Parses an expression.
 *
 * @throws ExpressionError naming the unexpected character or token and its column.
 */
export function parseExpression(text: string): ExpressionNode {
	if (text.length > MAX_EXPRESSION_LENGTH) {
		throw new ExpressionError(
			`expression too long: ${text.length} characters, at most ${MAX_EXPRESSION_LENGTH}`,
			MAX_EXPRESSION_LENGTH + 1
		);
	}
	const parser = new Parser(tokenize(text));
	return parser.parse();
}

/**
 * Compiles an expression into a function of a record.
 *
 * The function never throws. A missing, null or non-numeric field makes the result NaN, and so
 * does a result that is not finite (a division by zero, `log(0)`), which the chart shows as a
 * gap. A comparison, `&&`, `||` and `!` give 1 for true and 0 for false, and a comparison with
 * NaN on either side is false.
 *
 * @throws ExpressionError when the text does not parse.
 */
export function compileExpression(text: string): CompiledExpression {
	const evaluate = compileNode(parseExpression(text));
	return (record) => {
		const result = evaluate(record);
		return Number.isFinite(result) ? result + 0 : NaN;
	};
}

/** Returns the parse error of `text` as a message, or null when it parses. */
export function checkExpression(text: string): string | null {
	try {
		parseExpression(text);
		return null;
	} catch (error) {
		if (error instanceof ExpressionError) return error.message;
		throw error;
	}
}

function compileNode(node: ExpressionNode): CompiledExpression {
	switch (node.kind) {
		case 'number': {
			const value = node.value;
			return () => value;
		}
		case 'field': {
			const path = node.path;
			return (record) => toNumber(getPath(record, path));
		}
		case 'unary': {
			const operand = compileNode(node.operand);
			if (node.operator === '-') return (record) => -operand(record);
			if (node.operator === '+') return operand;
			return (record) => (truthy(operand(record)) ? 0 : 1);
		}
		case 'call': {
			const apply = functions.get(node.name)!.apply;
			const args = node.args.map(compileNode);
			return (record) => apply(...args.map((arg) => arg(record)));
		}
		case 'binary':
			return compileBinary(node.operator, compileNode(node.left), compileNode(node.right));
	}
}

function compileBinary(
	operator: BinaryOperator,
	left: CompiledExpression,
	right: CompiledExpression
): CompiledExpression {
	switch (operator) {
		case '+':
			return (r) => left(r) + right(r);
		case '-':
			return (r) => left(r) - right(r);
		case '*':
			return (r) => left(r) * right(r);
		case '/':
			return (r) => left(r) / right(r);
		case '%':
			return (r) => left(r) % right(r);
		case '<':
			return (r) => Number(left(r) < right(r));
		case '<=':
			return (r) => Number(left(r) <= right(r));
		case '>':
			return (r) => Number(left(r) > right(r));
		case '>=':
			return (r) => Number(left(r) >= right(r));
		case '==':
			return (r) => Number(left(r) === right(r));
		case '!=':
			return (r) => {
				const a = left(r);
				const b = right(r);
				return Number(!Number.isNaN(a) && !Number.isNaN(b) && a !== b);
			};
		case '&&':
			return (r) => Number(truthy(left(r)) && truthy(right(r)));
		case '||':
			return (r) => Number(truthy(left(r)) || truthy(right(r)));
	}
}

/** NaN (a missing field) counts as false, like 0. */
function truthy(value: number): boolean {
	return value !== 0 && !Number.isNaN(value);
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
			i++;
			continue;
		}
		const column = i + 1;
		const rest = text.slice(i);
		const previous = tokens.at(-1);
		// Inside a field path, `.` separates keys and a key may be an array index, so `a.0.b`
		// reads as three keys, not as `a` followed by the numbers `.0` and `.`.
		const inPath = previous !== undefined && previous.segment === true;
		if (char === '.' && inPath) {
			tokens.push({ kind: 'operator', text: '.', column });
			i++;
			continue;
		}
		if (previous?.kind === 'operator' && previous.text === '.') {
			const index = /^\d+/.exec(rest);
			if (index) {
				tokens.push({ kind: 'number', text: index[0], column, segment: true });
				i += index[0].length;
				continue;
			}
		}
		const number = NUMBER.exec(rest);
		if (number) {
			tokens.push({ kind: 'number', text: number[0], column, value: Number(number[0]) });
			i += number[0].length;
			continue;
		}
		const name = NAME.exec(rest);
		if (name) {
			tokens.push({ kind: 'name', text: name[0], column, segment: true });
			i += name[0].length;
			continue;
		}
		if (char === '"') {
			const quoted = readQuoted(text, i);
			tokens.push({ kind: 'quoted', text: quoted.key, column, segment: true });
			i = quoted.end;
			continue;
		}
		const operator =
			OPERATORS.find((op) => rest.startsWith(op)) ?? PUNCTUATION.find((p) => p === char);
		if (operator === undefined) throw new ExpressionError(`unexpected "${char}"`, column);
		tokens.push({ kind: 'operator', text: operator, column });
		i += operator.length;
	}
	tokens.push({ kind: 'end', text: '', column: text.length + 1 });
	return tokens;
}

/** Reads a double-quoted key starting at `start`; returns the key and the index after it. */
function readQuoted(text: string, start: number): { key: string; end: number } {
	let key = '';
	for (let i = start + 1; i < text.length; i++) {
		const char = text[i];
		if (char === '"') return { key, end: i + 1 };
		if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
			key += text[i + 1];
			i++;
		} else key += char;
	}
	throw new ExpressionError('unterminated quoted field name', start + 1);
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

class Parser {
	readonly #tokens: Token[];
	#index = 0;
	#depth = 0;

	constructor(tokens: Token[]) {
		this.#tokens = tokens;
	}

	parse(): ExpressionNode {
		if (this.#peek().kind === 'end') throw new ExpressionError('empty expression', 1);
		const node = this.#or();
		const next = this.#peek();
		if (next.kind !== 'end') throw unexpected(next);
		return node;
	}

	#peek(): Token {
		return this.#tokens[this.#index];
	}

	#next(): Token {
		return this.#tokens[this.#index++];
	}

	#isOperator(...texts: string[]): boolean {
		const token = this.#peek();
		return token.kind === 'operator' && texts.includes(token.text);
	}

	#expect(text: string): Token {
		const token = this.#next();
		if (token.kind !== 'operator' || token.text !== text) {
			throw new ExpressionError(`expected "${text}", got ${describe(token)}`, token.column);
		}
		return token;
	}

	/** Parses one level of left-associative binary operators. */
	#binary(operators: string[], operand: () => ExpressionNode): ExpressionNode {
		let node = operand();
		while (this.#isOperator(...operators)) {
			const operator = this.#next().text as BinaryOperator;
			node = { kind: 'binary', operator, left: node, right: operand() };
		}
		return node;
	}

	#or(): ExpressionNode {
		return this.#binary(['||'], () => this.#and());
	}

	#and(): ExpressionNode {
		return this.#binary(['&&'], () => this.#compare());
	}

	#compare(): ExpressionNode {
		const left = this.#sum();
		if (!this.#isOperator(...COMPARISONS)) return left;

		const operator = this.#next().text as BinaryOperator;
		const node: ExpressionNode = { kind: 'binary', operator, left, right: this.#sum() };
		// `a < b < c` reads as `(a < b) < c` in JavaScript, which is rarely what was meant.
		const after = this.#peek();
		if (after.kind === 'operator' && COMPARISONS.has(after.text)) {
			throw new ExpressionError(
				`unexpected "${after.text}": comparisons do not chain, use &&`,
				after.column
			);
		}
		return node;
	}

	#sum(): ExpressionNode {
		return this.#binary(['+', '-'], () => this.#product());
	}

	#product(): ExpressionNode {
		return this.#binary(['*', '/', '%'], () => this.#unary());
	}

	#unary(): ExpressionNode {
		this.#enter();
		let node: ExpressionNode;
		if (this.#isOperator('-', '+', '!')) {
			const operator = this.#next().text as '-' | '+' | '!';
			node = { kind: 'unary', operator, operand: this.#unary() };
		} else node = this.#primary();
		this.#depth--;
		return node;
	}

	#enter(): void {
		if (++this.#depth > MAX_DEPTH) {
			throw new ExpressionError(
				`expression nested too deeply, at most ${MAX_DEPTH} levels`,
				this.#peek().column
			);
		}
	}

	#primary(): ExpressionNode {
		const token = this.#peek();
		if (token.kind === 'number') {
			this.#next();
			return { kind: 'number', value: token.value! };
		}
		if (token.kind === 'operator' && token.text === '(') {
			this.#next();
			const node = this.#or();
			this.#expect(')');
			return node;
		}
		if (token.kind === 'name') {
			const after = this.#tokens[this.#index + 1];
			if (after.kind === 'operator' && after.text === '(') return this.#call();
		}
		if (token.kind === 'name' || token.kind === 'quoted') return this.#field();
		throw unexpected(token);
	}

	#call(): ExpressionNode {
		const nameToken = this.#next();
		const spec = functions.get(nameToken.text);
		if (spec === undefined) {
			const known = [...functions.keys()].join(', ');
			throw new ExpressionError(
				`unknown function "${nameToken.text}": expected one of ${known}, or quote a field name`,
				nameToken.column
			);
		}
		this.#expect('(');
		const args: ExpressionNode[] = [];
		if (!this.#isOperator(')')) {
			args.push(this.#or());
			while (this.#isOperator(',')) {
				this.#next();
				args.push(this.#or());
			}
		}
		this.#expect(')');
		const [least, most] = spec.arity;
		if (args.length < least || args.length > most) {
			const expected = least === most ? `${least}` : `${least} to ${most}`;
			const noun = most === 1 ? 'argument' : 'arguments';
			throw new ExpressionError(
				`${nameToken.text}() takes ${expected} ${noun}, got ${args.length}`,
				nameToken.column
			);
		}
		return { kind: 'call', name: nameToken.text as FunctionName, args };
	}

	#field(): ExpressionNode {
		const path: FieldPath = [this.#next().text];
		while (this.#isOperator('.')) {
			this.#next();
			const segment = this.#next();
			const isIndex = segment.kind === 'number' && segment.segment === true;
			if (segment.kind !== 'name' && segment.kind !== 'quoted' && !isIndex) {
				throw new ExpressionError(
					`expected a field name after ".", got ${describe(segment)}`,
					segment.column
				);
			}
			path.push(segment.text);
		}
		return { kind: 'field', path };
	}
}

function describe(token: Token): string {
	return token.kind === 'end' ? 'end of expression' : `"${token.text}"`;
}

function unexpected(token: Token): ExpressionError {
	if (token.kind === 'end')
		return new ExpressionError('unexpected end of expression', token.column);
	return new ExpressionError(`unexpected ${describe(token)}`, token.column);
}
