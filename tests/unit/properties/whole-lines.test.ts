import fc from 'fast-check';
import { expect, test } from 'vitest';
import { JsonValueSplitter, type SplitSink } from '../../../src/lib/ingest/json-value-splitter';
import { fuzzRuns } from '../helpers/fuzz-runs';
import { takeObjectLines } from '../helpers/object-lines';

/**
 * A sink that takes whole lines must leave the splitter where cutting them would: the same
 * values on the same lines, the same faults and warnings, and the same line and blank-line
 * counts, whatever the line ends and chunk boundaries.
 */

/** Line texts: one-line objects (some with trailing blanks), blanks, faults and open records. */
const lineText = fc.oneof(
	fc.constantFrom(
		'{"a":1}',
		'{"a":"x y","b":[1,2]}',
		'{"a":1}  \t',
		'{}',
		'',
		'   ',
		'\u00a0',
		'{"a":',
		'  "b": 2}',
		'}',
		'{"a":1} {"b":2}',
		'{"s":"unclosed}',
		'[{"a":1},',
		'{"a":2}]',
		'[',
		']',
		'42',
		'\uFEFF{"a":3}',
		'{"a":1}x',
		'garbage'
	),
	fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }).map((o) => JSON.stringify(o))
);

const textArbitrary = fc
	.array(fc.tuple(lineText, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 16 })
	.map((lines) => lines.map(([line, end]) => line + end).join(''));

type Event = [kind: string, line: number, text: string];

/**
 * Splits `text` in chunks of `chunkSize` characters. With `takeLines`, the sink takes every line
 * that JSON.parse reads as an object, as the record pipeline's templates take the lines they
 * match, and reports it as a value.
 */
function split(text: string, chunkSize: number, takeLines: boolean) {
	const events: Event[] = [];
	const sink: SplitSink = {
		value: (value, line) => events.push(['value', line, value]),
		broken: (value, line, reason) => events.push(['broken', line, `${reason}: ${value}`]),
		warning: (line, message) => events.push(['warning', line, message])
	};
	if (takeLines) {
		sink.wholeLines = (text, start, line, taken) =>
			takeObjectLines(text, start, line, taken, (value, valueLine) =>
				events.push(['value', valueLine, value])
			);
	}
	const splitter = new JsonValueSplitter();
	for (let start = 0; start < text.length; start += chunkSize) {
		splitter.push(text.slice(start, start + chunkSize), sink);
	}
	splitter.flush(sink);
	return { events, line: splitter.line, blankLines: splitter.blankLines };
}

test('whole-line sink matches character scan', () => {
	fc.assert(
		fc.property(textArbitrary, fc.integer({ min: 1, max: 80 }), (text, chunkSize) => {
			expect(split(text, chunkSize, true)).toStrictEqual(split(text, chunkSize, false));
		}),
		{ numRuns: fuzzRuns(2000) }
	);
});

test('whole lines with every line end', () => {
	const text = '{"a":1}\r\n{"a":2}\r{"a":3}  \n\n{"a":4}\r';
	let linesTaken = 0;
	const sink: SplitSink = {
		value: () => {},
		broken: () => {},
		warning: () => {},
		wholeLines: (text, start, line, taken) =>
			takeObjectLines(text, start, line, taken, () => linesTaken++)
	};
	const splitter = new JsonValueSplitter();
	// The CR that ends the first chunk and the LF that starts the second are one line end.
	splitter.push(text.slice(0, 8), sink);
	splitter.push(text.slice(8), sink);
	splitter.flush(sink);
	expect(linesTaken).toBe(4);
	expect(splitter.line).toBe(6);
	expect(splitter.blankLines).toBe(1);
});

test('whole line CRLF before a chunk end', () => {
	// The first chunk ends right after a CRLF, so the LF that starts the second is a blank line.
	const withWholeLines = split('42\n{}\r\n\n', 7, true);
	expect(withWholeLines).toStrictEqual(split('42\n{}\r\n\n', 7, false));
	expect(withWholeLines.line).toBe(4);
	expect(withWholeLines.blankLines).toBe(1);
});
