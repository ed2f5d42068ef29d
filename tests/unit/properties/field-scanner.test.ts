import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JsonFieldScanner } from '../../../src/lib/ingest/field-scanner';
import { JsonByteReader } from '../../../src/lib/ingest/json-byte-reader';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { getPath } from '../../../src/lib/mapping/field-path';
import type { FieldPath, SourceMessage } from '../../../src/lib/protocol';
import { RecordSink } from '../../../src/lib/sources/file-source';
import { RecordPipeline, type MappingChoice } from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';
import { fuzzRuns } from '../helpers/fuzz-runs';

/**
 * The field scanner must give what JSON.parse and the field paths give: the same columns, the
 * same errors with the same line numbers and messages, the same warnings, for any line.
 */

const keys = ['t', 'v', 'c', 'm', 'x', '', '__proto__', 'a.b', 'toString'];

/** Number texts, JSON and not, including ones JSON.parse rounds or the lossless parser keeps. */
const numberText = fc.oneof(
	fc.double().map((x) => (Number.isFinite(x) ? String(x) : 'NaN')),
	fc.integer().map(String),
	fc.constantFrom(
		'-0',
		'0.1',
		'1e400',
		'-1E-400',
		'1.5E+3',
		'12345678901234567',
		'-9007199254740993',
		'1234567890123456',
		'0.30000000000000004',
		'123456789012345678901234567890.5',
		'007',
		'1.',
		'.5',
		'+1',
		'1e',
		'0x1A',
		'Infinity'
	)
);

/** String texts, with escapes, dates, epoch numbers as text and raw control characters. */
const stringText = fc.oneof(
	fc.string().map((s) => JSON.stringify(s)),
	fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
	fc.constantFrom(
		'"2024-01-20T10:30:00"',
		'"2024-01-20T10:30:00Z"',
		'"1705746600"',
		'"not a date"',
		'"A"',
		'"a\\u0041\\n"',
		'"tab\there"',
		'"\\ud800"',
		'"\\x41"',
		'"unclosed'
	)
);

/** JSON-like text of a value: scalars, arrays and objects with keys from `keys`. */
const valueText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		numberText,
		stringText,
		fc.constantFrom('true', 'false', 'null', 'nul', 'True'),
		fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
		fc
			.array(fc.tuple(fc.constantFrom(...keys), tie('value')), { maxLength: 4 })
			.map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)
	)
})).value;

/**
 * Keys and values of a record: mostly in one of two fixed orders, as the records of a real
 * stream are, because the scanner reads only records of a top-level shape seen before.
 */
const fieldText = fc.oneof(
	{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)) },
	valueText
);
const entriesArbitrary = fc.oneof(
	fc.array(fc.tuple(fc.constantFrom(...keys), valueText), { maxLength: 6 }),
	fc.tuple(fieldText, fieldText, fieldText).map(([t, v, c]) => [
		['t', t],
		['v', v],
		['c', c]
	]),
	fc.tuple(fieldText, fieldText, fieldText, fieldText).map(([t, v, c, m]) => [
		['t', t],
		['v', v],
		['c', c],
		['m', m]
	])
);

/** One record's text: an object of mapped and other keys, with the usual faults mixed in. */
const recordText = fc
	.tuple(
		entriesArbitrary,
		fc.constantFrom('', ' ', '\t', '  '),
		fc.oneof(
			{ weight: 6, arbitrary: fc.constant('none') },
			fc.constantFrom('escape key', 'duplicate', 'truncate', 'trailing', 'bom', 'comma')
		)
	)
	.chain(([entries, space, fault]) =>
		fc.nat(200).map((cut) => {
			const body = entries
				.map(([key, value]) => `${JSON.stringify(key)}${space}:${space}${value}`)
				.join(`,${space}`);
			let text = `{${space}${body}${space}}`;
			if (fault === 'escape key') text = text.replace('"t"', '"\\u0074"');
			if (fault === 'duplicate' && entries.length > 0) {
				text = `${text.slice(0, -1)},${JSON.stringify(entries[0][0])}:1}`;
			}
			if (fault === 'truncate') text = text.slice(0, cut % (text.length + 1));
			if (fault === 'trailing') text = `${text} x`;
			if (fault === 'bom') text = `\uFEFF${text}`;
			if (fault === 'comma') text = text.replace('}', ',}');
			return text;
		})
	);

const lineText = fc.oneof(
	{ weight: 6, arbitrary: recordText },
	{ weight: 1, arbitrary: fc.json() },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
	{ weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value, null, 1)) }
);

const pathArbitrary: fc.Arbitrary<FieldPath> = fc.oneof(
	fc.constantFrom(...keys).map((key) => [key]),
	fc.tuple(fc.constantFrom('m', 'x', '__proto__'), fc.constantFrom(...keys)).map((p) => [...p]),
	fc.constantFrom<FieldPath[]>(['m', 'm', 't'], ['m', '0'], ['m', 'length'])
);

const choiceArbitrary: fc.Arbitrary<MappingChoice> = fc.record(
	{
		time: fc.option(pathArbitrary, { nil: null }),
		values: fc.array(pathArbitrary, { minLength: 1, maxLength: 3 }),
		category: fc.option(pathArbitrary, { nil: null }),
		// Derived series and filters read whole records, so the scanner stays off with them.
		derived: fc.constantFrom([], [{ name: 'twice', expression: 'v * 2' }]),
		filter: fc.constantFrom('v > 0', 'm.v != 1'),
		lenient: fc.boolean()
	},
	{ requiredKeys: ['time', 'values', 'category'] }
);

/** The first line, which decides the mapping before the generated lines come. */
const firstLine = '{"t":"2024-01-20T10:30:00","v":1,"c":"A"}';

type Message = Record<string, unknown>;

/**
 * Creates a pipeline whose messages are collected, with typed arrays turned into arrays. The
 * field picker's report is not a message, so each message carries the report as it was then.
 */
function collecting(choice: MappingChoice, scanFields: boolean) {
	const messages: Message[] = [];
	const output = new SourceOutput();
	output.attach({
		postMessage: (message: SourceMessage) =>
			messages.push({ ...(plain(message) as Message), fields: plain(output.fieldReport) })
	} as unknown as MessagePort);
	const pipeline = new RecordPipeline(output, 'file', 'test', choice, { scanFields });
	return { pipeline, messages, output };
}

function plain(value: unknown): unknown {
	if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array);
	if (Array.isArray(value)) return value.map(plain);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
	}
	return value;
}

/** Feeds the lines one by one, as the WebSocket and SSE sources do, and returns the messages. */
function readLines(lines: string[], choice: MappingChoice, scanFields: boolean): Message[] {
	const { pipeline, messages, output } = collecting(choice, scanFields);
	pipeline.line(firstLine, 1, 1000);
	pipeline.flush(true, 1000);
	lines.forEach((line, i) => pipeline.line(line, i + 2, 2000 + i));
	pipeline.flush(true, 5000);
	return [...messages, { fields: plain(output.fieldReport) }];
}

/** Reads a whole text in chunks of `chunkSize` bytes, as the file source does. */
function readText(
	bytes: Uint8Array,
	chunkSize: number,
	choice: MappingChoice,
	scanFields: boolean
): Message[] {
	const { pipeline, messages, output } = collecting(choice, scanFields);
	const sink = new RecordSink(pipeline);
	sink.arrivalMs = 1000;
	const reader = new JsonByteReader(sink);
	for (let start = 0; start < bytes.length; start += chunkSize) {
		reader.push(bytes.subarray(start, start + chunkSize));
		pipeline.flush(false, 1000);
	}
	reader.end();
	pipeline.flush(true, 1000);
	return [...messages, { fields: plain(output.fieldReport) }];
}

/** Counts the lines that the scanner reads without JSON.parse, to show the test reaches it. */
function countScanned(lines: string[], choice: MappingChoice): number {
	const { pipeline } = collecting(choice, true);
	pipeline.line(firstLine, 1, 1000);
	pipeline.flush(true, 1000);
	return lines.filter((line, i) => {
		if (pipeline.scanLine(line, i + 2, 1000)) return true;
		// A line with a new shape goes through JSON.parse, and the scanner then expects it.
		pipeline.line(line, i + 2, 1000);
		return false;
	}).length;
}

describe('JsonFieldScanner', () => {
	test('JsonFieldScanner reads what JSON.parse reads', () => {
		fc.assert(
			fc.property(
				lineText,
				fc.array(pathArbitrary, { minLength: 1, maxLength: 4 }),
				(line, paths) => {
					const scanner = new JsonFieldScanner(paths);
					const parsed = parseJsonLine(line, 1);
					if (parsed.kind === 'record') scanner.expectKeys(Object.keys(parsed.value as object));
					const out: unknown[] = [];
					if (!scanner.scan(line, out)) return;

					expect(parsed.kind).toBe('record');
					if (parsed.kind !== 'record') return;
					const expected = paths.map((path) => getPath(parsed.value, path));
					expect(out).toStrictEqual(expected);
				}
			),
			{ numRuns: fuzzRuns(2000) }
		);
	});

	test('JsonFieldScanner rejects other top-level keys', () => {
		const scanner = new JsonFieldScanner([['v']]);
		expect(scanner.scan('{"v":1}', [])).toBe(false);
		scanner.expectKeys(['v', 'w']);
		expect(scanner.scan('{"v":1,"w":2}', [])).toBe(true);
		expect(scanner.scan('{"v":1}', [])).toBe(false);
		expect(scanner.scan('{"v":1,"w":2,"x":3}', [])).toBe(false);
		expect(scanner.scan('{"w":2,"v":1}', [])).toBe(false);
		expect(scanner.scan('{"v":1,"\\u0077":2}', [])).toBe(false);
		expect(scanner.scan('{}', [])).toBe(false);
	});

	test('JsonFieldScanner reads seed-format lines', () => {
		const scanner = new JsonFieldScanner([['timestamp'], ['value'], ['metadata', 'source']]);
		scanner.expectKeys(['timestamp', 'value', 'category', 'status', 'metadata']);
		const out: unknown[] = [];
		const line =
			'{"timestamp": "2024-01-20T10:30:00", "value": -42.5e1, "category": "A", ' +
			'"status": "normal", "metadata": {"source": "sensor_1", "location": "building_a"}}';
		expect(scanner.scan(line, out)).toBe(true);
		expect(out).toStrictEqual(['2024-01-20T10:30:00', -425, 'sensor_1']);
	});

	test.each([
		['duplicate key', '{"v":1,"v":2}'],
		['escaped key', '{"\\u0076":1}'],
		['integer past 2^53', '{"v":12345678901234567}'],
		['array on the path', '{"v":[{"w":1}]}'],
		['top-level array', '[{"v":1}]'],
		['byte order mark', '\uFEFF{"v":1}'],
		['leading zero', '{"v":01}'],
		['text after the object', '{"v":1} {"v":2}']
	])('JsonFieldScanner leaves %s to JSON.parse', (_, line) => {
		const scanner = new JsonFieldScanner([['v'], ['v', 'w']]);
		scanner.expectKeys(['v']);
		expect(scanner.scan(line, [])).toBe(false);
	});
});

describe('RecordPipeline with the field scanner', () => {
	test('RecordPipeline lines match JSON.parse path', () => {
		fc.assert(
			fc.property(fc.array(lineText, { maxLength: 20 }), choiceArbitrary, (lines, choice) => {
				expect(readLines(lines, choice, true)).toStrictEqual(readLines(lines, choice, false));
			}),
			{ numRuns: fuzzRuns(500) }
		);
	});

	test('RecordPipeline file text matches JSON.parse path', () => {
		fc.assert(
			fc.property(
				fc.array(lineText, { maxLength: 20 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.integer({ min: 1, max: 64 }),
				choiceArbitrary,
				(lines, lineEnd, chunkSize, choice) => {
					const text = [firstLine, ...lines].join(lineEnd) + lineEnd;
					const bytes = new TextEncoder().encode(text);
					expect(readText(bytes, chunkSize, choice, true)).toStrictEqual(
						readText(bytes, chunkSize, choice, false)
					);
				}
			),
			{ numRuns: fuzzRuns(500) }
		);
	});

	test('RecordPipeline scanner reads generated records', () => {
		const choice = { time: ['t'], values: [['v'], ['m', 'v']], category: ['c'] };
		const lines = fc.sample(recordText, { numRuns: 2000, seed: 1 });
		// Faults, duplicate keys and odd numbers send many generated lines to JSON.parse, so the
		// properties above are only worth something if a fair share still reaches the scanner.
		expect(countScanned(lines, choice)).toBeGreaterThan(lines.length / 10);
	});
});

describe('RecordPipeline with the field scanner on fixtures', () => {
	const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
	const choices: MappingChoice[] = [
		{},
		{ time: ['timestamp'], values: [['value']], category: ['category'] },
		{ time: null, values: [['a'], ['b', 'c']], category: ['id'] }
	];

	const suite = join(fixtures, 'jsontestsuite/test_parsing');
	const suiteNames = readdirSync(suite).sort();
	test.each(choices)('RecordPipeline JSONTestSuite cases match (%o)', (choice) => {
		for (const name of suiteNames) {
			const text = new TextDecoder().decode(readFileSync(join(suite, name)));
			const lines = text.split(/\r\n|\r|\n/);
			expect(readLines(lines, choice, true), name).toStrictEqual(readLines(lines, choice, false));

			const bytes = new TextEncoder().encode(`${firstLine}\n${text}`);
			expect(readText(bytes, 4096, choice, true), name).toStrictEqual(
				readText(bytes, 4096, choice, false)
			);
		}
	});

	const casesFolder = join(fixtures, 'cases');
	const caseNames = readdirSync(casesFolder).filter((name) => /\.jsonl?$/.test(name));
	test.each(choices)('RecordPipeline failure cases match (%o)', (choice) => {
		expect(caseNames.length).toBeGreaterThan(10);
		for (const name of caseNames) {
			const bytes = readFileSync(join(casesFolder, name));
			for (const chunkSize of [7, 65536]) {
				expect(readText(bytes, chunkSize, choice, true), name).toStrictEqual(
					readText(bytes, chunkSize, choice, false)
				);
			}
		}
	});
});
