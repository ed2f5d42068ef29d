import { describe, expect, it } from 'vitest';
import { readDecimalComma, type CsvDelimiter } from '../../../src/lib/ingest/csv-line';

describe('readDecimalComma', () => {
	it.each([
		['12,5', ';', '12.5'],
		['-12,5', ';', '-12.5'],
		['0,001', ';', '0.001'],
		['1,234', ';', '1.234'],
		[' 3,75 ', ';', '3.75'],
		['12,5', '\t', '12.5'],
		['0,125', '\t', '0.125'],
		['1234,567', '\t', '1234.567'],
		['12,34', '\t', '12.34'],
		['1.234,5', ';', '1234.5'],
		['-12.345.678,25', ';', '-12345678.25'],
		['1.234,5', '\t', '1234.5']
	])('readDecimalComma reads %j separated by %j as %s', (field, delimiter, text) => {
		const read = readDecimalComma(field, delimiter as CsvDelimiter);

		expect(read).toEqual({ kind: 'number', text, written: field.trim() });
		expect(Number(text)).not.toBeNaN();
	});

	it.each(['1,234', '-1,234', '999,000'])('readDecimalComma leaves %s in a tab file', (field) => {
		expect(readDecimalComma(field, '\t')).toEqual({ kind: 'ambiguous', written: field });
	});

	it.each([
		['1,234', '\t', '1.234'],
		['1.234', ';', '1234'],
		['-999.000', '\t', '-999000']
	])(
		'readDecimalComma reads %j separated by %j as %s after a decimal comma',
		(field, delimiter, text) => {
			const read = readDecimalComma(field, delimiter as CsvDelimiter, true);

			expect(read.kind === 'number' || read.kind === 'thousands').toBe(true);
			expect(read).toMatchObject({ text, written: field });
		}
	);

	it.each([
		['12.345.678', '12345678'],
		['-1.000.000', '-1000000']
	])('readDecimalComma drops thousands points of %s', (field, text) => {
		expect(readDecimalComma(field, ';')).toEqual({ kind: 'thousands', text, written: field });
		expect(readDecimalComma(field, '\t')).toEqual({ kind: 'thousands', text, written: field });
	});

	it.each(['1.234', '-12.500', '999.000'])(
		'readDecimalComma keeps %s as a decimal first',
		(field) => {
			expect(readDecimalComma(field, ';')).toEqual({ kind: 'point-or-thousands', written: field });
		}
	);

	it.each([
		['12,5', ','],
		['12.5', ';'],
		['0.125', ';'],
		['1.2345', ';'],
		['1234.567', ';'],
		['1.234.5', ';'],
		['1.234', ','],
		['12', ';'],
		['1,234,567', ';'],
		['1.23,5', ';'],
		['1234.567,5', ';'],
		['+12,5', ';'],
		[',5', ';'],
		['12,', ';'],
		['12,5e3', ';'],
		['12,5 kg', ';'],
		['', ';']
	])('readDecimalComma leaves %j separated by %j alone', (field, delimiter) => {
		expect(readDecimalComma(field, delimiter as CsvDelimiter)).toEqual({ kind: 'other' });
	});
});
