const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BOM = 0xfeff;

// States of the open top-level array, named by what it expects next, for its comma checks.
/** Just after `[`: an element or `]`. */
const AFTER_OPEN = 0;
/** After an element: a comma or `]`. */
const AFTER_ELEMENT = 1;
/** After the comma that follows an element: an element. */
const AFTER_COMMA = 2;
/** After a torn or unreadable element, whose faults are already reported: anything. */
const AFTER_FAULT = 3;

/** Receives what a {@link JsonValueSplitter} cuts from the text. */
export interface SplitSink {
	/** One complete top-level value (or element of a top-level array), as JSON text. */
	value(text: string, line: number): void;
	/**
	 * A record skipped because it never closed, is too long, or is an array inside a top-level
	 * array. `reason` is the message to show.
	 */
	broken(text: string, line: number, reason: string): void;
	/** Something repaired or skipped that the user should know about. */
	warning(line: number, message: string): void;
	/**
	 * Takes whole lines from `start`, the start of line `line` outside any value, before the
	 * splitter reads them. A line taken is exactly one valid JSON object from its first
	 * character, then spaces or tabs and a line end (CRLF, LF or CR), and is no longer than
	 * `taken.maxLength` with its line end. Sets `taken.end` after the last line end taken and
	 * `taken.lines` to their count, and the splitter skips them. Both stay as the splitter set
	 * them (`start` and 0) when none is taken. Without this method the splitter cuts every line
	 * itself.
	 */
	wholeLines?(text: string, start: number, line: number, taken: LinesTaken): void;
}

/** The lines that {@link SplitSink.wholeLines} took, in one record the splitter reuses. */
export interface LinesTaken {
	/** Maximum length of a line taken, line end included: the splitter's `maxValueLength`. */
	maxLength: number;
	/** Index after the last line end taken. */
	end: number;
	/** Lines taken. */
	lines: number;
}

/**
 * Input that held no value: nothing after a leading byte order mark, only whitespace, or only
 * top-level arrays with no element.
 */
export type EmptyInput = 'empty' | 'whitespace' | 'empty array' | 'empty arrays';

/** Warning for a byte order mark found after the start of the input. */
export const MID_STREAM_BOM_WARNING =
	'removed a byte order mark (U+FEFF) at the start of the line, ' +
	'usually left by concatenating files';

/**
 * Cuts a stream of JSON text into top-level values, whatever the chunk boundaries.
 *
 * Reads JSON Lines, concatenated values with or without whitespace between them, values
 * pretty-printed over many lines, and a top-level array, whose elements come out one by one so
 * that a large array file is never held whole. Line numbers are 1-based; LF, CRLF and a lone CR
 * each end a line.
 *
 * The splitter tracks only strings, escapes and bracket depth: the values it emits still go to
 * `JSON.parse`, which reports any other fault. A hand-written scanner is used because the
 * streaming JSON libraries for the browser parse values themselves, which would parse each record
 * twice or replace the engine's fast `JSON.parse`.
 *
 * Two rules keep one bad line from swallowing the next ones: JSON strings cannot contain a raw
 * line end, so a line that ends inside a string ends its record; and a line inside a multi-line
 * record that starts at column 0 with anything but whitespace, `}`, `]`, `"` or `,` starts a
 * new record, so the open one is reported as incomplete. Pretty printers indent nested lines, so
 * neither rule cuts valid output of `JSON.stringify(value, null, indent)` or `jq`.
 *
 * Between the elements of a top-level array it checks the commas, and reports a missing or extra
 * one as a warning that names its line and the elements around it, because those elements are
 * still read. An element that is itself an array is rejected, because each element must be one
 * record. These checks run once per element, comma or bracket of a top-level array, so JSON Lines
 * of objects never reach them.
 */
export class JsonValueSplitter {
	readonly maxValueLength: number;
	/** The open value passed `maxValueLength`; only its start is kept, for the excerpt. */
	#tooLong = false;
	/** Text of the open value from earlier chunks. */
	#pending = '';
	/** Nesting of the open record; 0 between records. */
	#depth = 0;
	#inString = false;
	#escape = false;
	/** Reading a bare token (number, literal, garbage) at the top level. */
	#inToken = false;
	/** A top-level string value is open (no container around it). */
	#topString = false;
	/** Inside a top-level array, whose elements are the records. */
	#inArray = false;
	#arrayLine = 0;
	#valueLine = 0;
	#line = 1;
	#prevCr = false;
	#atLineStart = true;
	#lineHasContent = false;
	/** A character that String.trim() drops but JSON does not count as whitespace. */
	#oddSpace = -1;
	#atInputStart = true;
	#blankLines = 0;
	#sawText = false;
	/** Whether `wholeLines` took a line. Every other value sets `#valueLine` when it starts. */
	#tookWholeLine = false;
	/** Top-level arrays opened so far. */
	#arraysOpened = 0;
	/** One of AFTER_OPEN, AFTER_ELEMENT, AFTER_COMMA or AFTER_FAULT. */
	#arrayState = AFTER_OPEN;
	/** Elements started in the open top-level array. */
	#elements = 0;
	/** Line of the latest comma after an element, for a trailing comma's warning. */
	#commaLine = 0;
	/** The open value is an element of a top-level array and is itself an array. */
	#nestedArray = false;
	/** The record passed to every `wholeLines` call. */
	readonly #taken: LinesTaken;

	/**
	 * @param maxValueLength longest value kept, in UTF-16 code units; a longer one is skipped
	 *   and reported, so one endless record cannot use up the memory. The default, 64 Mi, is a
	 *   guess at what a browser tab parses without trouble.
	 */
	constructor(maxValueLength = 64 * 1024 * 1024) {
		this.maxValueLength = maxValueLength;
		this.#taken = { maxLength: maxValueLength, end: 0, lines: 0 };
	}

	/** Lines that held nothing but whitespace, outside any record. */
	get blankLines(): number {
		return this.#blankLines;
	}

	/** The line the next character belongs to. */
	get line(): number {
		return this.#line;
	}

	/** Kind of input that held no value, or null once a value was read. Read it after flush. */
	get emptyInput(): EmptyInput | null {
		if (this.#valueLine > 0 || this.#tookWholeLine) return null;
		if (!this.#sawText) return 'empty';
		if (this.#arraysOpened === 0) return 'whitespace';
		return this.#arraysOpened === 1 ? 'empty array' : 'empty arrays';
	}

	/** Feeds decoded text and reports every value it completes. */
	push(text: string, sink: SplitSink): void {
		const n = text.length;
		let i = 0;
		if (this.#atInputStart && n > 0) {
			this.#atInputStart = false;
			if (text.charCodeAt(0) === BOM) i = 1;
		}
		if (n > i) this.#sawText = true;

		const wholeLines = sink.wholeLines !== undefined;
		while (i < n) {
			if (wholeLines) i = this.#takeWholeLines(text, i, sink);
			if (i < n) i = this.#scan(text, i, sink, wholeLines);
		}
	}

	/**
	 * Offers the text from `i`, when it starts a line outside any value, to `sink.wholeLines`, and
	 * steps over the lines it takes. Returns where it stopped: the end of the text, or the start
	 * of a line for `#scan` to cut. JSON Lines of objects of known shapes never reach `#scan`.
	 */
	#takeWholeLines(text: string, i: number, sink: SplitSink): number {
		if (this.#inArray || this.#isOpen() || !this.#atLineStart) return i;
		const taken = this.#taken;
		taken.end = i;
		taken.lines = 0;
		sink.wholeLines!(text, i, this.#line, taken);
		if (taken.lines === 0) return i;

		// After a CR at the end of the text, an LF at the start of the next text ends no line.
		const end = taken.end;
		this.#prevCr = end === text.length && text.charCodeAt(end - 1) === CR;
		this.#tookWholeLine = true;
		this.#lineHasContent = false;
		this.#oddSpace = -1;
		this.#line += taken.lines;
		return end;
	}

	/**
	 * Cuts values character by character from `i` on. Returns the end of the text, or, when
	 * `toWholeLines` is set, the start of the first line that begins outside any value, for
	 * `#takeWholeLines`.
	 */
	#scan(text: string, i: number, sink: SplitSink, toWholeLines: boolean): number {
		let start = this.#isOpen() ? i : -1;
		const n = text.length;

		// Positions of the next backslash, LF and CR, refreshed only once the scan passes them, so
		// that the body of a string is skipped with indexOf instead of one character at a time.
		let nextBackslash = -2;
		let nextLf = -2;
		let nextCr = -2;

		for (; i < n; i++) {
			let c = text.charCodeAt(i);

			if (this.#inString && !this.#escape && c !== QUOTE && c !== BACKSLASH) {
				if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
				if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
				if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
				let stop = text.indexOf('"', i);
				if (stop === -1) stop = n;
				if (nextBackslash !== -1 && nextBackslash < stop) stop = nextBackslash;
				if (nextLf !== -1 && nextLf < stop) stop = nextLf;
				if (nextCr !== -1 && nextCr < stop) stop = nextCr;
				if (stop === n) break;
				i = stop;
				c = text.charCodeAt(i);
			}

			if (this.#inString) {
				if (this.#escape) {
					this.#escape = false;
					continue;
				}
				if (c === BACKSLASH) {
					this.#escape = true;
					continue;
				}
				if (c === QUOTE) {
					this.#inString = false;
					if (this.#topString) {
						this.#emit(text, start, i + 1, sink);
						start = -1;
					}
					continue;
				}
				if (c !== LF && c !== CR) continue;
				// A raw line end cannot be part of a JSON string: the record was cut off.
				this.#tear(text, start, i, sink, 'the line ends inside a string');
				start = -1;
			}

			if (c === LF || c === CR) {
				if (this.#inToken && (this.#depth === 0 || this.#inArray)) {
					this.#emit(text, start, i, sink);
					start = -1;
				}
				this.#newLine(c, sink);
				if (toWholeLines && this.#atLineStart && !this.#inArray && !this.#isOpen()) {
					return i + 1;
				}
				continue;
			}
			this.#prevCr = false;
			if (c !== SPACE && c !== TAB && c !== BOM && !isUnicodeSpace(c)) {
				this.#lineHasContent = true;
			}

			const lineStart = this.#atLineStart;
			this.#atLineStart = false;

			if (this.#depth > 0) {
				if (lineStart && !isContinuation(c)) {
					this.#tear(text, start, i, sink, `line ${this.#line} starts a new record`);
					start = -1;
					// Fall through: this character starts the next value.
				} else {
					if (c === QUOTE) this.#inString = true;
					else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
					else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
						this.#depth--;
						if (this.#depth === 0) {
							this.#emit(text, start, i + 1, sink);
							start = -1;
						}
					}
					continue;
				}
			}

			if (this.#inToken) {
				if (!this.#inArray) continue;
				if (c !== COMMA && c !== CLOSE_BRACKET && c !== SPACE && c !== TAB) continue;
				this.#emit(text, start, i, sink);
				start = -1;
			}

			// Between values.
			if (c === SPACE || c === TAB) continue;
			if (c === BOM) {
				sink.warning(this.#line, MID_STREAM_BOM_WARNING);
				continue;
			}
			if (isUnicodeSpace(c)) {
				if (this.#oddSpace < 0) this.#oddSpace = c;
				continue;
			}
			if (this.#inArray) {
				if (c === COMMA) {
					this.#arrayComma(sink);
					continue;
				}
				if (c === CLOSE_BRACKET) {
					this.#closeArray(sink);
					continue;
				}
				this.#arrayElement(c, sink);
			} else if (c === OPEN_BRACKET) {
				this.#openArray();
				continue;
			}

			start = i;
			this.#valueLine = this.#line;
			if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth = 1;
			else if (c === QUOTE) {
				this.#inString = true;
				this.#topString = true;
			} else this.#inToken = true;
		}

		if (start >= 0) this.#keep(text.slice(start));
		return n;
	}

	#openArray(): void {
		this.#inArray = true;
		this.#arrayLine = this.#line;
		this.#arraysOpened++;
		this.#elements = 0;
		this.#arrayState = AFTER_OPEN;
	}

	/** Takes a comma in the open array, and reports it when no element comes before it. */
	#arrayComma(sink: SplitSink): void {
		const state = this.#arrayState;
		if (state === AFTER_ELEMENT || state === AFTER_FAULT) {
			this.#arrayState = AFTER_COMMA;
			this.#commaLine = this.#line;
			return;
		}
		// The state stays, so that a run of commas gives one warning per extra comma.
		const count = this.#elements;
		const where = count === 0 ? 'before the first array element' : `after array element ${count}`;
		sink.warning(this.#line, `extra comma ${where}`);
	}

	#closeArray(sink: SplitSink): void {
		this.#inArray = false;
		if (this.#arrayState !== AFTER_COMMA) return;
		const last = this.#elements;
		sink.warning(this.#commaLine, `extra comma after array element ${last}, the last one`);
	}

	/** Counts the element that starts with `c` and reports a missing comma before it. */
	#arrayElement(c: number, sink: SplitSink): void {
		const readable = startsValue(c);
		if (this.#arrayState === AFTER_ELEMENT && readable) {
			const count = this.#elements;
			sink.warning(this.#line, `missing comma between array elements ${count} and ${count + 1}`);
		}
		this.#elements++;
		// Text that cannot start a JSON value is rejected as invalid JSON, which names it, so no
		// comma fault is reported around it.
		this.#arrayState = readable ? AFTER_ELEMENT : AFTER_FAULT;
		this.#nestedArray = c === OPEN_BRACKET;
	}

	#keep(piece: string): void {
		if (this.#tooLong) return;
		this.#pending += piece;
		if (this.#pending.length > this.maxValueLength) {
			this.#tooLong = true;
			this.#pending = this.#pending.slice(0, 200);
		}
	}

	/** Ends the input: emits a last bare token, reports a record or array left open. */
	flush(sink: SplitSink): void {
		if (this.#inToken) this.#emit('', 0, 0, sink);
		else if (this.#isOpen()) {
			const text = this.#pending;
			this.#reset();
			sink.broken(
				text,
				this.#valueLine,
				'incomplete trailing record: the input ends before this record closes'
			);
		}
		if (this.#inArray) {
			this.#inArray = false;
			const elements = `${this.#elements} element${this.#elements === 1 ? '' : 's'}`;
			sink.warning(
				this.#arrayLine,
				'the JSON array that starts on this line is never closed with ] ' +
					`(the input ends on line ${this.#line}, after ${elements})`
			);
		}
		if (!this.#lineHasContent && this.#oddSpace >= 0) this.#warnOddSpace(sink);
	}

	#isOpen(): boolean {
		return this.#depth > 0 || this.#inString || this.#inToken;
	}

	#emit(text: string, start: number, end: number, sink: SplitSink): void {
		const piece = this.#pending + (start >= 0 ? text.slice(start, end) : '');
		const bare = this.#inToken;
		const tooLong = this.#tooLong || piece.length > this.maxValueLength;
		const nestedArray = this.#nestedArray;
		this.#reset();
		if (tooLong) {
			const limit = this.maxValueLength.toLocaleString('en-US');
			sink.broken(piece, this.#valueLine, `record too long: over ${limit} characters`);
		} else if (nestedArray) {
			sink.broken(piece, this.#valueLine, 'expected a JSON object, got array');
		} else sink.value(bare ? piece.trim() : piece, this.#valueLine);
	}

	#tear(text: string, start: number, end: number, sink: SplitSink, why: string): void {
		const piece = this.#tooLong
			? this.#pending
			: this.#pending + (start >= 0 ? text.slice(start, end) : '');
		this.#reset();
		this.#arrayState = AFTER_FAULT;
		sink.broken(piece, this.#valueLine, `incomplete record: ${why} before this one closes`);
	}

	#reset(): void {
		this.#pending = '';
		this.#depth = 0;
		this.#inString = false;
		this.#escape = false;
		this.#inToken = false;
		this.#topString = false;
		this.#tooLong = false;
		this.#nestedArray = false;
	}

	#newLine(c: number, sink: SplitSink): void {
		// The LF of a CRLF, possibly in the next chunk, ends no second line.
		if (c === LF && this.#prevCr) {
			this.#prevCr = false;
			return;
		}
		this.#prevCr = c === CR;
		if (!this.#lineHasContent && !this.#isOpen()) {
			this.#blankLines++;
			if (this.#oddSpace >= 0) this.#warnOddSpace(sink);
		}
		this.#line++;
		this.#atLineStart = true;
		this.#lineHasContent = false;
		this.#oddSpace = -1;
	}

	#warnOddSpace(sink: SplitSink): void {
		const code = 'U+' + this.#oddSpace.toString(16).toUpperCase().padStart(4, '0');
		sink.warning(
			this.#line,
			`blank line contains ${code}, which JSON does not count as whitespace`
		);
		this.#oddSpace = -1;
	}
}

/** Whether a character at column 0 can continue a pretty-printed record. */
function isContinuation(c: number): boolean {
	return (
		c === SPACE ||
		c === TAB ||
		c === CLOSE_BRACE ||
		c === CLOSE_BRACKET ||
		c === QUOTE ||
		c === COMMA
	);
}

/**
 * Returns whether `c` can start a JSON value, or a NaN or Infinity token that lenient reading
 * accepts. Those start with a bracket, a quote, a sign, a digit or a letter.
 */
function startsValue(c: number): boolean {
	if (c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE || c === 0x2d || c === 0x2b)
		return true;
	if (c >= 0x30 && c <= 0x39) return true;
	const lower = c | 0x20;
	return lower >= 0x61 && lower <= 0x7a;
}

/** Whitespace that String.prototype.trim() removes but JSON rejects (NBSP, em space, …). */
function isUnicodeSpace(c: number): boolean {
	return (
		c === 0x0b ||
		c === 0x0c ||
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000
	);
}
