import { JsonValueSplitter, type SplitSink } from './json-value-splitter';
import { Utf8Decoder } from './utf8-decoder';

const INVALID_UTF8_WARNING = 'invalid UTF-8 bytes replaced with U+FFFD';

/**
 * Turns UTF-8 bytes, in chunks of any size, into JSON values: decode, then split with
 * {@link JsonValueSplitter}. Invalid UTF-8 is replaced with U+FFFD, the rest of the value still
 * parses, and the first value holding a replacement gets a warning with its line.
 */
export class JsonByteReader {
	readonly splitter: JsonValueSplitter;
	#decoder = new Utf8Decoder();
	/** Decoder replacements already named by a warning. */
	#reported = 0;
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
			// lines go the usual way, which puts the warning before the first line that contains
			// one. A replacement that no warning names, such as one inside a record over the
			// length limit, then turns the fast path off only until its chunk ends.
			this.#sink.wholeLines = (text, start, line, taken) => {
				if (this.#decoder.invalid === this.#reported || text.indexOf('\uFFFD', start) < 0) {
					wholeLines(text, start, line, taken);
				}
			};
		}
	}

	/** Feeds one chunk of bytes. */
	push(bytes: Uint8Array): void {
		this.splitter.push(this.#decoder.decode(bytes), this.#sink);
	}

	/** Ends the input: reports a record left open. */
	end(): void {
		this.splitter.push(this.#decoder.decode(), this.#sink);
		this.splitter.flush(this.#sink);
	}

	#flagReplacement(text: string, line: number, sink: SplitSink): void {
		if (this.#decoder.invalid === this.#reported || !text.includes('\uFFFD')) return;
		this.#reported = this.#decoder.invalid;
		sink.warning(line, INVALID_UTF8_WARNING);
	}
}
