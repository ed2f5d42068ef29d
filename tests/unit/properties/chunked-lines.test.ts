import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseJsonLine, type LineResult } from '../../../src/lib/ingest/json-line';
import { parseJsonLossless } from '../../../src/lib/ingest/lossless-json';
import { LineSplitter } from '../../../src/lib/ingest/line-splitter';
import { fuzzRuns } from '../helpers/fuzz-runs';

type Parsed = [lineNumber: number, result: LineResult];

/** Line contents: JSON objects and arrays, garbage, blank lines and multi-byte text. */
const lineArbitrary = fc.oneof(
	fc.jsonValue().map((value) => JSON.stringify(value)),
	fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()).map((o) => JSON.stringify(o)),
	fc.string({ unit: 'binary' }).filter((text) => !/[\r\n]/.test(text)),
	fc.constantFrom('', '  ', '\uFEFF{"a":1}', '{"é":"😀"}', '\u00a0', '{"a":', '[1,2]')
);
const lineEndArbitrary = fc.constantFrom('\n', '\r\n', '\r');

/** Text made of lines, each with a line end except perhaps the last. */
const textArbitrary = fc
	.tuple(
		fc.array(fc.tuple(lineArbitrary, lineEndArbitrary), { maxLength: 12 }),
		fc.option(lineArbitrary, { nil: undefined }),
		fc.boolean()
	)
	.map(([lines, last, bom]) => {
		const body = lines.map(([line, end]) => line + end).join('') + (last ?? '');
		return bom ? '\uFEFF' + body : body;
	});

/** Decodes byte chunks with a streaming TextDecoder, as the file source does, and parses. */
function parseChunks(chunks: Uint8Array[]): Parsed[] {
	const parsed: Parsed[] = [];
	const onLine = (line: string, lineNumber: number) => {
		parsed.push([lineNumber, parseJsonLine(line, lineNumber)]);
	};
	const splitter = new LineSplitter();
	const decoder = new TextDecoder('utf-8');
	for (const chunk of chunks) splitter.push(decoder.decode(chunk, { stream: true }), onLine);
	splitter.push(decoder.decode(), onLine);
	splitter.flush(onLine);
	return parsed;
}

/**
 * Splits the whole text at once with a regular expression, as an independent reference for
 * the splitter. The decoder drops a leading BOM and the splitter one more, as in the source.
 */
function parseWhole(bytes: Uint8Array): Parsed[] {
	let text = new TextDecoder('utf-8').decode(bytes);
	if (text.startsWith('\uFEFF')) text = text.slice(1);
	const lines = text.split(/\r\n|\r|\n/);
	if (lines[lines.length - 1] === '') lines.pop();
	return lines.map((line, i) => [i + 1, parseJsonLine(line, i + 1)]);
}

/** Cuts `bytes` at the given offsets, in any order and with repeats. */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
	const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let start = 0;
	for (const point of points) {
		chunks.push(bytes.subarray(start, point));
		start = point;
	}
	chunks.push(bytes.subarray(start));
	return chunks;
}

test('chunked JSONL parse equals whole-text parse', () => {
	fc.assert(
		fc.property(textArbitrary, fc.array(fc.nat(), { maxLength: 20 }), (text, offsets) => {
			const bytes = new TextEncoder().encode(text);
			expect(parseChunks(cut(bytes, offsets))).toEqual(parseWhole(bytes));
		}),
		{ numRuns: fuzzRuns() }
	);
});

test('one-byte chunks split multi-byte characters', () => {
	fc.assert(
		fc.property(textArbitrary, (text) => {
			const bytes = new TextEncoder().encode(text);
			const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
			expect(parseChunks(single)).toEqual(parseWhole(bytes));
		}),
		{ numRuns: fuzzRuns(200) }
	);
});

test('chunked parse keeps every record once', () => {
	fc.assert(
		fc.property(
			fc.array(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), { maxLength: 20 }),
			fc.array(fc.nat(), { maxLength: 20 }),
			(records, offsets) => {
				const bytes = new TextEncoder().encode(
					records.map((r) => JSON.stringify(r) + '\n').join('')
				);
				const values = parseChunks(cut(bytes, offsets)).map(([, result]) =>
					result.kind === 'record' ? result.value : result
				);
				// JSON.stringify turns lone surrogates into escapes, so records round-trip exactly;
				// integers beyond 2^53 come back as exact strings, as the reader keeps them.
				expect(values).toEqual(records.map((r) => parseJsonLossless(JSON.stringify(r))));
			}
		),
		{ numRuns: fuzzRuns() }
	);
});
