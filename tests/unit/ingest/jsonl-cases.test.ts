import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { LineSplitter } from '../../../src/lib/ingest/line-splitter';
import type { RecordError } from '../../../src/lib/protocol';

interface Ingested {
	records: unknown[];
	/** Line number of each record, in order. */
	recordLines: number[];
	blankLines: number[];
	warnings: { line: number; warning: string }[];
	errors: RecordError[];
}

function readCase(name: string): Uint8Array {
	return readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url));
}

/**
 * Decodes `bytes` in chunks of `chunkSize` bytes as a file reader would, then splits and
 * parses the lines. The decoder keeps the BOM so that the splitter's own removal is tested.
 */
function ingest(bytes: Uint8Array, chunkSize: number): Ingested {
	const out: Ingested = { records: [], recordLines: [], blankLines: [], warnings: [], errors: [] };
	const onLine = (line: string, lineNumber: number) => {
		const result = parseJsonLine(line, lineNumber);
		if (result.kind === 'error') {
			out.errors.push(result.error);
			return;
		}
		if (result.warning !== undefined)
			out.warnings.push({ line: lineNumber, warning: result.warning });
		if (result.kind === 'blank') out.blankLines.push(lineNumber);
		if (result.kind === 'record') {
			out.records.push(result.value);
			out.recordLines.push(lineNumber);
		}
		if (result.kind === 'records') {
			for (const value of result.values) {
				out.records.push(value);
				out.recordLines.push(lineNumber);
			}
		}
	};

	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	const splitter = new LineSplitter();
	for (let offset = 0; offset < bytes.length; offset += chunkSize) {
		const chunk = bytes.subarray(offset, offset + chunkSize);
		splitter.push(decoder.decode(chunk, { stream: true }), onLine);
	}
	splitter.push(decoder.decode(), onLine);
	splitter.flush(onLine);
	return out;
}

const CHUNK_SIZES = [1, 2, 3, 7, 64, 65536];

test.each(CHUNK_SIZES)('JSON Lines case-01 BOM, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-01-ndjson-bom.jsonl'), chunkSize);

	expect(result.records.length).toBe(5);
	expect(result.records[0]).toEqual({
		ts: '2024-05-01T10:00:00Z',
		sensor: 'boiler-1',
		temp_c: 61.2
	});
	expect(result.recordLines).toEqual([1, 2, 3, 4, 5]);
	expect(result.warnings.map((warning) => warning.line)).toEqual([4]);
	expect(result.warnings[0].warning).toContain('U+FEFF');
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JSON Lines case-02 CRLF, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-02-ndjson-crlf.jsonl'), chunkSize);

	expect(result.records.length).toBe(4);
	expect(result.blankLines).toEqual([3]);
	expect(result.errors).toEqual([]);
	expect((result.records[2] as { note: string }).note).toBe('line1\r\nline2');
	for (const record of result.records as Record<string, unknown>[]) {
		for (const [key, value] of Object.entries(record)) {
			expect(key.endsWith('\r')).toBe(false);
			if (key !== 'note' && typeof value === 'string') expect(value.includes('\r')).toBe(false);
		}
	}
});

test.each(CHUNK_SIZES)('JSON Lines case-03 blank lines, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-03-ndjson-blank-lines.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.recordLines).toEqual([2, 4, 7]);
	expect(result.blankLines).toEqual([1, 3, 5, 6, 8]);
	expect(result.warnings).toEqual([
		{ line: 6, warning: 'blank line contains U+00A0, which JSON does not count as whitespace' }
	]);
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JSON Lines case-04 no final newline, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-04-ndjson-no-final-newline.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.records[2]).toEqual({ ts: '2024-05-01T10:00:20Z', sensor: 'boiler-1', temp_c: 57 });
	expect(result.errors).toEqual([]);
});

test.each(CHUNK_SIZES)('JSON Lines case-04b torn last line, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-04b-ndjson-torn-last-line.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.errors).toEqual([
		{
			line: 4,
			message: 'invalid JSON: Unterminated string at character 43',
			excerpt: '{"ts":"2024-05-01T10:00:30Z","sensor":"boi'
		}
	]);
});

test.each([7, 65536])('JSON Lines case-05 1.1 MB line, %i-byte chunks', (chunkSize) => {
	const result = ingest(readCase('case-05-ndjson-huge-line.jsonl'), chunkSize);

	expect(result.records.length).toBe(3);
	expect(result.recordLines).toEqual([1, 2, 3]);
	expect(result.errors).toEqual([]);
	const huge = result.records[1] as { rate_hz: number; samples: number[] };
	expect(huge.rate_hz).toBe(25600);
	expect(huge.samples.length).toBe(150_000);
});

test('JSON Lines case-07b one-line array', () => {
	const result = ingest(readCase('case-07b-json-array-oneline.jsonl'), 65536);

	expect(result.records.length).toBe(4);
	expect(result.recordLines).toEqual([1, 1, 1, 1]);
	expect(result.records.map((record) => (record as { temp_c: number }).temp_c)).toEqual([
		18.0, 18.1, 18.2, 18.3
	]);
	expect(result.errors).toEqual([]);
});
