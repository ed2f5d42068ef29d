/**
 * Characters that must not reach a message raw: control characters (C0, DEL, C1), format
 * characters such as bidirectional overrides and zero-width spaces, line and paragraph
 * separators, lone surrogates, and U+FFFD, which stands for bytes that were not UTF-8.
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFD]/gu;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Writes one non-printable character as a JavaScript escape: `\n`, `\u001F`, `\u{E0001}`. */
function escapeCharacter(character: string): string {
	const short = SHORT_ESCAPES[character];
	if (short !== undefined) return short;

	const code = character.codePointAt(0) ?? 0;
	const hex = code.toString(16).toUpperCase();
	return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Escapes the characters of `text` that a message must not show raw (see `NON_PRINTABLE`), so
 * that input quoted in a message shows which bytes it contained and cannot reorder or hide the
 * text around it. Backslashes are left as they are, so an escape in the output can also be
 * one that the input contained.
 */
export function escapeNonPrintable(text: string): string {
	return text.replace(NON_PRINTABLE, escapeCharacter);
}
