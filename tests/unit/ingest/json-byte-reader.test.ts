import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { JsonByteReader } from '../../../src/lib/ingest/json-byte-reader';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { openBlob } from '../../../src/lib/ingest/open-blob';

interface Read {
	records: Record<string, unknown>[];
	recordLines: number[];
	errors: { line: number; message: string; text: string }[];
	warnings: { line: number; message: string }[];
	blankLines: number;
}

function fixture(name: string): Uint8Array<ArrayBuffer> {
	return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

/** Reads `bytes` in chunks of `chunkSize` as the file source does, and parses each value. */
function read(bytes: Uint8Array, chunkSize = 65536, maxValueLength?: number): Read {
	const out: Read = { records: [], recordLines: [], errors: [], warnings: [], blankLines: 0 };
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

test('JsonByteReader array never closed', () => {
	const result = read(text('[{"a":1},\n{"a":2},\n{"a":'));

	expect(result.records).toEqual([{ a: 1 }, { a: 2 }]);
	expect(result.errors.map((error) => error.line)).toEqual([3]);
	expect(result.errors[0].message).toMatch(/^incomplete trailing record/);
	expect(result.warnings).toEqual([
		{ line: 1, message: 'the JSON array that starts on this line is never closed with ]' }
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
