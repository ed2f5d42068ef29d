import type { FieldPath } from '../protocol';
import { readNumberToken } from './json-number';

/**
 * JSON whitespace between tokens. Written as an optional run rather than `[ \t\n\r]*`: the two
 * match the same texts, and V8 skips the optional run at once where a token follows, as in
 * compact JSON. `exec` of the template of a seed-format record (timestamp, value, category,
 * status and a nested metadata object) on 210,000 compact lines took 22 ms instead of 26 to
 * 31 ms in Node 20 (V8 11.3).
 */
const SPACE = '(?:[ \\t\\n\\r]+)?';
/** Whitespace that stays on one line, for the pattern of a record that is a whole line. */
const LINE_SPACE = '(?:[ \\t]+)?';
/** The end of a line: CRLF, LF or a lone CR. */
const LINE_END = '(?:\\r\\n|\\n|\\r)';
/** A character of a JSON string that needs no escape: any but `"`, `\` and controls. */
const PLAIN_CHAR = '[^"\\\\\\u0000-\\u001f]';
/** An escape in a JSON string. */
const ESCAPE = '\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})';
/**
 * The inside of a JSON string: runs of plain characters between escapes. It matches the same
 * texts as a repeated choice of the two and runs faster: `exec` of a seed-format template on
 * 200,000 lines took 24.8 ms instead of 28.5 ms in Node 20 (V8 11.3).
 */
const STRING_BODY = `${PLAIN_CHAR}*(?:${ESCAPE}${PLAIN_CHAR}*)*`;
/** A JSON string. */
const STRING = `"${STRING_BODY}"`;
/** A JSON number: no `+`, no leading zeros, digits on both sides of `.`. */
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const SCALAR = `(?:${STRING}|${NUMBER}|true|false|null)`;
/**
 * An array of scalars with `space` between its tokens; arrays that hold objects or arrays get no
 * template.
 */
// No two whitespace runs meet, so a failing match does not try every split of one run.
function scalarArray(space: string): string {
	return `\\[${space}(?:${SCALAR}(?:${space},${space}${SCALAR})*${space})?\\]`;
}
/** Nesting deeper than this gets no template. */
const MAX_DEPTH = 8;
/** Integers with this many digits or more may lie beyond 2^53, which the lossless parser keeps. */
const RISKY_DIGITS = 16;

type Kind = 'string' | 'number' | 'boolean' | 'null';

/** A key on a mapped path, with the output slots that take the value at it. */
interface PathNode {
	slots: number[];
	children: Map<string, PathNode>;
}

/** A capture group of the pattern and the output slots it fills. */
interface Capture {
	group: number;
	kind: Kind;
	slots: number[];
}

/**
 * A regular expression made from one parsed record. It matches exactly the JSON texts of records
 * with the same keys in the same order, nested objects included, and values of the same types,
 * and it captures the values at the mapped paths.
 *
 * Most streams repeat one record shape, and the pattern is checked by the browser's compiled
 * regular expression engine, several times faster than JSON.parse, which builds every field the
 * mapping ignores. The pattern follows the JSON grammar for each token, so a text it matches is
 * one that JSON.parse accepts, and the values it returns are those that
 * `getPath(parseJsonLossless(text), path)` returns. A text it does not match, or an integer of
 * 16 digits or more in a mapped field, is left to JSON.parse.
 */
export class RecordTemplate {
	readonly #pattern: RegExp;
	/** Source of the pattern of the record as a whole line, whitespace kept to one line. */
	readonly #lineSource: string;
	readonly #captures: Capture[];
	readonly #slotCount: number;
	/** The same pattern without anchors and sticky, made on the first {@link readAt}. */
	#element: RegExp | null = null;
	/** The pattern of {@link readLine}, sticky, made on its first call. */
	#line: RegExp | null = null;

	private constructor(pattern: RegExp, lineSource: string, captures: Capture[], slotCount: number) {
		this.#pattern = pattern;
		this.#lineSource = lineSource;
		this.#captures = captures;
		this.#slotCount = slotCount;
	}

	/**
	 * Makes the template of `record` that captures the values at `paths` (a null path captures
	 * nothing). Returns null when the record has no template: it is not an object, a key needs an
	 * escape in JSON, an array contains objects or arrays, a path ends at an object or array or goes
	 * into an array, or it nests deeper than 8.
	 */
	static fromRecord(record: unknown, paths: readonly (FieldPath | null)[]): RecordTemplate | null {
		if (!isPlainObject(record)) return null;
		const root: PathNode = { slots: [], children: new Map() };
		paths.forEach((path, slot) => {
			if (path === null) return;
			let node = root;
			for (const key of path) {
				let child = node.children.get(key);
				if (child === undefined) {
					child = { slots: [], children: new Map() };
					node.children.set(key, child);
				}
				node = child;
			}
			node.slots.push(slot);
		});
		if (root.slots.length > 0) return null;

		const captures: Capture[] = [];
		const body = patternOf(record, root, captures, 0, SPACE);
		if (body === null) return null;
		// The same members and captures, with whitespace that never crosses a line end, so that
		// a record pretty-printed over several lines is never read as one line.
		const lineBody = patternOf(record, root, [], 0, LINE_SPACE) as string;
		const pattern = new RegExp(`^${SPACE}${body}${SPACE}$`);
		return new RecordTemplate(
			pattern,
			`${lineBody}${LINE_SPACE}${LINE_END}`,
			captures,
			paths.length
		);
	}

	/** The pattern's source: two templates with the same source match the same texts. */
	get source(): string {
		return this.#pattern.source;
	}

	/**
	 * Reads the mapped values of `text` into `out[0 … paths.length - 1]`, undefined where the
	 * record has no such field, and returns true. Returns false, with `out` in any state, when
	 * the text does not match or needs the lossless parser.
	 */
	read(text: string, out: unknown[]): boolean {
		const match = this.#pattern.exec(text);
		return match !== null && this.#capture(match, out, 0);
	}

	/**
	 * Reads the record that starts at `start` in `text`, after any whitespace, as {@link read}
	 * reads a whole text, into `out[offset …]`. Returns the index after the record and the
	 * whitespace that follows it, or -1 when no record of this template starts there.
	 */
	readAt(text: string, start: number, out: unknown[], offset: number): number {
		if (this.#element === null) {
			const source = this.#pattern.source;
			// The anchored source is `^`, the pattern, then `$`.
			this.#element = new RegExp(source.slice(1, -1), 'y');
		}
		const element = this.#element;
		element.lastIndex = start;
		const match = element.exec(text);
		if (match === null || !this.#capture(match, out, offset)) return -1;
		return element.lastIndex;
	}

	/**
	 * Reads the record whose line starts at `start` in `text`, as {@link read} reads a whole text.
	 * The record must start at the line's first character and be followed by spaces or tabs and
	 * a line end (CRLF, LF or CR). Returns the index after that line end, or -1 when the line is
	 * no record of this template, has no line end in `text`, or needs the lossless parser.
	 *
	 * A file reader calls it line after line on each chunk of text, so no line is cut out of the
	 * chunk or read a second time to find its end.
	 */
	readLine(text: string, start: number, out: unknown[]): number {
		this.#line ??= new RegExp(this.#lineSource, 'y');
		const line = this.#line;
		line.lastIndex = start;
		const match = line.exec(text);
		if (match === null || !this.#capture(match, out, 0)) return -1;
		return line.lastIndex;
	}

	/** Writes the captured values of `match` to `out[offset …]`; false when one needs JSON.parse. */
	#capture(match: RegExpExecArray, out: unknown[], offset: number): boolean {
		for (let s = 0; s < this.#slotCount; s++) out[offset + s] = undefined;

		for (const capture of this.#captures) {
			const raw = match[capture.group];
			let value: unknown;
			switch (capture.kind) {
				case 'string':
					// The group contains what is inside the quotes, so most strings need no copy.
					value = raw.includes('\\') ? JSON.parse(`"${raw}"`) : raw;
					break;
				case 'number':
					if (isLongInteger(raw)) return false;
					value = readNumberToken(raw);
					break;
				case 'boolean':
					value = raw === 'true';
					break;
				case 'null':
					value = null;
					break;
			}
			for (const slot of capture.slots) out[offset + slot] = value;
		}
		return true;
	}
}

/**
 * Returns the pattern of `value`, with `space` as the whitespace between its tokens, or null when
 * the value has no template. Adds a capture to `captures` for each mapped node.
 */
function patternOf(
	value: unknown,
	node: PathNode | undefined,
	captures: Capture[],
	depth: number,
	space: string
): string | null {
	if (isPlainObject(value)) {
		if (depth >= MAX_DEPTH || (node !== undefined && node.slots.length > 0)) return null;
		const members: string[] = [];
		for (const key of Object.keys(value)) {
			// A key is matched as written, so one that JSON writes with an escape gets no template.
			// eslint-disable-next-line no-control-regex -- control characters need an escape
			if (/["\\\u0000-\u001f]/.test(key)) return null;
			const child = patternOf(value[key], node?.children.get(key), captures, depth + 1, space);
			if (child === null) return null;
			members.push(`"${escapeRegExp(key)}"${space}:${space}${child}`);
		}
		if (members.length === 0) return `\\{${space}\\}`;
		return `\\{${space}${members.join(`${space},${space}`)}${space}\\}`;
	}
	if (Array.isArray(value)) {
		const nested = value.some((item) => item !== null && typeof item === 'object');
		if (nested || node !== undefined) return null;
		return scalarArray(space);
	}

	let pattern: string;
	let kind: Kind;
	if (typeof value === 'string') {
		pattern = STRING;
		kind = 'string';
	} else if (typeof value === 'number') {
		pattern = NUMBER;
		kind = 'number';
	} else if (typeof value === 'boolean') {
		pattern = 'true|false';
		kind = 'boolean';
	} else if (value === null) {
		pattern = 'null';
		kind = 'null';
	} else return null;
	// A path that goes on below a scalar reads nothing, as getPath does.
	if (node === undefined || node.slots.length === 0) return `(?:${pattern})`;
	captures.push({ group: captures.length + 1, kind, slots: node.slots });
	return kind === 'string' ? `"(${STRING_BODY})"` : `(${pattern})`;
}

/** Checks whether `text` is an integer token of 16 digits or more, such as an id past 2^53. */
function isLongInteger(text: string): boolean {
	const digits = text.charCodeAt(0) === 0x2d ? text.length - 1 : text.length;
	if (digits < RISKY_DIGITS) return false;
	for (let i = text.length - digits; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return false;
	}
	return true;
}

function escapeRegExp(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
