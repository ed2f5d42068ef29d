import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../../src/lib/ingest/csv-line';
import { fieldSample } from '../../../src/lib/mapping/field-samples';
import { loadSeries } from '../../../src/lib/mapping/load-series';

describe('splitCsvLine', () => {
	it.each([
		{ line: 'a,b,c', fields: ['a', 'b', 'c'] },
		{ line: '"x, y",2', fields: ['x, y', '2'] },
		{ line: '"say ""hi""",', fields: ['say "hi"', ''] },
		{ line: '', fields: [''] }
	])('splitCsvLine reads $line', ({ line, fields }) => {
		expect(splitCsvLine(line)).toEqual(fields);
	});

	it('splitCsvLine rejects an open quote', () => {
		expect(splitCsvLine('"open,1')).toBeNull();
	});
});

describe('fieldSample', () => {
	it('fieldSample keeps a short list whole', () => {
		const records = Array.from({ length: 1_050 }, (_, i) => i);
		expect(fieldSample(records)).toEqual(records);
	});

	it('fieldSample spreads over a long list', () => {
		const records = Array.from({ length: 100_050 }, (_, i) => i);
		const sample = fieldSample(records) as number[];

		expect(sample).toHaveLength(1_050);
		expect(sample.slice(0, 51)).toEqual(Array.from({ length: 51 }, (_, i) => i));
		// One record every 100 after the first 50, up to the last hundred.
		expect(sample.slice(50, 53)).toEqual([50, 150, 250]);
		expect(sample.at(-1)).toBe(99_950);
	});
});

describe('loadSeries', () => {
	it('loadSeries lists a late field', () => {
		// The first 3,000 records carry v alone, the last 1,000 also a numeric late field.
		const lines = Array.from({ length: 4_000 }, (_, i) =>
			JSON.stringify({ t: 1_714_557_600_000 + i * 1000, v: i, late: i < 3_000 ? undefined : i % 5 })
		);
		const series = loadSeries(lines.join('\n'), 'late.jsonl', { fieldColumns: true });

		expect(series.valueFields).toEqual(['v', 'late']);
		const late = series.fieldColumns.get('late');
		expect(late?.slice(2_998, 3_002)).toEqual(Float64Array.of(NaN, NaN, 0, 1));
	});

	it('loadSeries reads CSV with a header', () => {
		const text =
			'timestamp,value\n2014-04-01 00:00:00,18.3\n2014-04-01 00:05:00,x\n2014-04-01 00:10:00,2\n';
		const series = loadSeries(text, 'a.CSV');
		expect(Array.from(series.time)).toEqual([
			new Date(2014, 3, 1, 0, 0).getTime(),
			new Date(2014, 3, 1, 0, 5).getTime(),
			new Date(2014, 3, 1, 0, 10).getTime()
		]);
		expect(series.values[0]).toBe(18.3);
		expect(Number.isNaN(series.values[1])).toBe(true);
		expect(series.values[2]).toBe(2);
		expect(series.mapping.values).toEqual([['value']]);
	});

	it('loadSeries reads decimal commas of a tab CSV file', () => {
		const text = 't\tv\n2024-01-01T00:00:00Z\t12,5\n2024-01-01T00:00:01Z\t-3,25\n';
		const series = loadSeries(text, 'tabs.csv');

		expect(Array.from(series.values)).toEqual([12.5, -3.25]);
		expect(series.errors.map((error) => [error.line, error.severity])).toEqual([
			[1, 'warning'],
			[2, 'warning']
		]);
		expect(series.errors[1].message).toContain('read 12,5 as 12.5');
	});

	it('loadSeries reports bad CSV rows by line', () => {
		const series = loadSeries('t,value\n2024-01-01,1\n2024-01-02\n"x,2\n2024-01-03,3', 'b.csv');
		expect(series.values).toHaveLength(2);
		expect(series.errors.map((e) => e.line)).toEqual([3, 4]);
		expect(series.errors[0].message).toMatch(/1 field, the header has 2/);
		expect(series.errors[1].message).toMatch(/quoted field/);
	});

	it('loadSeries reads JSON Lines with a path', () => {
		const text = '{"ts":1714557600000,"m":{"v":1}}\nnot json\n{"ts":1714557601000,"m":{"v":2}}';
		const series = loadSeries(text, 'c.jsonl', { value: 'm.v', time: 'ts' });
		expect(Array.from(series.values)).toEqual([1, 2]);
		expect(series.time[1]).toBe(1714557601000);
		expect(series.errors).toHaveLength(1);
		expect(series.errors[0].line).toBe(2);
	});

	it('loadSeries rejects NaN and Infinity by default', () => {
		const text = readFileSync('tests/fixtures/cases/case-09-nan-infinity.jsonl', 'utf8');
		const series = loadSeries(text, 'case-09.jsonl');

		expect(Array.from(series.values)).toEqual([1.5, 2.5]);
		expect(series.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6]);
		expect(series.errors.every((error) => error.severity === undefined)).toBe(true);
	});

	it('loadSeries lenient reads NaN and Infinity', () => {
		const text = readFileSync('tests/fixtures/cases/case-09-nan-infinity.jsonl', 'utf8');
		const series = loadSeries(text, 'case-09.jsonl', { lenient: true });

		expect(Array.from(series.values)).toEqual([1.5, NaN, Infinity, -Infinity, Infinity, NaN, 2.5]);
		expect(series.errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6]);
		expect(series.errors.every((error) => error.severity === 'warning')).toBe(true);
		expect(series.errors[0].message).toBe('read NaN as a gap');
	});

	it('loadSeries by size lists the mixed epoch units', () => {
		const text = readFileSync('tests/fixtures/epoch-near-1e11.jsonl', 'utf8');
		const series = loadSeries(text, 'epochs.jsonl', { unitHint: 'set it with --unit' });

		expect(series.time[0]).toBe(99_999_997_000_000);
		expect(series.time[3]).toBe(100_000_000_000);
		expect(series.errors).toEqual([
			{
				line: 1,
				severity: 'warning',
				message:
					'time field "time" holds 99999997000, read as epoch seconds: 5138-11-16. Read as ' +
					'milliseconds it is 1973-03-03. If that is meant, set it with --unit'
			},
			{
				line: 4,
				severity: 'warning',
				message:
					'time field "time" mixes epoch units: seconds at first, milliseconds here ' +
					'(100000000000); each value is read in the unit its size suggests. To read all ' +
					'in one unit, set it with --unit'
			}
		]);
	});

	it('loadSeries reads epochs in the chosen unit', () => {
		const text = readFileSync('tests/fixtures/epoch-near-1e11.jsonl', 'utf8');
		const series = loadSeries(text, 'epochs.jsonl', { timeUnit: 'ms' });

		expect(Array.from(series.time)).toEqual([
			99_999_997_000, 99_999_998_000, 99_999_999_000, 100_000_000_000, 100_000_001_000,
			100_000_002_000
		]);
		expect(new Date(series.time[0]).toISOString()).toBe('1973-03-03T09:46:37.000Z');
		expect(Array.from(series.values)).toEqual([10, 11, 12, 13, 14, 15]);
		expect(series.errors).toEqual([]);
	});

	it('loadSeries out of range epoch ends with the hint', () => {
		const text = '{"time":1e14,"v":1}\n{"time":2e14,"v":2}\n';
		const series = loadSeries(text, 'far.jsonl', { timeUnit: 's', unitHint: 'pick a unit' });

		expect(series.values).toHaveLength(0);
		expect(series.errors.map((error) => error.line)).toEqual([1, 2]);
		expect(series.errors[0].message).toBe(
			'invalid time in field "time": 100000000000000 read as epoch seconds (as chosen) is ' +
				'outside the dates JavaScript can represent; pick a unit'
		);
	});

	it('loadSeries reads booleans as 1 and 0 when asked', () => {
		const text = readFileSync('tests/fixtures/epoch-near-1e11.jsonl', 'utf8');
		const fields = { value: 'on', timeUnit: 'ms' as const };

		const series = loadSeries(text, 'epochs.jsonl', { ...fields, booleansAsNumbers: true });
		expect(Array.from(series.values)).toEqual([0, 1, 0, 1, 0, 1]);
		expect(series.valueFields).toEqual(['v', 'on']);

		expect(() => loadSeries(text, 'epochs.jsonl', fields)).toThrow(
			'no number in field "on" of epochs.jsonl: choose another value field'
		);
	});

	it('loadSeries reads the chosen field', () => {
		const text = [
			'{"time":"2024-05-01T00:00:00Z","cpu":0.5,"mem":{"used":100},"host":"a"}',
			'{"time":"2024-05-01T00:00:01Z","cpu":0.7,"mem":{"used":120},"host":"b"}'
		].join('\n');

		const inferred = loadSeries(text, 'e.jsonl');
		expect(inferred.valueFields).toEqual(['cpu', 'mem.used']);
		expect(Array.from(inferred.values)).toEqual([0.5, 0.7]);

		const chosen = loadSeries(text, 'e.jsonl', { value: 'mem.used' });
		expect(chosen.valueFields).toEqual(['cpu', 'mem.used']);
		expect(Array.from(chosen.values)).toEqual([100, 120]);
		expect(Array.from(chosen.time)).toEqual([
			Date.UTC(2024, 4, 1, 0, 0, 0),
			Date.UTC(2024, 4, 1, 0, 0, 1)
		]);
	});

	it('loadSeries lists an unseen field first', () => {
		const text = '{"a":1,"b.c":{"d":"n/a"}}\n{"a":2,"b.c":{"d":"8"}}';
		const series = loadSeries(text, 'f.jsonl', { value: 'b\\.c.d' });

		expect(series.valueFields).toEqual(['b\\.c.d', 'a']);
		expect(Array.from(series.values)).toEqual([NaN, 8]);
	});

	it('loadSeries names an empty field', () => {
		expect(() =>
			loadSeries('{"a":1,"b":"x"}\n{"a":2,"b":null}', 'g.jsonl', { value: 'b' })
		).toThrow('no number in field "b" of g.jsonl: choose another value field');
	});

	it('loadSeries names an empty file', () => {
		expect(() => loadSeries('', 'empty.jsonl')).toThrow('empty.jsonl has no records');
		expect(() => loadSeries('time,value\n', 'header.csv')).toThrow('header.csv has no records');
	});

	it('loadSeries names the first line when every line is rejected', () => {
		expect(() => loadSeries('\noops\n{"a":\n', 'bad.jsonl')).toThrow(
			/^no record of bad\.jsonl could be read: all 2 lines were rejected, the first at line 2: /
		);
	});

	it('loadSeries names a missing field', () => {
		expect(() => loadSeries('{"a":1}\n{"a":2}', 'g.jsonl', { value: 'nope' })).toThrow(
			'field "nope" not found in g.jsonl: choose another value field'
		);
	});

	it('loadSeries lists every numeric field', () => {
		const text = [
			'{"time":"2024-05-01T00:00:00Z","host":"a","seq":1,"cpu":0.5,"fan":3,"mem":"10"}',
			'{"time":"2024-05-01T00:00:01Z","host":"b","seq":2,"cpu":0.7,"fan":3,"mem":"12"}'
		].join('\n');

		const split = loadSeries(text, 'h.jsonl', { split: 'host' });
		expect(split.valueFields).toEqual(['cpu', 'seq', 'fan', 'mem']);
		expect(split.mapping.values).toEqual([['cpu']]);
	});

	it('loadSeries reads the other numeric fields into columns', () => {
		const text = [
			'{"time":"2024-05-01T00:00:00Z","host":"a","cpu":0.5,"fan":3,"mem":"10"}',
			'{"time":"2024-05-01T00:00:01Z","host":"b","cpu":0.7,"fan":4,"mem":"12"}',
			'{"time":"2024-05-01T00:00:02Z","host":"a","cpu":0.6,"fan":null,"mem":"11"}',
			'{"time":"2024-05-01T00:00:03Z","host":"a","cpu":0.8}'
		].join('\n');

		const series = loadSeries(text, 'h.jsonl', { split: 'host', fieldColumns: true });
		expect([...series.fieldColumns.keys()]).toEqual(['fan', 'mem']);
		expect(Array.from(series.fieldColumns.get('fan')!)).toEqual([3, 4, NaN, NaN]);
		expect(Array.from(series.fieldColumns.get('mem')!)).toEqual([10, 12, 11, NaN]);
		expect(series.errors).toEqual([]);

		const line = loadSeries(text, 'h.jsonl', { split: 'host', line: 'a', fieldColumns: true });
		expect(Array.from(line.values)).toEqual([0.5, 0.6, 0.8]);
		expect(Array.from(line.fieldColumns.get('fan')!)).toEqual([3, NaN, NaN]);
		expect(Array.from(line.fieldColumns.get('mem')!)).toEqual([10, 11, NaN]);
	});

	it('loadSeries reads no columns unless asked', () => {
		const series = loadSeries('{"a":1,"b":2}\n{"a":3,"b":4}', 'ab.jsonl');

		expect(series.valueFields).toEqual(['a', 'b']);
		expect(series.fieldColumns.size).toBe(0);
	});

	it('loadSeries without a value field throws', () => {
		expect(() => loadSeries('{"a":"x"}', 'd.jsonl')).toThrow(
			/no numeric value field found in d\.jsonl/
		);
	});

	describe('loadSeries split', () => {
		const text = [
			'{"ts":1714557601000,"sensor":"a","v":1}',
			'{"ts":1714557602000,"sensor":"b","v":10}',
			'{"ts":1714557603000,"v":100}',
			'{"ts":1714557604000,"sensor":"a","v":2}',
			'{"ts":1714557605000,"sensor":"b","v":20}'
		].join('\n');

		it('loadSeries split lists the values', () => {
			const series = loadSeries(text, 'd.jsonl', { split: 'sensor' });
			expect(series.lines).toEqual(['a', 'b']);
			expect(Array.from(series.values)).toEqual([1, 10, 100, 2, 20]);
			expect(series.mapping.values).toEqual([['v']]);
		});

		it('loadSeries split keeps one line', () => {
			const series = loadSeries(text, 'd.jsonl', { split: 'sensor', line: 'b' });
			expect(Array.from(series.time)).toEqual([1714557602000, 1714557605000]);
			expect(Array.from(series.values)).toEqual([10, 20]);
		});

		it('loadSeries split null line keeps unnamed', () => {
			const series = loadSeries(text, 'd.jsonl', { split: 'sensor', line: null });
			expect(Array.from(series.values)).toEqual([100]);
		});

		it('loadSeries split unknown line is empty', () => {
			const series = loadSeries(text, 'd.jsonl', { split: 'sensor', line: 'c' });
			expect(series.values).toHaveLength(0);
		});
	});
});
