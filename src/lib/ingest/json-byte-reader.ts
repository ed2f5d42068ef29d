import { JsonValueSplitter, type SplitSink } from './json-value-splitter';
import { Utf8Decoder } from './utf8-decoder';

const INVALID_UTF8_WARNING = 'invalid UTF-8 bytes replaced with U+FFFD';
/**
 * Maximum number of lines that get an invalid UTF-8 warning, per reader. A file in another
 * encoding, such as Latin-1, has invalid bytes on most lines, and the pipeline keeps only the
 * newest warnings and errors, so one warning per line would push the rejected lines out of the
 * list.
 */
export const MAX_INVALID_UTF8_WARNINGS = 100;
const INVALID_UTF8_LAST_WARNING =
	`${INVALID_UTF8_WARNING}. Only the first ${MAX_INVALID_UTF8_WARNINGS} lines with invalid ` +
	'bytes are listed';

/**
 * Turns UTF-8 bytes, in chunks of any size, into JSON values: decode, then split with
 * {@link JsonValueSplitter}. Invalid UTF-8 is replaced with U+FFFD, the rest of the value still
 * parses, and every value that contains a replacement gets a warning with its line, up to
 * {@link MAX_INVALID_UTF8_WARNINGS}.
 *
 * NOTE: the decoder counts replacements but not where they are, so a U+FFFD that was in the input
 * (bytes EF BF BD) can get the warning meant for a later invalid byte, whose line then goes
 * unnamed. And after a replacement that no warning names (in whitespace, or in a record over the
 * length limit), such a U+FFFD can get a warning of its own.
 */
export class JsonByteReader {
	readonly splitter: JsonValueSplitter;
	#decoder = new Utf8Decoder();
	/** Decoder replacements found in values so far, whether or not a warning named them. */
	#reported = 0;
	/** Invalid UTF-8 warnings sent. */
	#warnings = 0;
	/**
	 * Index of the next U+FFFD in the chunk being split, at or after the latest `wholeLines`
	 * start: -1 when none is left, -2 before the chunk is searched.
	 */
	#nextReplacement = -2;
	#sink: SplitSink;

	constructor(sink: SplitSink, maxValueLength?: number) {
		this.splitter = new JsonValueSplitter(maxValueLength);
		this.#sink = {
			value: (text, line) => {
				this.#flagReplacement(text, line, sink);
				sink.value(text, line);
			},
			broken: (text, line, reason) => {
				this.#flagReplacement(text, line, sink);
				sink.broken(text, line, reason);
			},
			warning: (line, message) => sink.warning(line, message)
		};
		const wholeLines = sink.wholeLines?.bind(sink);
		if (wholeLines !== undefined) {
			// While a replacement is not yet reported and the rest of the chunk contains U+FFFD,
			// lines go the usual way, which puts a warning before each line that contains one. A
			// replacement that no warning names, such as one inside a record over the length
			// limit, then turns the fast path off only until its chunk ends.
			this.#sink.wholeLines = (text, start, line, taken) => {
				if (this.#decoder.invalid === this.#reported || !this.#replacementAfter(text, start)) {
					wholeLines(text, start, line, taken);
				}
			};
		}
	}

	/** Feeds one chunk of bytes. */
	push(bytes: Uint8Array): void {
		this.#split(this.#decoder.decode(bytes));
	}

	/** Ends the input: reports a record left open. */
	end(): void {
		this.#split(this.#decoder.decode());
		this.splitter.flush(this.#sink);
	}

	#split(text: string): void {
		this.#nextReplacement = -2;
		this.splitter.push(text, this.#sink);
	}

	/**
	 * Returns whether `text` contains U+FFFD at or after `start`. The position found is kept, so
	 * that the many calls for the lines of one chunk search each part of it only once.
	 */
	#replacementAfter(text: string, start: number): boolean {
		const next = this.#nextReplacement;
		if (next === -2 || (next >= 0 && next < start)) {
			this.#nextReplacement = text.indexOf('\uFFFD', start);
		}
		return this.#nextReplacement >= 0;
	}

	/** Warns about a value that contains U+FFFD while some replacement is not yet named. */
	#flagReplacement(text: string, line: number, sink: SplitSink): void {
		const unreported = this.#decoder.invalid - this.#reported;
		if (unreported === 0) return;
		let found = 0;
		for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) found++;
		if (found === 0) return;

		this.#reported += Math.min(found, unreported);
		this.#warnings++;
		if (this.#warnings < MAX_INVALID_UTF8_WARNINGS) sink.warning(line, INVALID_UTF8_WARNING);
		else if (this.#warnings === MAX_INVALID_UTF8_WARNINGS) {
			sink.warning(line, INVALID_UTF8_LAST_WARNING);
		}
	}
}
