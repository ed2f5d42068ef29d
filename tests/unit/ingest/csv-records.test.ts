import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../src/lib/ingest/csv-records';
import type { RecordError } from '../../../src/lib/protocol';

/** Reads `chunks` of CSV text and returns what the reader reported. */
function read(...chunks: string[]) {
	const records: [Record<string, string>, number][] = [];
	const errors: RecordError[] = [];
	const warnings: RecordError[] = [];
	const reader = new CsvRecordReader({
		record: (value, line) => records.push([value, line]),
		error: (error) => errors.push(error),
		warning: (warning) => warnings.push(warning)
	});
	for (const chunk of chunks) reader.push(chunk);
	reader.end();
	return { records, errors, warnings, blankLines: reader.blankLines };
}

describe('CsvRecordReader', () => {
	it('CsvRecordReader reads rows keyed by the header across chunks and line ends', () => {
		const result = read('\uFEFFt,v,note\r\n1,2.5,"a, ""b"""\r', '\n\n3,4,c');

		expect(result.records).toEqual([
			[{ t: '1', v: '2.5', note: 'a, "b"' }, 2],
			[{ t: '3', v: '4', note: 'c' }, 4]
		]);
		expect(result.errors).toEqual([]);
		expect(result.blankLines).toBe(1);
	});

	it('CsvRecordReader names unnamed and repeated columns with a warning', () => {
		const result = read('a,a,,a\n1,2,3,4\n');

		expect(result.records).toEqual([[{ a: '1', a_2: '2', column3: '3', a_3: '4' }, 2]]);
		expect(result.warnings.map((w) => w.message)).toEqual([
			'CSV column 2 repeats the name "a", so it is read as "a_2"',
			'CSV column 3 has no name, so it is read as "column3"',
			'CSV column 4 repeats the name "a", so it is read as "a_3"'
		]);
	});

	it('CsvRecordReader never takes a row for a header that could not be read', () => {
		const result = read('"t,v\n1,2\n3,4\n');

		expect(result.records).toEqual([]);
		expect(result.errors).toEqual([
			{ line: 1, message: 'invalid CSV header: a quoted field is not closed' },
			{ line: 2, message: 'row not read: the CSV header on line 1 could not be read' },
			{ line: 3, message: 'row not read: the CSV header on line 1 could not be read' }
		]);
	});

	it('CsvRecordReader rejects a short row and an open quote with their lines', () => {
		const result = read('t,v\n1\n"2,3\n4,5\n');

		expect(result.records).toEqual([[{ t: '4', v: '5' }, 4]]);
		expect(result.errors).toEqual([
			{ line: 2, message: 'invalid CSV row: 1 field, the header has 2' },
			{ line: 3, message: 'invalid CSV: a quoted field is not closed' }
		]);
	});

	it('CsvRecordReader reads a semicolon file with a warning', () => {
		const result = read('time;temp;"room; floor"\n2024-05-01 10:00;21.5;"A; 1"\n');

		expect(result.records).toEqual([
			[{ time: '2024-05-01 10:00', temp: '21.5', 'room; floor': 'A; 1' }, 2]
		]);
		expect(result.errors).toEqual([]);
		expect(result.warnings).toEqual([
			{ line: 1, message: 'CSV fields are separated by semicolons, as the header shows' }
		]);
	});

	it('CsvRecordReader reads decimal commas in a semicolon file', () => {
		// A spreadsheet saved where the comma is the decimal separator.
		const result = read(
			'time;temp;level;note\n',
			'2024-01-01T00:00:00Z;12,5;-0,25;a, b\n',
			'2024-01-01T00:01:00Z;1,234; 7,0 ;3,5 kg\n'
		);

		expect(result.records).toEqual([
			[{ time: '2024-01-01T00:00:00Z', temp: '12.5', level: '-0.25', note: 'a, b' }, 2],
			[{ time: '2024-01-01T00:01:00Z', temp: '1.234', level: '7.0', note: '3,5 kg' }, 3]
		]);
		expect(result.errors).toEqual([]);
		expect(result.warnings).toEqual([
			{ line: 1, message: 'CSV fields are separated by semicolons, as the header shows' },
			{
				line: 2,
				message:
					'read 12,5 as 12.5, and every number with one decimal comma alike, because the ' +
					'CSV fields are separated by semicolons'
			}
		]);
	});

	it('CsvRecordReader leaves a thousands-like comma as text in a tab file', () => {
		const result = read('t\tv\n1\t1,234\n2\t12,5\n3\t0,125\n4\t-2,500\n');

		expect(result.records.map(([record]) => record.v)).toEqual([
			'1,234',
			'12.5',
			'0.125',
			'-2.500'
		]);
		expect(result.warnings).toEqual([
			{ line: 1, message: 'CSV fields are separated by tabs, as the header shows' },
			{
				line: 2,
				message:
					'left 1,234 as text, and every number like it until the file shows a decimal ' +
					'comma: in a file separated by tabs it may be 1234 with a thousands comma or ' +
					'1.234 with a decimal comma. Write such numbers ' +
					'with a decimal point, or separate the fields with semicolons when the comma is a ' +
					'decimal comma'
			},
			{
				line: 3,
				message:
					'read 12,5 as 12.5, and every number with one decimal comma alike, because the ' +
					'CSV fields are separated by tabs'
			}
		]);
	});

	it('CsvRecordReader reads grouped integers in a semicolon file', () => {
		// Spreadsheets write whole numbers with thousands points where the comma is the decimal sign.
		const result = read('t;v\n1;1.500\n2;12.345.678\n3;2,5\n4;1.500\n5;0.125\n');

		expect(result.records.map(([record]) => record.v)).toEqual([
			'1.500',
			'12345678',
			'2.5',
			'1500',
			'0.125'
		]);
		expect(result.errors).toEqual([]);
		expect(result.warnings).toEqual([
			{ line: 1, message: 'CSV fields are separated by semicolons, as the header shows' },
			{
				line: 3,
				message:
					'read 12.345.678 as 12345678, and every integer with two or more such points ' +
					'alike, because a number has at most one decimal point'
			},
			{
				line: 4,
				message:
					'read 2,5 as 2.5, and every number with one decimal comma alike, because the CSV ' +
					'fields are separated by semicolons'
			},
			{
				line: 2,
				message:
					'read 1.500 as a decimal number before line 4 showed a decimal comma. If its ' +
					'point separates thousands it is 1500: such numbers are read so from that line on'
			},
			{
				line: 5,
				message:
					'read 1.500 as 1500, and every integer with points between groups of three ' +
					'digits alike, because the file writes decimal commas, as on line 4'
			}
		]);
	});

	it('CsvRecordReader warns when grouped-like decimals never meet a comma', () => {
		const result = read('t;v\n1;1.500\n2;2.250\n3;12.5\n');

		expect(result.records.map(([record]) => record.v)).toEqual(['1.500', '2.250', '12.5']);
		expect(result.warnings).toEqual([
			{ line: 1, message: 'CSV fields are separated by semicolons, as the header shows' },
			{
				line: 2,
				message:
					'read 1.500 as a decimal number, and every number like it: the file shows no ' +
					'decimal comma. If its point separates thousands it is 1500; write such numbers ' +
					'without the point'
			}
		]);
		expect(read('t;v\n1;12.5\n2;0.125\n').warnings).toHaveLength(1);
	});

	it('CsvRecordReader keeps a quoted decimal comma in a comma file', () => {
		const result = read('t,v\n1,"12,5"\n');

		expect(result.records).toEqual([[{ t: '1', v: '12,5' }, 2]]);
		expect(result.warnings).toEqual([]);
	});

	it('CsvRecordReader reads a tab-separated file', () => {
		const result = read('t\tv\n1\t2\n');

		expect(result.records).toEqual([[{ t: '1', v: '2' }, 2]]);
		expect(result.warnings.map((w) => w.message)).toEqual([
			'CSV fields are separated by tabs, as the header shows'
		]);
	});

	it('CsvRecordReader keeps commas when the header has as many of each', () => {
		const result = read('a;b,c;d,e\n1;2,3;4,5\n');

		expect(result.records).toEqual([[{ 'a;b': '1;2', 'c;d': '3;4', e: '5' }, 2]]);
		expect(result.warnings).toEqual([]);
	});
});
