import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseJsonLine, type LineResult } from '../../../src/lib/ingest/json-line';
import { LineSplitter } from '../../../src/lib/ingest/line-splitter';

/**
 * JSONTestSuite's parsing cases read as JSON Lines. The outcome of each `i_` case, the `n_`
 * cases that read as blank lines and the cases that span several lines are defined in
 * tests/fixtures/jsontestsuite/README.md and in the tables below.
 */
const folder = fileURLToPath(
	new URL('../../fixtures/jsontestsuite/test_parsing/', import.meta.url)
);
const names = readdirSync(folder).sort();

type Outcome = 'record' | 'records' | 'blank' | 'invalid' | 'not an object';

/** Reads a case as the file source does: a streaming UTF-8 decoder that drops a leading BOM. */
function readCase(name: string): string {
	return new TextDecoder('utf-8').decode(readFileSync(join(folder, name)));
}

function outcomeOf(result: LineResult): Outcome {
	if (result.kind !== 'error') return result.kind;
	if (result.error.message.startsWith('invalid JSON')) return 'invalid';
	expect(result.error.message).toMatch(/^expected a JSON object, got /);
	return 'not an object';
}

/** Splits and parses a whole text, returning each non-blank line's number and outcome. */
function readLines(text: string): [number, Outcome][] {
	const lines: [number, Outcome][] = [];
	const splitter = new LineSplitter();
	const onLine = (line: string, lineNumber: number) => {
		const outcome = outcomeOf(parseJsonLine(line, lineNumber));
		if (outcome !== 'blank') lines.push([lineNumber, outcome]);
	};
	splitter.push(text, onLine);
	splitter.flush(onLine);
	return lines;
}

/** Returns the outcome of a valid JSON text as a line: objects are records, arrays hold them. */
function validOutcome(text: string): Outcome {
	const first = text.trimStart()[0];
	if (first === '{') return 'record';
	if (first === '[') return 'records';
	return 'not an object';
}

const multiLine = names.filter((name) => /[\r\n]/.test(readCase(name)));
const singleLine = names.filter((name) => !multiLine.includes(name));

/** Cases that are empty or whitespace: a JSON Lines reader skips blank lines. */
const blankNoData = [
	'n_single_space.json',
	'n_structure_UTF8_BOM_no_data.json',
	'n_structure_no_data.json'
];

/**
 * Defined outcome of each implementation-defined case. Huge and tiny numbers parse to
 * ±Infinity, 0 or the nearest double. Lone surrogates stay in the string. Bytes that are not
 * UTF-8 decode to U+FFFD. UTF-16 text is invalid JSON, because files are read as UTF-8.
 */
const implementationDefined: Record<string, Outcome> = {
	'i_number_double_huge_neg_exp.json': 'records',
	'i_number_huge_exp.json': 'records',
	'i_number_neg_int_huge_exp.json': 'records',
	'i_number_pos_double_huge_exp.json': 'records',
	'i_number_real_neg_overflow.json': 'records',
	'i_number_real_pos_overflow.json': 'records',
	'i_number_real_underflow.json': 'records',
	'i_number_too_big_neg_int.json': 'records',
	'i_number_too_big_pos_int.json': 'records',
	'i_number_very_big_negative_int.json': 'records',
	'i_object_key_lone_2nd_surrogate.json': 'record',
	'i_string_1st_surrogate_but_2nd_missing.json': 'records',
	'i_string_1st_valid_surrogate_2nd_invalid.json': 'records',
	'i_string_UTF-16LE_with_BOM.json': 'invalid',
	'i_string_UTF-8_invalid_sequence.json': 'records',
	'i_string_UTF8_surrogate_U+D800.json': 'records',
	'i_string_incomplete_surrogate_and_escape_valid.json': 'records',
	'i_string_incomplete_surrogate_pair.json': 'records',
	'i_string_incomplete_surrogates_escape_valid.json': 'records',
	'i_string_invalid_lonely_surrogate.json': 'records',
	'i_string_invalid_surrogate.json': 'records',
	'i_string_invalid_utf-8.json': 'records',
	'i_string_inverted_surrogates_U+1D11E.json': 'records',
	'i_string_iso_latin_1.json': 'records',
	'i_string_lone_second_surrogate.json': 'records',
	'i_string_lone_utf8_continuation_byte.json': 'records',
	'i_string_not_in_unicode_range.json': 'records',
	'i_string_overlong_sequence_2_bytes.json': 'records',
	'i_string_overlong_sequence_6_bytes.json': 'records',
	'i_string_overlong_sequence_6_bytes_null.json': 'records',
	'i_string_truncated-utf-8.json': 'records',
	'i_string_utf16BE_no_BOM.json': 'invalid',
	'i_string_utf16LE_no_BOM.json': 'invalid',
	'i_structure_500_nested_arrays.json': 'records',
	'i_structure_UTF-8_BOM_empty_object.json': 'record'
};

/**
 * Cases whose text contains a line end, read as files. JSON Lines allows no line end inside a
 * value, so a value spread over lines gives one error per line, valid JSON or not.
 */
const multiLineOutcomes: Record<string, [number, Outcome][]> = {
	'n_array_newlines_unclosed.json': [
		[1, 'invalid'],
		[2, 'not an object'],
		[3, 'invalid']
	],
	'n_array_unclosed_with_new_lines.json': [
		[1, 'invalid'],
		[2, 'not an object'],
		[3, 'invalid']
	],
	'n_number_invalid-utf-8-in-int.json': [[1, 'invalid']],
	'n_object_bracket_key.json': [[1, 'invalid']],
	'n_string_unescaped_newline.json': [
		[1, 'invalid'],
		[2, 'invalid']
	],
	'n_structure_open_array_object.json': [[1, 'invalid']],
	'y_array_with_1_and_newline.json': [
		[1, 'invalid'],
		[2, 'invalid']
	],
	'y_number_double_close_to_zero.json': [[1, 'records']],
	'y_object_with_newlines.json': [
		[1, 'invalid'],
		[2, 'invalid'],
		[3, 'invalid']
	],
	'y_structure_trailing_newline.json': [[1, 'records']]
};

describe('JSONTestSuite', () => {
	test('fixture holds all 318 cases', () => {
		expect(names).toHaveLength(318);
		expect(multiLine.sort()).toEqual(Object.keys(multiLineOutcomes).sort());
	});

	test.each(singleLine.filter((name) => name.startsWith('y_')))('valid line %s', (name) => {
		const text = readCase(name);
		const result = parseJsonLine(text, 7);

		expect(outcomeOf(result)).toBe(validOutcome(text));
		if (result.kind === 'error') expect(result.error.line).toBe(7);
	});

	test.each(singleLine.filter((name) => name.startsWith('n_')))('invalid line %s', (name) => {
		const result = parseJsonLine(readCase(name), 7);

		if (blankNoData.includes(name)) {
			expect(result.kind).toBe('blank');
			return;
		}
		expect(outcomeOf(result)).toBe('invalid');
		if (result.kind === 'error') expect(result.error.line).toBe(7);
	});

	test.each(names.filter((name) => name.startsWith('i_')))('defined outcome %s', (name) => {
		const result = parseJsonLine(readCase(name), 7);

		expect(outcomeOf(result)).toBe(implementationDefined[name]);
		if (result.kind === 'error') expect(result.error.line).toBe(7);
	});

	test('implementation table lists every i_ case', () => {
		const cases = names.filter((name) => name.startsWith('i_'));
		expect(Object.keys(implementationDefined).sort()).toEqual(cases);
	});

	test.each(multiLine)('multi-line file %s', (name) => {
		expect(readLines(readCase(name))).toEqual(multiLineOutcomes[name]);
	});

	test.each(names.filter((name) => !name.startsWith('i_')))('wrapped as field %s', (name) => {
		// As the value of a field, no case is blank or a bare scalar, so each y_ case must give
		// a record and each n_ case an error. Line ends stay, because JSON.parse reads them as
		// whitespace outside strings.
		const result = parseJsonLine(`{"value":${readCase(name)}}`, 3);

		expect(result.kind).toBe(name.startsWith('y_') ? 'record' : 'error');
	});

	test('all cases in one file keep going', () => {
		const sentinel = '{"sentinel":true}';
		const lines = [sentinel, ...singleLine.map(readCase), sentinel];
		const read = readLines(lines.join('\n'));

		const expected: [number, Outcome][] = [[1, 'record']];
		singleLine.forEach((name, i) => {
			const text = lines[i + 1];
			let outcome: Outcome;
			if (name.startsWith('y_')) outcome = validOutcome(text);
			else if (name.startsWith('i_')) outcome = implementationDefined[name];
			else outcome = blankNoData.includes(name) ? 'blank' : 'invalid';
			if (outcome !== 'blank') expected.push([i + 2, outcome]);
		});
		expected.push([lines.length, 'record']);

		expect(read).toEqual(expected);
	});
});
