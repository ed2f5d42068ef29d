/** Integers with this many digits or more may lie beyond 2^53 and are checked one by one. */
const riskyDigits = 16;

/**
 * Parses JSON text like `JSON.parse`, but keeps integers beyond ±2^53 exact by turning them into
 * strings: `{"id": 9007199254740993}` gives `{ id: "9007199254740993" }`.
 *
 * Trade and event ids above 2^53 are common in real streams and `JSON.parse` rounds them, so
 * distinct ids collide. A reviver with `context.source` would read the original text, but
 * engines without it (Node 20, Safari) are still common. Text without a run of 16 digits, almost
 * every record, goes straight to `JSON.parse`.
 */
export function parseJsonLossless(
	text: string,
	reviver?: (key: string, value: unknown) => unknown
): unknown {
	if (!/\d{16}/.test(text)) return JSON.parse(text, reviver);
	return JSON.parse(quoteUnsafeIntegers(text), reviver);
}

/** Wraps every integer token outside strings whose value is not a safe integer in quotes. */
export function quoteUnsafeIntegers(text: string): string {
	const parts: string[] = [];
	let copied = 0;
	let i = 0;
	const n = text.length;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			i = skipString(text, i);
			continue;
		}
		const isDigit = c >= 0x30 && c <= 0x39;
		if (!isDigit && c !== 0x2d) {
			i++;
			continue;
		}

		const start = i;
		if (c === 0x2d) i++;
		const digitsStart = i;
		while (i < n && isDigitAt(text, i)) i++;
		const digits = i - digitsStart;
		const isInteger = skipFractionAndExponent(text, i) === i;
		if (digits >= riskyDigits && isInteger) {
			const token = text.slice(start, i);
			if (!Number.isSafeInteger(Number(token))) {
				parts.push(text.slice(copied, start), '"', token, '"');
				copied = i;
			}
		}
		// A fraction or exponent is part of the same number: skip it, so that its digits are
		// never read as an integer of their own.
		i = skipFractionAndExponent(text, i);
	}
	if (copied === 0) return text;
	parts.push(text.slice(copied));
	return parts.join('');
}

/** Returns the index after a `.digits` fraction and an `e±digits` exponent at `i`, if any. */
function skipFractionAndExponent(text: string, i: number): number {
	const n = text.length;
	if (i < n && text.charCodeAt(i) === 0x2e) {
		i++;
		while (i < n && isDigitAt(text, i)) i++;
	}
	const e = text.charCodeAt(i);
	if (i < n && (e === 0x65 || e === 0x45)) {
		i++;
		const sign = text.charCodeAt(i);
		if (sign === 0x2b || sign === 0x2d) i++;
		while (i < n && isDigitAt(text, i)) i++;
	}
	return i;
}

function isDigitAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	return c >= 0x30 && c <= 0x39;
}

/** Returns the index after the string that starts at `i`, or the end of an unclosed one. */
function skipString(text: string, i: number): number {
	let j = i + 1;
	while (j < text.length) {
		const c = text.charCodeAt(j);
		if (c === 0x5c) j += 2;
		else if (c === 0x22) return j + 1;
		else j++;
	}
	return j;
}
