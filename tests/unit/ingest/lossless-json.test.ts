import { describe, expect, it } from 'vitest';
import { parseJsonLossless, quoteUnsafeIntegers } from '../../../src/lib/ingest/lossless-json';

describe('parseJsonLossless', () => {
	it('parseJsonLossless keeps big integers exact', () => {
		expect(parseJsonLossless('{"id": 9007199254740993}')).toEqual({ id: '9007199254740993' });
	});

	it('parseJsonLossless keeps safe integers as numbers', () => {
		expect(parseJsonLossless('{"id": 1234567890123456}')).toEqual({ id: 1234567890123456 });
	});

	// A long fraction was once read as an integer of its own and quoted mid-number.
	it.each([
		['{"":[[{"":-0.00015916770532511764}]]}', { '': [[{ '': -0.00015916770532511764 }]] }],
		['{"a":0.00015916770532511764}', { a: 0.00015916770532511764 }],
		['{"a":1.0E-1234567890123456789}', { a: 0 }],
		['{"a":-12345678901234567890.5}', { a: Number('-12345678901234567890.5') }]
	])('parseJsonLossless long fraction %s', (text, expected) => {
		expect(parseJsonLossless(text)).toEqual(expected);
	});

	it('quoteUnsafeIntegers leaves exponents alone', () => {
		const text = '[0.4e00669999999999999999999999999999999999999]';
		expect(quoteUnsafeIntegers(text)).toBe(text);
	});

	it('quoteUnsafeIntegers skips digits inside strings', () => {
		const text = '{"a":"12345678901234567890"}';
		expect(quoteUnsafeIntegers(text)).toBe(text);
	});
});
