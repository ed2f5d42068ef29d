import { expect, test } from 'vitest';
import { escapeNonPrintable } from '../../../src/lib/ingest/printable';

test.each([
	['plain text', 'abc {"v":1}', 'abc {"v":1}'],
	['line ends and tab', 'a\nb\r\tc', 'a\\nb\\r\\tc'],
	['C0 controls', '\u0000\u001f', '\\u0000\\u001F'],
	['DEL and C1', '\u007f\u0085\u009b', '\\u007F\\u0085\\u009B'],
	['replacement character', 'x\ufffdy', 'x\\uFFFDy'],
	['bidi override and zero width', '\u202eab\u200b', '\\u202Eab\\u200B'],
	['line separator', 'a\u2028b', 'a\\u2028b'],
	['lone surrogate', 'a\ud800b', 'a\\uD800b'],
	['tag character', '\u{e0001}', '\\u{E0001}'],
	['letters and emoji kept', 'é漢😀', 'é漢😀']
])('escapeNonPrintable %s', (_name, text, expected) => {
	expect(escapeNonPrintable(text)).toBe(expected);
});
