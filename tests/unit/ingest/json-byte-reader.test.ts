import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
	JsonByteReader,
	MAX_INVALID_UTF8_WARNINGS
} from '../../../src/lib/ingest/json-byte-reader';
import {
	JsonValueSplitter,
	type EmptyInput,
	type SplitSink
} from '../../../src/lib/ingest/json-value-splitter';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { openBlob } from '../../../src/lib/ingest/open-blob';
import { takeObjectLines } from '../helpers/object-lines';

interface Read {
	records: Record<string, unknown>[];
	recordLines: number[];
	errors: { line: number; message: string; text: string }[];
	warnings: { line: number; message: string }[];
	blankLines: number;
	emptyInput: EmptyInput | null;
}

function fixture(name: string): Uint8Array<ArrayBuffer> {
	return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

/** Reads `bytes` in chunks of `chunkSize` as the file source does, and parses each value. */
function read(bytes: Uint8Array, chunkSize = 65536, maxValueLength?: number): Read {
	const out: Read = {
		records: [],
		recordLines: [],
		errors: [],
		warnings: [],
		blankLines: 0,
		emptyInput: null
	};
	const reader = new JsonByteReader(
		{
			value(text, line) {
				const result = parseJsonLine(text, line);
				if (result.kind === 'error') {
					out.errors.push({ line, message: result.error.message, text });
					return;
				}
				if (result.warning) out.warnings.push({ line, message: result.warning });
				const values = result.kind === 'record' ? [result.value] : [];
				if (result.kind === 'records') values.push(...result.values);
				for (const value of values) {
					out.records.push(value as Record<string, unknown>);
					out.recordLines.push(line);
				}
			},
			broken: (text, line, message) => out.errors.push({ line, message, text }),
			warning: (line, message) => out.warnings.push({ line, message })
		},
		maxValueLength
	);
	for (let offset = 0; offset < bytes.length; offset += chunkSize) {
		reader.push(bytes.subarray(offset, offset + chunkSize));
	}
	reader.end();
	out.blankLines = reader.splitter.blankLines;
	out.emptyInput = reader.splitter.emptyInput;
	return out;
}

const text = (value: string) => new TextEncoder().encode(value);
const CHUNK_SIZES = [1, 2, 3, 7, 64, 65536];

test.each(CHUNK_SIZES)('JsonByteReader case-01 BOM, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('cases/case-01-ndjson-bom.jsonl'), chunkSize);

	expect(result.records.length).toBe(5);
	expect(result.records[0]).toEqual({
		ts: '2024-05-01T10:00:00Z',
		sensor: 'boiler-1',
		temp_c: 61.2
	});
	expect(result.recordLines).toEqual([1, 2, 3, 4, 5]);
	expect(result.warnings.map((warning) => warning.line)).toEqual([4]);
	expect(result.warnings[0].message).toContain('U+FEFF');
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JsonByteReader case-02 CRLF, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('cases/case-02-ndjson-crlf.jsonl'), chunkSize);

	expect(result.records.length).toBe(4);
	expect(result.recordLines).toEqual([1, 2, 4, 5]);
	expect(result.blankLines).toBe(1);
	expect(result.records[2].note).toBe('line1\r\nline2');
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JsonByteReader case-03 blank lines, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('cases/case-03-ndjson-blank-lines.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.recordLines).toEqual([2, 4, 7]);
	expect(result.blankLines).toBe(5);
	expect(result.warnings).toEqual([
		{ line: 6, message: 'blank line contains U+00A0, which JSON does not count as whitespace' }
	]);
	expect(result.errors).toEqual([]);
});

test('JsonByteReader case-04 no final newline', () => {
	const result = read(fixture('cases/case-04-ndjson-no-final-newline.jsonl'));

	expect(result.records.length).toBe(3);
	expect(result.records[2].temp_c).toBe(57);
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JsonByteReader case-04b torn last line, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('cases/case-04b-ndjson-torn-last-line.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.errors.length).toBe(1);
	expect(result.errors[0].line).toBe(4);
	expect(result.errors[0].message).toMatch(/^incomplete trailing record/);
	expect(result.errors[0].text).toBe('{"ts":"2024-05-01T10:00:30Z","sensor":"boi');
});

test('JsonByteReader case-05 1.1 MB line', () => {
	const result = read(fixture('cases/case-05-ndjson-huge-line.jsonl'));

	expect(result.records.length).toBe(3);
	expect(result.recordLines).toEqual([1, 2, 3]);
	expect((result.records[1].samples as number[]).length).toBe(150_000);
});

test('JsonByteReader case-05 line over the cap', () => {
	const result = read(fixture('cases/case-05-ndjson-huge-line.jsonl'), 65536, 100_000);

	expect(result.recordLines).toEqual([1, 3]);
	expect(result.errors.length).toBe(1);
	expect(result.errors[0].line).toBe(2);
	expect(result.errors[0].message).toBe('record too long: over 100,000 characters');
	expect(result.errors[0].text.length).toBeLessThan(100_000);
});

test.each(CHUNK_SIZES)('JsonByteReader case-07 pretty array, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('cases/case-07-json-array.json'), chunkSize);

	expect(result.records.map((record) => record.temp_c)).toEqual([18.0, 18.1, 18.2, 18.3]);
	expect(result.recordLines).toEqual([2, 7, 12, 17]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([]);
});

test('JsonByteReader case-07b one-line array', () => {
	const result = read(fixture('cases/case-07b-json-array-oneline.jsonl'));

	expect(result.records.length).toBe(4);
	expect(result.recordLines).toEqual([1, 1, 1, 1]);
	expect(result.errors).toEqual([]);
});

test('JsonByteReader case-09 NaN tokens', () => {
	const result = read(fixture('cases/case-09-nan-infinity.jsonl'));

	expect(result.recordLines).toEqual([1, 7]);
	expect(result.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6]);
	const tokens = ['NaN', 'Infinity', '-Infinity', '+Infinity', 'nan'];
	result.errors.forEach((error, i) => {
		expect(error.message).toBe(
			`invalid JSON: ${tokens[i]} is not a JSON number (send null for a missing value)`
		);
	});
});

test('JsonByteReader case-10 big integer ids', () => {
	const result = read(fixture('cases/case-10-bigint-ids.jsonl'));

	expect(result.records.map((record) => record.trade_id)).toEqual([
		'9007199254740992',
		'9007199254740993',
		'6150000000000000123',
		'100000000000000000123'
	]);
	expect(new Set(result.records.map((record) => record.trade_id)).size).toBe(4);
	expect(result.records[0].ts).toBe(1714557600000);
});

test.each(['case-11-gzip.jsonl.gz', 'case-11b-gzip-misnamed.jsonl'])(
	'openBlob case-11 gzip %s',
	async (name) => {
		let raw = 0;
		const bytes = fixture(`cases/${name}`);
		const opened = await openBlob(new Blob([bytes]), (n) => (raw += n));
		const chunks: Uint8Array[] = [];
		for await (const chunk of opened.stream as unknown as AsyncIterable<Uint8Array>) {
			chunks.push(chunk);
		}
		const result = read(new Uint8Array(Buffer.concat(chunks)));

		expect(opened.gzip).toBe(true);
		expect(raw).toBe(bytes.length);
		expect(result.records.length).toBe(50);
		expect(result.records[0]).toEqual({
			ts: '2024-05-01T10:00:00Z',
			sensor: 'cold-room',
			temp_c: 20
		});
		expect(result.errors).toEqual([]);
	}
);

test('openBlob plain text', async () => {
	const opened = await openBlob(new Blob([text('{"a":1}\n')]), () => {});

	expect(opened.gzip).toBe(false);
});

test.each(CHUNK_SIZES)('JsonByteReader concatenated objects, %i-byte chunks', (chunkSize) => {
	const input = '{"a":1}{"a":2} {"a":"}{"}\t{"a":[4,{"b":5}]}\n{"a":6}';
	const result = read(text(input), chunkSize);

	expect(result.records.map((record) => record.a)).toEqual([1, 2, '}{', [4, { b: 5 }], 6]);
	expect(result.recordLines).toEqual([1, 1, 1, 1, 2]);
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JsonByteReader pretty-printed objects, %i-byte chunks', (chunkSize) => {
	const records = [
		{ a: 1, nested: { b: [1, 2] } },
		{ a: 2, s: 'x\\"y{' }
	];
	const input = records.map((record) => JSON.stringify(record, null, 2)).join('\r\n');
	const result = read(text(input), chunkSize);

	expect(result.records).toEqual(records);
	expect(result.recordLines).toEqual([1, 10]);
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JsonByteReader bad lines keep the rest, %i-byte chunks', (chunkSize) => {
	const result = read(fixture('bad-lines.jsonl'), chunkSize);

	expect(result.records.map((record) => record.value)).toEqual([10, 20, 30, 40, 50]);
	expect(result.errors.map((error) => error.line)).toEqual([3, 4, 7]);
	expect(result.errors[0].message).toBe(
		'incomplete record: line 4 starts a new record before this one closes'
	);
	expect(result.errors[1].message).toMatch(/^invalid JSON/);
	expect(result.errors[2].message).toBe('expected a JSON object, got number');
	expect(result.blankLines).toBe(1);
});

test('JsonByteReader string cut by a line end', () => {
	const result = read(text('{"a":"cut\n{"a":2}\n'));

	expect(result.records).toEqual([{ a: 2 }]);
	expect(result.errors).toEqual([
		{
			line: 1,
			message: 'incomplete record: the line ends inside a string before this one closes',
			text: '{"a":"cut'
		}
	]);
});

test.each(CHUNK_SIZES)('JsonByteReader invalid UTF-8, %i-byte chunks', (chunkSize) => {
	const bytes = new Uint8Array([
		...text('{"a":"ok"}\n{"a":"b'),
		0xff,
		0xfe,
		...text('c","v":2}\n{"a":"\uFFFD real"}\n')
	]);
	const result = read(bytes, chunkSize);

	expect(result.records.map((record) => record.a)).toEqual(['ok', 'b\uFFFD\uFFFDc', '\uFFFD real']);
	expect(result.records[1].v).toBe(2);
	expect(result.warnings).toEqual([
		{ line: 2, message: 'invalid UTF-8 bytes replaced with U+FFFD' }
	]);
});

/** Encodes `count` JSON Lines, with the invalid byte 0xFF in the string of each line in `badLines`. */
function linesWithBadBytes(count: number, badLines: number[]): Uint8Array {
	const parts: number[] = [];
	const encoder = new TextEncoder();
	for (let line = 1; line <= count; line++) {
		parts.push(...encoder.encode(`{"n":${line},"s":"a`));
		if (badLines.includes(line)) parts.push(0xff);
		parts.push(...encoder.encode('b"}\n'));
	}
	return new Uint8Array(parts);
}

/** Reads `bytes` in chunks through a reader whose sink takes whole lines, as the pipeline does. */
function readWholeLines(bytes: Uint8Array, chunkSize: number) {
	const out = {
		lines: [] as number[],
		takenWhole: 0,
		warnings: [] as { line: number; message: string }[]
	};
	const reader = new JsonByteReader({
		value: (_text, line) => out.lines.push(line),
		broken: () => {},
		warning: (line, message) => out.warnings.push({ line, message }),
		wholeLines: (text, start, line, taken) =>
			takeObjectLines(text, start, line, taken, (_text, takenLine) => {
				out.lines.push(takenLine);
				out.takenWhole++;
			})
	});
	for (let offset = 0; offset < bytes.length; offset += chunkSize) {
		reader.push(bytes.subarray(offset, offset + chunkSize));
	}
	reader.end();
	return out;
}

test.each(CHUNK_SIZES)(
	'JsonByteReader invalid UTF-8 on many lines, %i-byte chunks',
	(chunkSize) => {
		const result = read(linesWithBadBytes(8, [3, 5, 6]), chunkSize);

		expect(result.records.map((record) => record.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(result.records[4].s).toBe('a\uFFFDb');
		expect(result.warnings.map((warning) => warning.line)).toEqual([3, 5, 6]);
		expect(new Set(result.warnings.map((warning) => warning.message))).toEqual(
			new Set(['invalid UTF-8 bytes replaced with U+FFFD'])
		);
	}
);

test.each([1, 2, 3, 7, 64, 65536])(
	'JsonByteReader whole lines with invalid UTF-8, %i-byte chunks',
	(chunkSize) => {
		const result = readWholeLines(linesWithBadBytes(40, [3, 5, 31]), chunkSize);

		expect(result.lines).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(result.warnings.map((warning) => warning.line)).toEqual([3, 5, 31]);
	}
);

test('JsonByteReader invalid UTF-8 in a large file', () => {
	const result = readWholeLines(linesWithBadBytes(40_000, [3, 5, 30_001]), 65536);

	expect(result.lines).toEqual(Array.from({ length: 40_000 }, (_, i) => i + 1));
	expect(result.warnings.map((warning) => warning.line)).toEqual([3, 5, 30_001]);
	// Only the lines up to the last bad one of each chunk go the slow way.
	expect(result.takenWhole).toBeGreaterThan(30_000);
});

test.each(CHUNK_SIZES)(
	'JsonByteReader truncated sequence across chunks, %i-byte chunks',
	(chunkSize) => {
		// E2 82 starts a three-byte sequence that the quote after it cuts short.
		const bytes = new Uint8Array([
			...text('{"a":"x"}\n{"a":"'),
			0xe2,
			0x82,
			...text('"}\n{"a":"y"}\n{"a":"'),
			0xe2,
			...text('"}\n')
		]);
		const result = read(bytes, chunkSize);

		expect(result.records.map((record) => record.a)).toEqual(['x', '\uFFFD', 'y', '\uFFFD']);
		expect(result.warnings.map((warning) => warning.line)).toEqual([2, 4]);
	}
);

test('JsonByteReader invalid UTF-8 warnings are capped', () => {
	const badLines = Array.from({ length: 150 }, (_, i) => i + 1);
	const result = read(linesWithBadBytes(150, badLines), 4096);
	const lines = result.warnings.map((warning) => warning.line);

	expect(result.records.length).toBe(150);
	expect(lines).toEqual(badLines.slice(0, MAX_INVALID_UTF8_WARNINGS));
	expect(result.warnings.at(-1)?.message).toBe(
		'invalid UTF-8 bytes replaced with U+FFFD. Only the first 100 lines with invalid bytes are listed'
	);
	expect(result.warnings.at(-2)?.message).toBe('invalid UTF-8 bytes replaced with U+FFFD');
});

test('JsonByteReader array never closed', () => {
	const result = read(text('[{"a":1},\n{"a":2},\n{"a":'));

	expect(result.records).toEqual([{ a: 1 }, { a: 2 }]);
	expect(result.errors.map((error) => error.line)).toEqual([3]);
	expect(result.errors[0].message).toMatch(/^incomplete trailing record/);
	expect(result.warnings).toEqual([
		{
			line: 1,
			message:
				'the JSON array that starts on this line is never closed with ] ' +
				'(the input ends on line 3, after 3 elements)'
		}
	]);
});

test('JsonByteReader array of scalars', () => {
	const result = read(text('[1, "two", {"a":3}]'));

	expect(result.records).toEqual([{ a: 3 }]);
	expect(result.errors.map((error) => error.message)).toEqual([
		'expected a JSON object, got number',
		'expected a JSON object, got string'
	]);
});

/** Reads one JSONTestSuite parsing case. */
const suiteCase = (name: string) => fixture(`jsontestsuite/test_parsing/${name}`);

test.each(CHUNK_SIZES)('JsonByteReader array comma faults, %i-byte chunks', (chunkSize) => {
	const result = read(text('[{"t":1,"v":1} {"t":2,"v":2},,{"t":3,"v":3}]'), chunkSize);

	expect(result.records).toEqual([
		{ t: 1, v: 1 },
		{ t: 2, v: 2 },
		{ t: 3, v: 3 }
	]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([
		{ line: 1, message: 'missing comma between array elements 1 and 2' },
		{ line: 1, message: 'extra comma after array element 2' }
	]);
});

test.each(CHUNK_SIZES)('JsonByteReader comma faults over lines, %i-byte chunks', (chunkSize) => {
	const lines = ['[', '  {"t":1}', '  {"t":2},', '  ,{"t":3},', ']', '{"t":4}', ''];
	const result = read(text(lines.join('\r\n')), chunkSize);

	expect(result.records.map((record) => record.t)).toEqual([1, 2, 3, 4]);
	expect(result.recordLines).toEqual([2, 3, 4, 6]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([
		{ line: 3, message: 'missing comma between array elements 1 and 2' },
		{ line: 4, message: 'extra comma after array element 2' },
		{ line: 4, message: 'extra comma after array element 3, the last one' }
	]);
});

test('JsonByteReader comma before first element', () => {
	const result = read(text('[,{"t":1}]\n[,]\n'));

	expect(result.records).toEqual([{ t: 1 }]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([
		{ line: 1, message: 'extra comma before the first array element' },
		{ line: 2, message: 'extra comma before the first array element' }
	]);
});

test('JsonByteReader n_array_1_true_without_comma', () => {
	const result = read(suiteCase('n_array_1_true_without_comma.json'));

	expect(result.records).toEqual([]);
	expect(result.errors.map((error) => error.message)).toEqual([
		'expected a JSON object, got number',
		'expected a JSON object, got boolean'
	]);
	expect(result.warnings).toEqual([
		{ line: 1, message: 'missing comma between array elements 1 and 2' }
	]);
});

test('JsonByteReader n_array_double_comma', () => {
	const result = read(suiteCase('n_array_double_comma.json'));

	expect(result.errors.map((error) => error.message)).toEqual([
		'expected a JSON object, got number',
		'expected a JSON object, got number'
	]);
	expect(result.warnings).toEqual([{ line: 1, message: 'extra comma after array element 1' }]);
});

test('JsonByteReader n_array_unclosed_with_object_inside', () => {
	const result = read(suiteCase('n_array_unclosed_with_object_inside.json'));

	expect(result.records).toEqual([{}]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([
		{
			line: 1,
			message:
				'the JSON array that starts on this line is never closed with ] ' +
				'(the input ends on line 1, after 1 element)'
		}
	]);
	expect(result.emptyInput).toBeNull();
});

test('JsonByteReader n_structure_lone-open-bracket', () => {
	const result = read(suiteCase('n_structure_lone-open-bracket.json'));

	expect(result.records).toEqual([]);
	expect(result.errors).toEqual([]);
	expect(result.warnings).toEqual([
		{
			line: 1,
			message:
				'the JSON array that starts on this line is never closed with ] ' +
				'(the input ends on line 1, after 0 elements)'
		}
	]);
	expect(result.emptyInput).toBe('empty array');
});

test('JsonByteReader y_array_arraysWithSpaces', () => {
	const result = read(suiteCase('y_array_arraysWithSpaces.json'));

	expect(result.records).toEqual([]);
	expect(result.errors).toEqual([
		{ line: 1, message: 'expected a JSON object, got array', text: '[]' }
	]);
	expect(result.emptyInput).toBeNull();
});

test('JsonByteReader array element holding records', () => {
	// Each element of a top-level array is one record, so an array there is rejected whole.
	const result = read(text('[{"t":1},\n[{"t":2},{"t":3}]]\n'));

	expect(result.records).toEqual([{ t: 1 }]);
	expect(result.errors).toEqual([
		{ line: 2, message: 'expected a JSON object, got array', text: '[{"t":2},{"t":3}]' }
	]);
	expect(result.warnings).toEqual([]);
});

test.each([
	['n_single_space.json', 'whitespace'],
	['n_structure_no_data.json', 'empty'],
	['n_structure_UTF8_BOM_no_data.json', 'empty'],
	['y_array_empty.json', 'empty array'],
	['n_structure_double_array.json', 'empty arrays']
])('JsonByteReader empty input %s', (name, expected) => {
	const result = read(suiteCase(name));

	expect(result.records).toEqual([]);
	expect(result.errors).toEqual([]);
	expect(result.emptyInput).toBe(expected);
});

test('JsonByteReader JSON Lines has no empty input', () => {
	const result = read(text('\n{"t":1}\n\n'));

	expect(result.records).toEqual([{ t: 1 }]);
	expect(result.emptyInput).toBeNull();
});

test('JsonValueSplitter line taken whole is a value', () => {
	const splitter = new JsonValueSplitter();
	const takenLines: string[] = [];
	const sink: SplitSink = {
		value: () => {},
		broken: () => {},
		warning: () => {},
		wholeLines: (text, start, line, taken) =>
			takeObjectLines(text, start, line, taken, (value) => takenLines.push(value))
	};
	splitter.push('{"t":1}\n', sink);
	splitter.flush(sink);

	expect(takenLines).toEqual(['{"t":1}']);
	expect(splitter.emptyInput).toBeNull();
});

test('JsonByteReader whole lines after unnamed replacement', () => {
	// The invalid byte lies past the excerpt that a record over the length limit keeps, so no
	// warning names it. Later chunks without U+FFFD still go to the whole-line sink.
	const encoder = new TextEncoder();
	const tooLong = [
		...encoder.encode(`{"a":"${'x'.repeat(300)}`),
		0xff,
		...encoder.encode(`${'y'.repeat(300)}"}\n`)
	];
	const bytes = new Uint8Array([...tooLong, ...encoder.encode('{"a":1}\n'.repeat(20))]);
	const takenLines: string[] = [];
	const values: string[] = [];
	const reader = new JsonByteReader(
		{
			value: (text) => values.push(text),
			broken: () => {},
			warning: () => {},
			wholeLines: (text, start, line, taken) =>
				takeObjectLines(text, start, line, taken, (value) => takenLines.push(value))
		},
		400
	);
	for (let offset = 0; offset < bytes.length; offset += 64) {
		reader.push(bytes.subarray(offset, offset + 64));
	}
	reader.end();

	expect(values.length + takenLines.length).toBe(20);
	expect(takenLines.length).toBeGreaterThan(10);
});
