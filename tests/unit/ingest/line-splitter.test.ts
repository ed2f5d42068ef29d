import { expect, test } from 'vitest';
import { LineSplitter } from '../../../src/lib/ingest/line-splitter';

type Line = [text: string, lineNumber: number];

/** Pushes each chunk in turn, flushes, and returns every emitted line with its number. */
function splitChunks(chunks: string[]): Line[] {
	const lines: Line[] = [];
	const emit = (line: string, lineNumber: number) => {
		lines.push([line, lineNumber]);
	};
	const splitter = new LineSplitter();
	for (const chunk of chunks) splitter.push(chunk, emit);
	splitter.flush(emit);
	return lines;
}

/** Every kind of line end, blank lines, a BOM at the start and a line without a line end. */
const MIXED = '\uFEFF{"a":1}\r\n\r\n{"b":2}\n  \r{"c":3}\r\r\n\u00a0\n{"d":"x\\r\\ny"}\n\n{"e":5}';
const MIXED_LINES: Line[] = [
	['{"a":1}', 1],
	['', 2],
	['{"b":2}', 3],
	['  ', 4],
	['{"c":3}', 5],
	['', 6],
	['\u00a0', 7],
	['{"d":"x\\r\\ny"}', 8],
	['', 9],
	['{"e":5}', 10]
];

test.each<[string, string, Line[]]>([
	[
		'LF',
		'a\nb\n',
		[
			['a', 1],
			['b', 2]
		]
	],
	[
		'CRLF',
		'a\r\nb\r\n',
		[
			['a', 1],
			['b', 2]
		]
	],
	[
		'lone CR',
		'a\rb\r',
		[
			['a', 1],
			['b', 2]
		]
	],
	[
		'CR CR as two ends',
		'a\r\rb',
		[
			['a', 1],
			['', 2],
			['b', 3]
		]
	],
	[
		'LF CR as two ends',
		'a\n\rb',
		[
			['a', 1],
			['', 2],
			['b', 3]
		]
	],
	[
		'CRLF then LF',
		'a\r\n\nb',
		[
			['a', 1],
			['', 2],
			['b', 3]
		]
	],
	[
		'leading blank lines',
		'\n\na\n',
		[
			['', 1],
			['', 2],
			['a', 3]
		]
	],
	[
		'no final line end',
		'a\nb',
		[
			['a', 1],
			['b', 2]
		]
	],
	['single line end', '\n', [['', 1]]],
	['empty input', '', []]
])('LineSplitter splits %s', (_name, input, expected) => {
	expect(splitChunks([input])).toEqual(expected);
});

test('LineSplitter splits mixed input', () => {
	expect(splitChunks([MIXED])).toEqual(MIXED_LINES);
});

test('LineSplitter two-chunk split invariance', () => {
	for (let i = 0; i <= MIXED.length; i++) {
		const chunks = [MIXED.slice(0, i), MIXED.slice(i)];
		expect(splitChunks(chunks), `split at ${i}`).toEqual(MIXED_LINES);
	}
});

test('LineSplitter three-chunk split invariance', () => {
	for (let i = 0; i <= MIXED.length; i++) {
		for (let j = i; j <= MIXED.length; j++) {
			const chunks = [MIXED.slice(0, i), MIXED.slice(i, j), MIXED.slice(j)];
			expect(splitChunks(chunks), `split at ${i} and ${j}`).toEqual(MIXED_LINES);
		}
	}
});

test('LineSplitter one-character chunks', () => {
	expect(splitChunks([...MIXED])).toEqual(MIXED_LINES);
});

test('LineSplitter CR and LF in separate chunks', () => {
	expect(splitChunks(['a\r', '\nb\r', '\n'])).toEqual([
		['a', 1],
		['b', 2]
	]);
});

test('LineSplitter CR, empty chunk, LF', () => {
	expect(splitChunks(['a\r', '', '\nb'])).toEqual([
		['a', 1],
		['b', 2]
	]);
});

test('LineSplitter CR at end of input', () => {
	expect(splitChunks(['a\r'])).toEqual([['a', 1]]);
});

test('LineSplitter partial line across pushes', () => {
	expect(splitChunks(['ab', 'cd', 'e\nf', 'g'])).toEqual([
		['abcde', 1],
		['fg', 2]
	]);
});

test('LineSplitter holds partial line until flush', () => {
	const lines: string[] = [];
	const splitter = new LineSplitter();
	splitter.push('{"a":1}\n{"b"', (line) => lines.push(line));
	expect(lines).toEqual(['{"a":1}']);

	splitter.flush((line) => lines.push(line));
	expect(lines).toEqual(['{"a":1}', '{"b"']);
});

test.each<[string, string[], Line[]]>([
	[
		'at start',
		['\uFEFFa\nb'],
		[
			['a', 1],
			['b', 2]
		]
	],
	['in its own chunk', ['\uFEFF', 'a\n'], [['a', 1]]],
	['after an empty chunk', ['', '\uFEFFa'], [['a', 1]]],
	[
		'before CRLF',
		['\uFEFF\r\na'],
		[
			['', 1],
			['a', 2]
		]
	],
	[
		'kept mid-stream',
		['a\n\uFEFFb'],
		[
			['a', 1],
			['\uFEFFb', 2]
		]
	],
	['kept on a second chunk', ['a', '\uFEFFb'], [['a\uFEFFb', 1]]]
])('LineSplitter BOM %s', (_name, chunks, expected) => {
	expect(splitChunks(chunks)).toEqual(expected);
});

test('LineSplitter flush of empty tail', () => {
	const lines: string[] = [];
	const splitter = new LineSplitter();
	splitter.push('a\n', (line) => lines.push(line));
	splitter.flush((line) => lines.push(line));
	expect(lines).toEqual(['a']);
});

test('LineSplitter 1.1 MB line in 64 KiB chunks', () => {
	const long = '{"samples":[' + '0.1234,'.repeat(160_000) + '0]}';
	const input = `{"a":1}\n${long}\r\n{"b":2}\n`;
	const chunks: string[] = [];
	for (let i = 0; i < input.length; i += 65536) chunks.push(input.slice(i, i + 65536));

	const lines = splitChunks(chunks);
	expect(lines.length).toBe(3);
	expect(lines[0]).toEqual(['{"a":1}', 1]);
	expect(lines[1][0].length).toBe(long.length);
	expect(lines[1][0] === long).toBe(true);
	expect(lines[2]).toEqual(['{"b":2}', 3]);
});
