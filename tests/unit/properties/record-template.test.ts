import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JsonByteReader } from '../../../src/lib/ingest/json-byte-reader';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { RecordTemplate } from '../../../src/lib/ingest/record-template';
import type { EpochUnit } from '../../../src/lib/mapping/coerce-time';
import { getPath } from '../../../src/lib/mapping/field-path';
import type { FieldPath, SourceMessage } from '../../../src/lib/protocol';
import { RecordSink } from '../../../src/lib/sources/file-source';
import { RecordPipeline, type MappingChoice } from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';
import { fuzzRuns } from '../helpers/fuzz-runs';

/**
 * Record templates must give what JSON.parse and the field paths give: the same columns, the
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

/** Returns a field's text: mostly of the type `usual` gives, as a real stream's fields are. */
function fieldText(usual: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 6, arbitrary: usual },
		fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
		valueText
	);
}
const timeText = fieldText(stringText);
const valueFieldText = fieldText(numberText);
const categoryText = fieldText(fc.constantFrom('"A"', '"B"', '"é"', '"\\u0041"'));
const nestedText = fieldText(
	fc.tuple(numberText, stringText).map(([v, s]) => `{"v":${v},"s":${s}}`)
);

/**
 * Keys and values of a record: mostly in one of two fixed orders, with values mostly of one
 * type each, as the records of a real stream are. Templates read only records of a shape and
 * types seen before.
 */
const entriesArbitrary = fc.oneof(
	fc.array(fc.tuple(fc.constantFrom(...keys), valueText), { maxLength: 6 }),
	fc.tuple(timeText, valueFieldText, categoryText).map(([t, v, c]) => [
		['t', t],
		['v', v],
		['c', c]
	]),
	fc.tuple(timeText, valueFieldText, categoryText, nestedText).map(([t, v, c, m]) => [
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

/** Records of the first line's shape, which has a template from the start, mostly. */
const firstShapeText = fc
	.tuple(timeText, valueFieldText, categoryText)
	.map(([t, v, c]) => `{"t":${t},"v":${v},"c":${c}}`);

/** A message of several records: a JSON array of record texts, with the usual faults mixed in. */
const arrayText = fc
	.tuple(
		fc.array(fc.oneof(recordText, firstShapeText), { maxLength: 4 }),
		fc.constantFrom('', ' ', '\n', ' \t'),
		fc.oneof(
			{ weight: 6, arbitrary: fc.constant('none') },
			fc.constantFrom('trailing comma', 'unclosed', 'text after', 'bom', 'nested')
		)
	)
	.map(([records, space, fault]) => {
		const body = records.join(`${space},${space}`);
		if (fault === 'trailing comma') return `[${body},]`;
		if (fault === 'unclosed') return `[${space}${body}`;
		if (fault === 'text after') return `[${body}] x`;
		if (fault === 'bom') return `\uFEFF[${body}]`;
		if (fault === 'nested') return `[[${body}]]`;
		return `${space}[${space}${body}${space}]${space}`;
	});

const lineText = fc.oneof(
	{ weight: 6, arbitrary: recordText },
	{ weight: 2, arbitrary: arrayText },
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
		// Derived series and filters read whole records, so templates stay off with them.
		derived: fc.constantFrom([], [{ name: 'twice', expression: 'v * 2' }]),
		filter: fc.constantFrom('v > 0', 'm.v != 1'),
		lenient: fc.boolean(),
		booleansAsNumbers: fc.boolean(),
		timeUnit: fc.constantFrom<EpochUnit[]>('s', 'ms', 'us', 'ns')
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

/** Counts the lines that templates read without JSON.parse, to show the test reaches them. */
function countScanned(lines: string[], choice: MappingChoice): number {
	const { pipeline } = collecting(choice, true);
	pipeline.line(firstLine, 1, 1000);
	pipeline.flush(true, 1000);
	return lines.filter((line, i) => {
		if (pipeline.scanLine(line, i + 2, 1000)) return true;
		// A line of a new shape goes through JSON.parse, and its record becomes a template.
		pipeline.line(line, i + 2, 1000);
		return false;
	}).length;
}

/** Parses `line` and returns its record, or undefined when it is not one object. */
function recordOf(line: string): object | undefined {
	const parsed = parseJsonLine(line, 1);
	return parsed.kind === 'record' ? (parsed.value as object) : undefined;
}

describe('RecordTemplate', () => {
	test('RecordTemplate reads what JSON.parse reads', () => {
		fc.assert(
			fc.property(
				lineText,
				lineText,
				fc.array(fc.option(pathArbitrary, { nil: null }), { minLength: 1, maxLength: 4 }),
				(sampleLine, line, paths) => {
					const sample = recordOf(sampleLine);
					const template = RecordTemplate.fromRecord(sample, paths);
					if (template === null) return;
					for (const text of [sampleLine, line]) {
						const out: unknown[] = [];
						if (!template.read(text, out)) continue;

						const record = recordOf(text);
						expect(record).toBeDefined();
						const expected = paths.map((path) =>
							path === null ? undefined : getPath(record, path)
						);
						expect(out).toStrictEqual(expected);
					}
				}
			),
			{ numRuns: fuzzRuns(2000) }
		);
	});

	test('RecordTemplate reads its own record', () => {
		fc.assert(
			fc.property(
				recordText,
				fc.array(pathArbitrary, { minLength: 1, maxLength: 4 }),
				fc.constantFrom(undefined, 1, '\t'),
				(line, paths, indent) => {
					const record = recordOf(line);
					const template = RecordTemplate.fromRecord(record, paths);
					if (template === null) return;
					// JSON.stringify writes each key once; Infinity comes back as null, another type.
					const text = JSON.stringify(record, null, indent);
					if (!isDeepStrictEqual(recordOf(text), record)) return;
					// An integer past 2^53 in a mapped field is left to the lossless parser.
					if (/[0-9]{16}/.test(text)) return;
					expect(template.read(text, [])).toBe(true);
				}
			),
			{ numRuns: fuzzRuns(2000) }
		);
	});

	test('RecordTemplate readLine matches read', () => {
		fc.assert(
			fc.property(
				lineText,
				lineText,
				fc.array(fc.option(pathArbitrary, { nil: null }), { minLength: 1, maxLength: 4 }),
				fc.constantFrom('\n', '\r\n', '\r', ' \t\n', ''),
				(sampleLine, line, paths, end) => {
					const template = RecordTemplate.fromRecord(recordOf(sampleLine), paths);
					if (template === null) return;
					// The line sits between others; no JSON value starts with "z".
					const text = `x\n${line}${end}z`;
					const out: unknown[] = [];
					const next = template.readLine(text, 2, out);

					const alone: unknown[] = [];
					const oneLine = end !== '' && !/^[ \t\n\r]|[\n\r]/.test(line);
					if (oneLine && template.read(line, alone)) {
						expect(next).toBe(2 + line.length + end.length);
						expect(out).toStrictEqual(alone);
					} else expect(next).toBe(-1);
				}
			),
			{ numRuns: fuzzRuns(2000) }
		);
	});

	test('RecordTemplate readLine rejects multi-line records', () => {
		const record = { t: '2024-01-20T10:30:00', v: 1, m: { v: [1, 2] } };
		const template = RecordTemplate.fromRecord(record, [['t'], ['v']]);
		const compact = JSON.stringify(record);
		expect(template?.readLine(`${compact}\r\n`, 0, [])).toBe(compact.length + 2);
		const indented = JSON.stringify(record, null, 2);
		expect(template?.read(indented, [])).toBe(true);
		expect(template?.readLine(`${indented}\n`, 0, [])).toBe(-1);
	});

	test('RecordTemplate reads seed-format lines', () => {
		const line =
			'{"timestamp": "2024-01-20T10:30:00", "value": -42.5e1, "category": "A", ' +
			'"status": "normal", "metadata": {"source": "sensor_1", "location": "building_a"}}';
		const paths = [['timestamp'], ['value'], ['metadata', 'source'], null, ['nope']];
		const template = RecordTemplate.fromRecord(recordOf(line), paths);
		const out: unknown[] = [];
		expect(template?.read(line, out)).toBe(true);
		expect(out).toStrictEqual(['2024-01-20T10:30:00', -425, 'sensor_1', undefined, undefined]);
		const next = line.replace('sensor_1', 'sensor_\\u0032').replace('-42.5e1', '0');
		expect(template?.read(next, out)).toBe(true);
		expect(out).toStrictEqual(['2024-01-20T10:30:00', 0, 'sensor_2', undefined, undefined]);
	});

	test.each([
		['duplicate key', '{"v":1,"v":2}'],
		['escaped key', '{"\\u0076":1}'],
		['integer past 2^53', '{"v":12345678901234567}'],
		['other type', '{"v":"1"}'],
		['missing key', '{}'],
		['extra key', '{"v":1,"w":2}'],
		['top-level array', '[{"v":1}]'],
		['byte order mark', '\uFEFF{"v":1}'],
		['leading zero', '{"v":01}'],
		['control character', '{"v":1,"s":"a\tb"}'],
		// Whitespace to String.prototype.trim or \s, but not to JSON.
		['form feed', '{\f"v":1}'],
		['vertical tab', '{"v":1\v}'],
		['no-break space', '{"v":\u00a01}'],
		['line separator', '{"v"\u2028:1}'],
		['text after the object', '{"v":1} {"v":2}']
	])('RecordTemplate leaves %s to JSON.parse', (_, line) => {
		const template = RecordTemplate.fromRecord({ v: 1 }, [['v']]);
		expect(template?.read(line, [])).toBe(false);
	});

	test.each([
		['a path to an object', { v: { w: 1 } }, [['v']]],
		['a path into an array', { v: [1] }, [['v', '0']]],
		['an array of objects', { v: 1, a: [{}] }, [['v']]],
		['a key written with an escape', { v: 1, 'a"b': 1 }, [['v']]],
		['no object', [1], [['v']]]
	])('RecordTemplate has no template for %s', (_, record, paths) => {
		expect(RecordTemplate.fromRecord(record, paths)).toBeNull();
	});

	test('RecordTemplate rejects a long run of spaces', () => {
		// Whitespace runs never meet in the pattern, so a failing match does not try every split.
		const template = RecordTemplate.fromRecord({ v: 1, a: [] }, [['v']]);
		const line = `{"v":1,"a":[${' '.repeat(200_000)}x]}`;
		expect(template?.read(line, [])).toBe(false);
	});
});

describe('RecordPipeline with record templates', () => {
	test('RecordPipeline lines match JSON.parse path', () => {
		fc.assert(
			fc.property(fc.array(lineText, { maxLength: 20 }), choiceArbitrary, (lines, choice) => {
				expect(readLines(lines, choice, true)).toStrictEqual(readLines(lines, choice, false));
			}),
			{ numRuns: fuzzRuns(500) }
		);
	});

	test('RecordPipeline arrays match JSON.parse path', () => {
		// A mapping that allows templates, and arrays mostly of the first line's shape, so that
		// most arrays reach the templates and their faults are checked there.
		const choice = { time: ['t'], values: [['v']], category: ['c'] };
		const arrays = fc.oneof(
			arrayText,
			fc.array(firstShapeText).map((r) => `[${r}]`)
		);
		fc.assert(
			fc.property(fc.array(arrays, { maxLength: 10 }), (lines) => {
				expect(readLines(lines, choice, true)).toStrictEqual(readLines(lines, choice, false));
			}),
			{ numRuns: fuzzRuns(500) }
		);
	});

	test('RecordPipeline file text matches JSON.parse path', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(lineText, fc.constantFrom('\n', '\r\n', '\r', ' \t\n')), {
					maxLength: 20
				}),
				fc.integer({ min: 1, max: 64 }),
				choiceArbitrary,
				(lines, chunkSize, choice) => {
					// Each line has its own line end, so one text mixes them.
					const text = `${firstLine}\n` + lines.map(([line, end]) => line + end).join('');
					const bytes = new TextEncoder().encode(text);
					expect(readText(bytes, chunkSize, choice, true)).toStrictEqual(
						readText(bytes, chunkSize, choice, false)
					);
				}
			),
			{ numRuns: fuzzRuns(500) }
		);
	});

	test('RecordPipeline templates read generated records', () => {
		const choice = { time: ['t'], values: [['v'], ['m', 'v']], category: ['c'] };
		const lines = fc.sample(recordText, { numRuns: 2000, seed: 1 });
		// Faults, duplicate keys and odd numbers send many generated lines to JSON.parse, so the
		// properties above are only worth something if a fair share still reaches a template.
		expect(countScanned(lines, choice)).toBeGreaterThan(lines.length / 10);
	});

	test('RecordPipeline booleans as numbers match JSON.parse path', () => {
		const choice: MappingChoice = {
			time: ['t'],
			values: [['v'], ['m', 'v']],
			category: ['c'],
			booleansAsNumbers: true
		};
		const lines = [
			'{"t":"2024-01-20T10:30:01","v":true,"c":"A"}',
			'{"t":"2024-01-20T10:30:02","v":false,"c":"A","m":{"v":true}}',
			'{"t":"2024-01-20T10:30:03","v":false,"c":"A"}',
			'[{"t":"2024-01-20T10:30:04","v":true,"c":"B"},{"t":"2024-01-20T10:30:05","v":2,"c":"B"}]',
			'{"t":"2024-01-20T10:30:06","v":"true","c":"A"}'
		];
		const scanned = readLines(lines, choice, true);
		expect(scanned).toStrictEqual(readLines(lines, choice, false));
		expect(countScanned(lines, choice)).toBeGreaterThan(0);

		const values = scanned
			.filter((message) => message.kind === 'batch')
			.flatMap((message) => (message.batch as { values: number[][] }).values[0]);
		expect(values).toEqual([1, 1, 0, 0, 1, 2, NaN]);
	});

	test('RecordPipeline templates read generated arrays', () => {
		const choice = { time: ['t'], values: [['v'], ['m', 'v']], category: ['c'] };
		const arrays = fc.array(recordText, { minLength: 1, maxLength: 3 }).map((r) => `[${r}]`);
		const lines = fc.sample(arrays, { numRuns: 2000, seed: 2 });
		expect(countScanned(lines, choice)).toBeGreaterThan(lines.length / 20);
	});
});

describe('RecordPipeline with record templates on fixtures', () => {
	const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
	const choices: MappingChoice[] = [
		{},
		{ time: ['timestamp'], values: [['value']], category: ['category'] },
		{ time: null, values: [['a'], ['b', 'c']], category: ['id'] },
		{ time: ['ts'], values: [['state'], ['decoded', 'alarm']], booleansAsNumbers: true }
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
