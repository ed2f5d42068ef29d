import type { FieldPath } from '../protocol';
import { parseJsonLossless } from './lossless-json';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Deeper nesting goes to JSON.parse, so the scanner's stack stays small and fixed. */
const MAX_DEPTH = 64;

/**
 * Digits a number may have for `digits / 10^fractionDigits` to be exact: below 10^15 the
 * integer fits a double's 53-bit significand and 10^22 is the largest exact power of ten, so
 * the one division rounds correctly, as JSON.parse does (Clinger's fast path).
 */
const MAX_FAST_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_FAST_DIGITS + 1 }, (_, k) => 10 ** k);

/** A key on a mapped path. Its `slots` are the outputs that take the value at this key. */
interface KeyNode {
	key: string;
	slots: number[];
	children: KeyNode[];
	/** Scan in which this key was last seen, to notice a duplicate key. */
	seenInScan: number;
}

/**
 * Reads the values at a fixed set of field paths from one JSON text, without building the
 * whole value. Once the mapping is known, the object JSON.parse builds per record, with every
 * field the mapping ignores, is the largest cost of reading a file.
 *
 * `scan` checks the whole text against the JSON grammar, so it accepts only text that
 * JSON.parse accepts, and the values it returns are those {@link getPath} reads from what
 * {@link parseJsonLossless} returns. Where that sameness would take more than a simple scan, it
 * returns false and the caller parses the text. That is the case for a text that is not one
 * object, for invalid JSON and for top-level keys other than those of `expectKeys`. It is also
 * the case for a key on a mapped path that contains an escape or appears twice, an array on a
 * mapped path, an integer of 16 digits or more in a mapped field, and nesting deeper than 64.
 *
 * Written by hand because the JSON libraries for the browser either build the whole value
 * (JSON.parse and its replacements) or stream events for every token through callbacks, which
 * costs more than JSON.parse. None reads selected fields straight from the text.
 */
export class JsonFieldScanner {
	readonly #root: KeyNode;
	readonly #slotCount: number;
	#text = '';
	#scan = 0;
	/** The last string that `#skipString` passed contained an escape. */
	#sawEscape = false;
	/** Open containers of the value being skipped: true for an object, false for an array. */
	readonly #stack: boolean[] = new Array<boolean>(MAX_DEPTH).fill(false);
	/** Top-level keys, in order, that a text must have for `scan` to read it. */
	#shape: readonly string[] | null = null;
	/** The mapped node of each key of `#shape`, if it is mapped. */
	#shapeNodes: (KeyNode | undefined)[] = [];

	/**
	 * @param paths The paths to read; `scan` fills output slot `i` from `paths[i]`. A null path
	 *   leaves its slot undefined.
	 * @throws RangeError for an empty path, which would read the whole record.
	 */
	constructor(paths: (FieldPath | null)[]) {
		this.#slotCount = paths.length;
		this.#root = { key: '', slots: [], children: [], seenInScan: 0 };
		paths.forEach((path, slot) => {
			if (path === null) return;
			if (path.length === 0)
				throw new RangeError(`invalid field path at ${slot}: empty, which reads the whole record`);

			let node = this.#root;
			for (const key of path) {
				let child = node.children.find((c) => c.key === key);
				if (child === undefined) {
					child = { key, slots: [], children: [], seenInScan: 0 };
					node.children.push(child);
				}
				node = child;
			}
			node.slots.push(slot);
		});
	}

	/**
	 * Sets the top-level keys, in order, of the texts that `scan` reads. A text with other keys,
	 * or with an escaped top-level key, then goes to JSON.parse, so that the caller sees every
	 * record that brings a new field. Before the first call, `scan` reads no text.
	 */
	expectKeys(keys: readonly string[]): void {
		// A key that JSON writes with an escape is never matched as plain text.
		// eslint-disable-next-line no-control-regex -- control characters need an escape
		const plain = keys.every((key) => !/["\\\u0000-\u001f]/.test(key));
		this.#shape = plain ? [...keys] : null;
		this.#shapeNodes = keys.map((key) => this.#root.children.find((node) => node.key === key));
	}

	/**
	 * Reads the mapped fields of `text` into `out[0 … paths.length - 1]`, undefined for a field
	 * the text lacks, and returns true. Returns false, with `out` in any state, when the text
	 * needs JSON.parse.
	 */
	scan(text: string, out: unknown[]): boolean {
		if (this.#shape === null) return false;
		for (let s = 0; s < this.#slotCount; s++) out[s] = undefined;
		this.#text = text;
		this.#scan++;

		let i = skipSpace(this.#text, 0);
		if (text.charCodeAt(i) !== OPEN_BRACE) return false;
		i = this.#readRoot(i, out);
		if (i < 0) return false;
		return skipSpace(this.#text, i) === text.length;
	}

	/**
	 * Reads the top-level object at `i`, whose keys must be those of `#shape` in order. Each is
	 * compared as plain text, so an escaped key or any other key ends the scan. Returns the
	 * object's end, or -1.
	 */
	#readRoot(i: number, out: unknown[]): number {
		const text = this.#text;
		const shape = this.#shape as readonly string[];
		i = skipSpace(text, i + 1);
		if (text.charCodeAt(i) === CLOSE_BRACE) return shape.length === 0 ? i + 1 : -1;

		for (let k = 0; ; k++) {
			if (k === shape.length || text.charCodeAt(i) !== QUOTE) return -1;
			const key = shape[k];
			const keyEnd = i + 1 + key.length;
			if (text.charCodeAt(keyEnd) !== QUOTE || !matchesAt(text, i + 1, key)) return -1;

			i = skipSpace(text, keyEnd + 1);
			if (text.charCodeAt(i) !== COLON) return -1;
			i = skipSpace(text, i + 1);
			const node = this.#shapeNodes[k];
			i = node === undefined ? this.#skipValue(i) : this.#readField(i, node, out);
			if (i < 0) return -1;

			i = skipSpace(text, i);
			const c = text.charCodeAt(i);
			if (c === CLOSE_BRACE) return k + 1 === shape.length ? i + 1 : -1;
			if (c !== COMMA) return -1;
			i = skipSpace(text, i + 1);
		}
	}

	/** Reads the object at `i` and stores the fields under `node`. Returns its end, or -1. */
	#readObject(i: number, node: KeyNode, out: unknown[]): number {
		const text = this.#text;
		i = skipSpace(this.#text, i + 1);
		if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1;

		for (;;) {
			if (text.charCodeAt(i) !== QUOTE) return -1;
			const keyStart = i + 1;
			i = this.#skipString(i);
			if (i < 0) return -1;

			let child: KeyNode | undefined;
			if (node.children.length > 0) {
				// An escaped key could spell a mapped key in another way.
				if (this.#sawEscape) return -1;
				child = findKey(node.children, text, keyStart, i - 1);
				if (child !== undefined) {
					// JSON.parse keeps the last of duplicate keys, so it reads such a text.
					if (child.seenInScan === this.#scan) return -1;
					child.seenInScan = this.#scan;
				}
			}

			i = skipSpace(this.#text, i);
			if (text.charCodeAt(i) !== COLON) return -1;
			i = skipSpace(this.#text, i + 1);
			i = child === undefined ? this.#skipValue(i) : this.#readField(i, child, out);
			if (i < 0) return -1;

			i = skipSpace(this.#text, i);
			const c = text.charCodeAt(i);
			if (c === CLOSE_BRACE) return i + 1;
			if (c !== COMMA) return -1;
			i = skipSpace(this.#text, i + 1);
		}
	}

	/** Reads the value at `i` of a mapped key into its slots. Returns its end, or -1. */
	#readField(i: number, node: KeyNode, out: unknown[]): number {
		const text = this.#text;
		const c = text.charCodeAt(i);
		let end: number;
		let value: unknown;

		if (c === OPEN_BRACE || c === OPEN_BRACKET) {
			if (c === OPEN_BRACE && node.children.length > 0) end = this.#readObject(i, node, out);
			else if (c === OPEN_BRACKET && node.children.length > 0) return -1;
			else end = this.#skipValue(i);
			if (end < 0 || node.slots.length === 0) return end;
			value = parseJsonLossless(text.slice(i, end));
		} else if (c === QUOTE) {
			end = this.#skipString(i);
			if (end < 0) return -1;
			value = this.#sawEscape ? JSON.parse(text.slice(i, end)) : text.slice(i + 1, end - 1);
		} else if (c === MINUS || (c >= ZERO && c <= NINE)) {
			end = this.#skipNumber(i);
			if (end < 0) return -1;
			value = readNumber(text, i, end);
			// An integer beyond 2^53 comes back from the lossless parser as a string.
			if (value === undefined) return -1;
		} else {
			end = this.#skipLiteral(i);
			if (end < 0) return -1;
			if (c === 0x74) value = true;
			else if (c === 0x66) value = false;
			else value = null;
		}

		for (const slot of node.slots) out[slot] = value;
		return end;
	}

	/** Checks the value at `i` against the JSON grammar. Returns its end, or -1. */
	#skipValue(i: number): number {
		const text = this.#text;
		const stack = this.#stack;
		let depth = 0;

		for (;;) {
			// A value starts at i.
			const c = text.charCodeAt(i);
			if (c === QUOTE) i = this.#skipString(i);
			else if (c === MINUS || (c >= ZERO && c <= NINE)) i = this.#skipNumber(i);
			else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
				const isObject = c === OPEN_BRACE;
				i = skipSpace(this.#text, i + 1);
				if (text.charCodeAt(i) === (isObject ? CLOSE_BRACE : CLOSE_BRACKET)) i++;
				else {
					if (depth === MAX_DEPTH) return -1;
					stack[depth++] = isObject;
					if (isObject) i = this.#skipKey(i);
					if (i < 0) return -1;
					continue;
				}
			} else i = this.#skipLiteral(i);
			if (i < 0) return -1;

			// After a value: close what ends here, or move to the next element.
			for (;;) {
				if (depth === 0) return i;
				i = skipSpace(this.#text, i);
				const after = text.charCodeAt(i);
				const inObject = stack[depth - 1];
				if (after === COMMA) {
					i = skipSpace(this.#text, i + 1);
					if (inObject) i = this.#skipKey(i);
					if (i < 0) return -1;
					break;
				}
				if (after !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
				depth--;
				i++;
			}
		}
	}

	/** Skips `"key" :` and the space after it. Returns where the value starts, or -1. */
	#skipKey(i: number): number {
		if (this.#text.charCodeAt(i) !== QUOTE) return -1;
		i = this.#skipString(i);
		if (i < 0) return -1;
		i = skipSpace(this.#text, i);
		if (this.#text.charCodeAt(i) !== COLON) return -1;
		return skipSpace(this.#text, i + 1);
	}

	/** Checks the string that starts at `i`. Returns the index after its closing quote, or -1. */
	#skipString(i: number): number {
		const text = this.#text;
		const n = text.length;
		this.#sawEscape = false;
		// One loop finds the closing quote and the control characters that JSON rejects, so the
		// text needs no separate check for them.
		let j = i + 1;
		for (; j < n; j++) {
			const c = text.charCodeAt(j);
			if (c === QUOTE) return j + 1;
			if (c < SPACE || c === BACKSLASH) break;
		}
		for (; j < n; j++) {
			const c = text.charCodeAt(j);
			if (c === QUOTE) return j + 1;
			if (c < SPACE) return -1;
			if (c !== BACKSLASH) continue;

			this.#sawEscape = true;
			const escaped = text.charCodeAt(++j);
			if (escaped === 0x75) {
				// \uXXXX: any four hex digits, lone surrogates included, as JSON.parse takes them.
				for (let k = 1; k <= 4; k++) {
					if (!isHexDigit(text.charCodeAt(j + k))) return -1;
				}
				j += 4;
			} else if (!isSimpleEscape(escaped)) return -1;
		}
		return -1;
	}

	/** Checks the number at `i` (JSON's grammar: no `+`, no leading zeros, digits after `.`). */
	#skipNumber(i: number): number {
		const text = this.#text;
		if (text.charCodeAt(i) === MINUS) i++;
		if (text.charCodeAt(i) === ZERO) i++;
		else {
			const start = i;
			i = skipDigits(text, i);
			if (i === start) return -1;
		}
		if (text.charCodeAt(i) === DOT) {
			const start = ++i;
			i = skipDigits(text, i);
			if (i === start) return -1;
		}
		const e = text.charCodeAt(i);
		if (e === LOWER_E || e === UPPER_E) {
			const sign = text.charCodeAt(++i);
			if (sign === PLUS || sign === MINUS) i++;
			const start = i;
			i = skipDigits(text, i);
			if (i === start) return -1;
		}
		return i;
	}

	/** Checks `true`, `false` or `null` at `i`; returns its end or -1. */
	#skipLiteral(i: number): number {
		const text = this.#text;
		const c = text.charCodeAt(i);
		const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
		if (literal === '' || !text.startsWith(literal, i)) return -1;
		return i + literal.length;
	}
}

/**
 * Returns the value of the valid number text from `start` to `end`, the same double as
 * JSON.parse, or undefined for an integer of 16 digits or more, which the lossless parser may
 * turn into a string.
 */
function readNumber(text: string, start: number, end: number): number | undefined {
	let i = start;
	const negative = text.charCodeAt(i) === MINUS;
	if (negative) i++;

	let digits = 0;
	let significand = 0;
	let fractionDigits = -1;
	for (; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === DOT) fractionDigits = 0;
		else if (!isDigit(c)) break;
		else {
			significand = significand * 10 + (c - ZERO);
			digits++;
			if (fractionDigits >= 0) fractionDigits++;
		}
	}
	const isInteger = fractionDigits < 0 && i === end;
	if (isInteger && digits >= 16) return undefined;
	if (i < end || digits > MAX_FAST_DIGITS) return Number(text.slice(start, end));

	const magnitude = fractionDigits > 0 ? significand / POWERS_OF_TEN[fractionDigits] : significand;
	return negative ? -magnitude : magnitude;
}

/** Checks whether `key` is in `text` at `start`. */
function matchesAt(text: string, start: number, key: string): boolean {
	for (let k = 0; k < key.length; k++) {
		if (text.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
	}
	return true;
}

function skipSpace(text: string, i: number): number {
	let c = text.charCodeAt(i);
	while (c === SPACE || c === TAB || c === LF || c === CR) c = text.charCodeAt(++i);
	return i;
}

function findKey(nodes: KeyNode[], text: string, start: number, end: number): KeyNode | undefined {
	const length = end - start;
	for (let k = 0; k < nodes.length; k++) {
		const node = nodes[k];
		if (node.key.length === length && text.startsWith(node.key, start)) return node;
	}
	return undefined;
}

function skipDigits(text: string, i: number): number {
	// charCodeAt past the end is NaN, which is no digit, so the loop stops there.
	while (isDigit(text.charCodeAt(i))) i++;
	return i;
}

function isDigit(c: number): boolean {
	return c >= ZERO && c <= NINE;
}

function isHexDigit(c: number): boolean {
	return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`. */
function isSimpleEscape(c: number): boolean {
	return (
		c === QUOTE ||
		c === BACKSLASH ||
		c === 0x2f ||
		c === 0x62 ||
		c === 0x66 ||
		c === 0x6e ||
		c === 0x72 ||
		c === 0x74
	);
}
