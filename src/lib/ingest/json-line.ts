import type { RecordError } from '../protocol';
import { parseJsonLossless } from './lossless-json';
import { escapeNonPrintable } from './printable';

/**
 * Outcome of parsing one line of JSON Lines text.
 *
 * `records` comes from a line that contains a whole JSON array: each element becomes a record.
 * The elements are not checked here, so a caller that needs objects must reject the others.
 * `warning` describes something that was repaired, such as a byte order mark in mid-stream.
 */
export type LineResult =
	| { kind: 'record'; value: unknown; warning?: string }
	| { kind: 'records'; values: unknown[]; warning?: string }
	| { kind: 'blank'; warning?: string }
	| { kind: 'error'; error: RecordError };

/** Maximum length of `RecordError.excerpt`, in UTF-16 code units. */
export const EXCERPT_LENGTH = 80;

const BOM = 0xfeff;
const BLANK: LineResult = Object.freeze({ kind: 'blank' });
const BOM_WARNING =
	'removed a byte order mark (U+FEFF) at the start of the line, ' +
	'usually left by concatenating files';

/** Options of {@link parseJsonLine} for the NaN and Infinity tokens that JSON does not allow. */
export interface LineOptions {
	/**
	 * Reads `NaN` and `nan` as null (a missing value) and `Infinity`, `+Infinity`, `-Infinity`
	 * and `inf` as ±Infinity, each with a warning, instead of rejecting the line.
	 */
	lenient?: boolean;
}

/**
 * Parses one line (without its line end) as a JSON value.
 *
 * Returns `blank` for lines that are empty or contain only whitespace, including Unicode spaces
 * such as NBSP that JSON itself does not accept. Returns `error` for invalid JSON and for a
 * value that is neither an object nor an array. A NaN or Infinity token makes the line an error
 * unless `options.lenient` is set.
 */
export function parseJsonLine(
	line: string,
	lineNumber: number,
	options: LineOptions = {}
): LineResult {
	let text = line;
	let warning: string | undefined;
	if (text.charCodeAt(0) === BOM) {
		text = text.slice(1);
		warning = BOM_WARNING;
	}

	if (isBlank(text)) {
		const oddSpace = findNonJsonWhitespace(text);
		if (oddSpace !== undefined) {
			const spaceWarning =
				`blank line contains ${oddSpace}, ` + 'which JSON does not count as whitespace';
			warning = warning === undefined ? spaceWarning : `${warning}. ${spaceWarning}`;
		}
		return warning === undefined ? BLANK : { kind: 'blank', warning };
	}

	let value: unknown;
	try {
		value = parseJsonLossless(text);
	} catch (error) {
		const token = findNonJsonNumber(text);
		if (token === undefined) return errorResult(lineNumber, describeParseError(error), text);
		if (!options.lenient) {
			const message = `invalid JSON: ${token} is not a JSON number (send null for a missing value)`;
			return errorResult(lineNumber, message, text);
		}
		const repaired = readNonJsonNumbers(text);
		try {
			value = parseJsonLossless(repaired.text, reviveNaN);
		} catch (repairError) {
			return errorResult(lineNumber, describeParseError(repairError), text);
		}
		const nonFinite = repaired.tokens.join(', ');
		const hasNaN = repaired.tokens.some((token) => /nan/i.test(token));
		let lenientWarning = `read ${nonFinite} as a gap`;
		if (repaired.infinite && hasNaN) {
			lenientWarning = `read ${nonFinite}: NaN as a gap, ±Infinity kept but left out of every statistic`;
		} else if (repaired.infinite) {
			lenientWarning = `read ${nonFinite}: ±Infinity kept but left out of every statistic`;
		}
		warning = warning === undefined ? lenientWarning : `${warning}. ${lenientWarning}`;
	}

	if (Array.isArray(value)) {
		return warning === undefined
			? { kind: 'records', values: value }
			: { kind: 'records', values: value, warning };
	}
	if (value === null || typeof value !== 'object') {
		const got = value === null ? 'null' : typeof value;
		return errorResult(lineNumber, `expected a JSON object, got ${got}`, text);
	}
	return warning === undefined ? { kind: 'record', value } : { kind: 'record', value, warning };
}

/**
 * Makes a short, printable excerpt of input for a message: non-printable characters escaped
 * (see `escapeNonPrintable`), then cut to at most `maxLength` code units, ending in '…' when it
 * was cut. The cut never splits a surrogate pair or an escape.
 */
export function excerptOf(text: string, maxLength = EXCERPT_LENGTH): string {
	let excerpt = '';
	// The length before the last piece that still leaves room for '…'.
	let cutAt = 0;
	for (const character of text) {
		const piece = escapeNonPrintable(character);
		if (excerpt.length + piece.length <= maxLength - 1) cutAt = excerpt.length + piece.length;
		excerpt += piece;
		if (excerpt.length > maxLength) return excerpt.slice(0, cutAt) + '…';
	}
	return excerpt;
}

function errorResult(line: number, message: string, text: string): LineResult {
	return { kind: 'error', error: { line, message, excerpt: excerptOf(text) } };
}

function isBlank(text: string): boolean {
	if (text.length === 0) return true;

	// Almost every line starts with '{' or '[', which skips the trim below.
	const first = text.charCodeAt(0);
	if (first === 0x7b || first === 0x5b) return false;
	return text.trim().length === 0;
}

/** Returns the first character that trim() removes but JSON does not, as "U+00A0". */
function findNonJsonWhitespace(text: string): string | undefined {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
			return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
		}
	}
	return undefined;
}

/**
 * Turns a JSON.parse error into "invalid JSON: <reason>".
 *
 * Engines add a copy of the input or JSON-specific wording to the reason. V8 adds
 * `, "abc" is not valid JSON`, `in JSON at position 3` and in some versions `(line 1 column 4)`.
 * SpiderMonkey adds `JSON.parse: ` and `of the JSON data`, JavaScriptCore `JSON Parse error: `.
 * The excerpt already shows the input, so those parts are cut. V8's position counts from 0; it
 * becomes a character counted from 1, as editors count columns.
 */
export function describeParseError(error: unknown): string {
	const reason = parseErrorReason(error);
	return reason.length === 0 ? 'invalid JSON' : `invalid JSON: ${reason}`;
}

/**
 * Returns the reason of a JSON.parse error without the engine's copy of the input and with
 * non-printable characters escaped, or '' when nothing is left. See `describeParseError`.
 */
export function parseErrorReason(error: unknown): string {
	const raw = error instanceof Error ? error.message : String(error);
	const reason = raw
		.replace(/^JSON\.parse: /, '')
		.replace(/^JSON Parse error: /, '')
		.replace(/,? ?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '')
		.replace(
			/ (?:in JSON )?at position (\d+)/,
			(_, at: string) => ` at character ${Number(at) + 1}`
		)
		.replace(/ \(line \d+ column \d+\)$/, '')
		.replace(/ of the JSON data$/, '')
		.trim();
	// V8 quotes the unexpected character itself, which may be a control byte.
	return escapeNonPrintable(reason);
}

/** A NaN or Infinity token after `:`, `,` or `[`, or a whole JSON string to step over. */
const NON_JSON_NUMBER = /"(?:[^"\\]|\\.)*"|([:,[]\s*)([+-]?)(NaN|Infinity|inf)\b/gi;

/**
 * Stands for a NaN token in rewritten text: a string no producer sends, which {@link reviveNaN}
 * turns back into NaN, so a gap count names it NaN and not null.
 */
const NAN_MARK = '\u0000NaN';

/** Turns the mark of a NaN token back into NaN, for `JSON.parse`. */
function reviveNaN(_key: string, value: unknown): unknown {
	return value === NAN_MARK ? NaN : value;
}

/**
 * Rewrites NaN tokens outside strings as {@link NAN_MARK} and Infinity tokens as `1e999`, which
 * `JSON.parse` reads as Infinity, and lists the tokens it replaced.
 */
function readNonJsonNumbers(text: string): { text: string; tokens: string[]; infinite: boolean } {
	const tokens: string[] = [];
	let infinite = false;
	const rewritten = text.replace(
		NON_JSON_NUMBER,
		(match, before: string | undefined, sign: string, word: string | undefined) => {
			if (word === undefined) return match;
			tokens.push(sign + word);
			if (word.toLowerCase() === 'nan') return `${before}${JSON.stringify(NAN_MARK)}`;
			infinite = true;
			return `${before}${sign === '-' ? '-' : ''}1e999`;
		}
	);
	return { text: rewritten, tokens, infinite };
}

/** Finds a NaN or Infinity token outside strings, which some producers write but JSON rejects. */
function findNonJsonNumber(text: string): string | undefined {
	const withoutStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
	const match = /[:,[]\s*([+-]?(?:NaN|Infinity|inf)\b)/i.exec(withoutStrings);
	return match?.[1];
}
