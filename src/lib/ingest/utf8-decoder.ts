const REPLACEMENT = '\uFFFD';

/**
 * Decodes UTF-8 in chunks like `TextDecoder` with `stream: true`, and counts the invalid byte
 * sequences it replaced with U+FFFD, so that a reader can say the text was repaired.
 *
 * `TextDecoder` in its non-fatal mode replaces silently, and its fatal mode throws away the whole
 * chunk. Counting U+FFFD in the output and subtracting the U+FFFD characters that were really in
 * the input (the bytes EF BF BD) gives the number of replacements without decoding twice.
 */
export class Utf8Decoder {
	#decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	/** Last two bytes of the previous chunk, to find an EF BF BD split across chunks. */
	#tail: Uint8Array = new Uint8Array(0);
	#invalid = 0;

	/** Invalid byte sequences replaced so far. */
	get invalid(): number {
		return this.#invalid;
	}

	/** Decodes one chunk; pass no chunk to end the input. */
	decode(bytes?: Uint8Array): string {
		const text =
			bytes === undefined ? this.#decoder.decode() : this.#decoder.decode(bytes, { stream: true });
		if (!text.includes(REPLACEMENT)) {
			if (bytes !== undefined) this.#keepTail(bytes);
			return text;
		}

		let produced = 0;
		for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) {
			produced++;
		}
		const genuine = bytes === undefined ? 0 : this.#countEncodedReplacements(bytes);
		this.#invalid += Math.max(0, produced - genuine);
		return text;
	}

	#keepTail(bytes: Uint8Array): void {
		this.#tail = bytes.length >= 2 ? bytes.slice(-2) : this.#join(bytes).slice(-2);
	}

	#join(bytes: Uint8Array): Uint8Array {
		if (this.#tail.length === 0) return bytes;
		const joined = new Uint8Array(this.#tail.length + bytes.length);
		joined.set(this.#tail);
		joined.set(bytes, this.#tail.length);
		return joined;
	}

	#countEncodedReplacements(bytes: Uint8Array): number {
		const joined = this.#join(bytes);
		this.#tail = joined.slice(-2);

		let count = 0;
		for (let i = 0; i + 2 < joined.length; i++) {
			if (joined[i] === 0xef && joined[i + 1] === 0xbf && joined[i + 2] === 0xbd) count++;
		}
		return count;
	}
}
