const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/** Callback that receives one complete line, without its line end, and its 1-based number. */
export type LineCallback = (line: string, lineNumber: number) => void;

/**
 * Splits decoded text into lines, whatever the chunk boundaries.
 *
 * Line ends are LF, CRLF and a lone CR. A CRLF torn between two chunks still counts as one line
 * end. Line numbers are 1-based and count blank lines. One UTF-8 byte order mark (U+FEFF) at the
 * very start of the input is removed. Later ones stay in the line for the parser to report.
 */
export class LineSplitter {
	/** Text after the last line end, waiting for the rest of its line. */
	#partial = '';
	/** The previous chunk ended in CR, so an LF at the start of the next one closes no line. */
	#pendingCr = false;
	#atStart = true;
	#lineNumber = 0;

	/** Feeds decoded text and calls `emit` for each line that it completes. */
	push(text: string, emit: LineCallback): void {
		if (text.length === 0) return;

		let pos = 0;
		if (this.#atStart) {
			this.#atStart = false;
			if (text.charCodeAt(0) === BOM) pos = 1;
		}
		if (this.#pendingCr) {
			this.#pendingCr = false;
			if (text.charCodeAt(pos) === LF) pos++;
		}

		// Two cursors found with indexOf, refreshed only once the scan passes them, so text
		// without any CR costs one indexOf('\r') per chunk.
		let nextLf = text.indexOf('\n', pos);
		let nextCr = text.indexOf('\r', pos);
		while (nextLf !== -1 || nextCr !== -1) {
			const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
			let line = text.slice(pos, end);
			if (this.#partial.length > 0) {
				line = this.#partial + line;
				this.#partial = '';
			}

			pos = end + 1;
			if (text.charCodeAt(end) === CR) {
				if (pos === text.length) this.#pendingCr = true;
				else if (text.charCodeAt(pos) === LF) pos++;
			}

			emit(line, ++this.#lineNumber);

			if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
			if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
		}

		if (pos < text.length) this.#partial += text.slice(pos);
	}

	/**
	 * Ends the input and emits the last line if it had no line end. An empty tail emits nothing.
	 * Pushing after a flush continues the line numbering.
	 */
	flush(emit: LineCallback): void {
		this.#pendingCr = false;
		if (this.#partial.length === 0) return;

		const line = this.#partial;
		this.#partial = '';
		emit(line, ++this.#lineNumber);
	}
}
