import fc from 'fast-check';
import { expect, test } from 'vitest';
import { readNumberToken } from '../../../src/lib/ingest/json-number';
import { fuzzRuns } from '../helpers/fuzz-runs';

/** A JSON number token: sign, integer part without leading zeros, fraction, exponent. */
const token = fc
	.tuple(
		fc.boolean(),
		fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,20}$/)),
		fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: undefined }),
		fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,3}$/), { nil: undefined })
	)
	.map(([negative, whole, fraction, exponent]) => {
		const sign = negative ? '-' : '';
		return `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent ?? ''}`;
	});

test('readNumberToken matches Number on tokens', () => {
	fc.assert(
		fc.property(token, (text) => {
			expect(Object.is(readNumberToken(text), Number(text))).toBe(true);
		}),
		{ numRuns: fuzzRuns(20_000) }
	);
});

test('readNumberToken matches Number on edges', () => {
	const texts = [
		'0',
		'-0',
		'-0.0',
		'0.1',
		'0.3',
		'12.34',
		'-12.34',
		'0.000000000000001',
		'999999999999999',
		'9999999999999999',
		'9007199254740993',
		'0.1234567890123456',
		'123456789012345.6',
		'1.7976931348623157e308',
		'5e-324',
		'1e400'
	];
	for (const text of texts) expect([text, readNumberToken(text)]).toEqual([text, Number(text)]);
	expect(Object.is(readNumberToken('-0'), -0)).toBe(true);
});
