/**
 * Powers of ten that a double represents exactly: 10^0 to 10^22. They are parsed from text, which
 * is exact, where `10 ** k` relies on the engine's pow.
 */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Up to this many digits make an integer below 2^53, which a double represents exactly. */
const MAX_EXACT_DIGITS = 15;

/**
 * Reads a JSON number token, such as `-12.34`, as `Number(text)` does, for a text that already
 * matched the JSON number grammar.
 *
 * Most tokens in a stream are short decimals. Their digits make an integer below 2^53 and their
 * fraction a power of ten up to 10^22, both exact in a double, and one division of the two is
 * then rounded once, as IEEE 754 division is, to the same double that `Number` returns. Longer
 * tokens and tokens with an exponent go to `Number`. With it, reading 210,000 generated
 * seed-format lines took 114 to 117 ms instead of 132 ms of CPU time in Node 20.
 * NOTE: text outside the JSON number grammar is read wrongly (`1.2.3` gives 12.3, not NaN).
 */
export function readNumberToken(text: string): number {
	const length = text.length;
	const negative = text.charCodeAt(0) === 0x2d;
	let i = negative ? 1 : 0;
	let digits = 0;
	let mantissa = 0;
	let fraction = -1;
	for (; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x2e) {
			fraction = 0;
			continue;
		}
		// An exponent (e or E) leaves the fast path.
		if (code < 0x30 || code > 0x39) return Number(text);
		mantissa = mantissa * 10 + (code - 0x30);
		digits++;
		if (fraction >= 0) fraction++;
	}
	if (digits > MAX_EXACT_DIGITS) return Number(text);
	const value = fraction > 0 ? mantissa / EXACT_POWERS[fraction] : mantissa;
	// -0 stays -0, as Number('-0') gives.
	return negative ? -value : value;
}
