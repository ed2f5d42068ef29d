import { afterEach, describe, expect, it } from 'vitest';
import {
	DBSCAN_FEATURES,
	dbscanFeatureChoices,
	dbscanFeatureName,
	dbscanFeatureRows,
	fieldOfFeature,
	readDbscanFeatureParam,
	unknownFieldProblem
} from '../../../src/lib/analysis/dbscan-features';
import type { DbscanFeature } from '../../../src/lib/protocol';

const at = (iso: string) => Date.parse(iso);

describe('dbscanFeatureRows', () => {
	const zone = process.env.TZ;
	afterEach(() => {
		process.env.TZ = zone;
	});

	it('dbscanFeatureRows change leaves the first record without one', () => {
		const time = [0, 1000, 2000, 3000, 4000];
		const rows = dbscanFeatureRows(time, [10, 12, NaN, 15, 14.5], 'change');

		expect(rows[0][0]).toBe(10);
		expect(rows[0][1]).toBeNaN();
		expect(rows[1]).toEqual([12, 2]);
		expect(rows[2][0]).toBeNaN();
		expect(rows[2][1]).toBeNaN();
		// A gap is skipped: the change is taken from the last finite value.
		expect(rows[3]).toEqual([15, 3]);
		expect(rows[4]).toEqual([14.5, -0.5]);
	});

	it('dbscanFeatureRows change after leading gaps', () => {
		const rows = dbscanFeatureRows([0, 1, 2], [NaN, 5, 7], 'change');

		expect(rows[1][1]).toBeNaN();
		expect(rows[2]).toEqual([7, 2]);
	});

	it('dbscanFeatureRows hour is the fraction of the UTC hour', () => {
		const time = [
			at('2024-05-01T10:00:00Z'),
			at('2024-05-01T10:15:00Z'),
			at('2024-05-01T10:45:36Z'),
			at('2024-05-01T23:59:59.999Z')
		];
		const rows = dbscanFeatureRows(time, [1, 2, 3, 4], 'hour');

		expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4]);
		expect(rows[0][1]).toBe(0);
		expect(rows[1][1]).toBe(0.25);
		expect(rows[2][1]).toBeCloseTo(0.76, 12);
		expect(rows[3][1]).toBeCloseTo(1 - 1 / 3_600_000, 12);
	});

	it('dbscanFeatureRows day is the fraction of the UTC day', () => {
		const time = [
			at('2024-05-01T00:00:00Z'),
			at('2024-05-01T06:00:00Z'),
			at('2024-05-02T18:00:00Z')
		];
		const rows = dbscanFeatureRows(time, [1, 2, 3], 'day');

		expect(rows.map((row) => row[1])).toEqual([0, 0.25, 0.75]);
	});

	it('dbscanFeatureRows ignores the local time zone', () => {
		// 10:15 UTC is 15:45 in Kolkata (UTC+5:30) and 06:15 in New York (UTC-4 in May).
		const time = [at('2024-05-01T10:15:00Z')];
		for (const tz of ['Asia/Kolkata', 'America/New_York']) {
			process.env.TZ = tz;
			// The zone is in force, or this test could not tell UTC from local time.
			expect(new Date(time[0]).getHours()).not.toBe(10);

			expect(dbscanFeatureRows(time, [1], 'hour')[0][1]).toBe(0.25);
			expect(dbscanFeatureRows(time, [1], 'day')[0][1]).toBeCloseTo(10.25 / 24, 12);
		}
	});

	it('dbscanFeatureRows before 1970 stays within 0 to 1', () => {
		const time = [at('1969-12-31T23:30:00Z'), at('1969-12-31T18:00:00Z')];

		expect(dbscanFeatureRows(time, [1, 2], 'hour').map((row) => row[1])).toEqual([0.5, 0]);
		expect(dbscanFeatureRows(time, [1, 2], 'day').map((row) => row[1])).toEqual([23.5 / 24, 0.75]);
	});

	it('dbscanFeatureRows none keeps the value alone', () => {
		const rows = dbscanFeatureRows([0, 1000], [3, NaN], 'none');

		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual([3]);
		expect(rows[1]).toHaveLength(1);
		expect(rows[1][0]).toBeNaN();
	});

	it('dbscanFeatureRows gives one row per record for each feature', () => {
		for (const feature of DBSCAN_FEATURES) {
			const rows = dbscanFeatureRows([0, 1000, 2000], [1, 2, 3], feature);
			expect(rows, feature).toHaveLength(3);
			expect(rows[0], feature).toHaveLength(feature === 'none' ? 1 : 2);
		}
	});

	it('dbscanFeatureRows rejects an unknown feature', () => {
		const run = () => dbscanFeatureRows([0], [1], 'minute' as DbscanFeature);

		expect(run).toThrow(RangeError);
		expect(run).toThrow('invalid DBSCAN second feature "minute"');
		expect(run).toThrow('expected one of change, hour, day, none');
	});

	it('dbscanFeatureRows rejects columns of different lengths', () => {
		expect(() => dbscanFeatureRows([0, 1], [1], 'hour')).toThrow('2 times but 1 values');
	});

	it('dbscanFeatureRows field pairs each value with its field', () => {
		const fields = new Map([['load.avg', [0.5, 0.25, 0.75]]]);
		const rows = dbscanFeatureRows([0, 1, 2], [10, 20, 30], 'field:load.avg', fields);

		expect(rows).toEqual([
			[10, 0.5],
			[20, 0.25],
			[30, 0.75]
		]);
	});

	it('dbscanFeatureRows field without a finite number', () => {
		const fields = new Map([['x', [NaN, Infinity, -Infinity, 4]]]);
		const rows = dbscanFeatureRows([0, 1, 2, 3], [1, 2, 3, 4], 'field:x', fields);

		expect(rows[0][1]).toBeNaN();
		expect(rows[1][1]).toBeNaN();
		expect(rows[2][1]).toBeNaN();
		expect(rows[3]).toEqual([4, 4]);
	});

	it('dbscanFeatureRows rejects an unknown field', () => {
		const fields = new Map([
			['x', [1]],
			['y', [2]]
		]);
		const run = () => dbscanFeatureRows([0], [1], 'field:z', fields);

		expect(run).toThrow(RangeError);
		expect(run).toThrow(
			'invalid DBSCAN second feature "field:z": numeric field "z" not found, expected one of x, y'
		);
	});

	it('dbscanFeatureRows rejects a field column of another length', () => {
		const fields = new Map([['x', [1, 2]]]);

		expect(() => dbscanFeatureRows([0], [1], 'field:x', fields)).toThrow(
			'2 numbers of field "x" but 1 values'
		);
	});
});

describe('dbscanFeatureChoices', () => {
	it('dbscanFeatureChoices without fields lists the built-in features', () => {
		const choices = dbscanFeatureChoices([]);

		expect(choices.map((choice) => choice.feature)).toEqual(['change', 'hour', 'day', 'none']);
		expect(choices[0].label).toBe('change from previous value');
	});

	it('dbscanFeatureChoices lists fields before none', () => {
		const choices = dbscanFeatureChoices(['hour_frac', 'load.avg']);

		expect(choices.map((choice) => choice.feature)).toEqual([
			'change',
			'hour',
			'day',
			'field:hour_frac',
			'field:load.avg',
			'none'
		]);
		expect(choices[3].label).toBe('field hour_frac');
	});

	it('dbscanFeatureChoices lists a chosen field not yet read', () => {
		const before = dbscanFeatureChoices([], 'field:hour_frac');
		const after = dbscanFeatureChoices(['hour_frac'], 'field:hour_frac');

		expect(before.map((choice) => choice.label)).toContain('field hour_frac');
		expect(after.filter((choice) => choice.feature === 'field:hour_frac')).toHaveLength(1);
		expect(dbscanFeatureChoices([], 'day')).toEqual(dbscanFeatureChoices([]));
	});

	it('fieldOfFeature reads the field path', () => {
		expect(fieldOfFeature('field:a\\.b.c')).toBe('a\\.b.c');
		expect(fieldOfFeature('field:')).toBe('');
		expect(fieldOfFeature('hour')).toBeNull();
	});

	it('dbscanFeatureName names a field by its path', () => {
		expect(dbscanFeatureName('field:hour_frac')).toBe('hour_frac');
		expect(dbscanFeatureName('day')).toBe('time of day (UTC)');
	});
});

describe('unknownFieldProblem', () => {
	it('unknownFieldProblem accepts a known field and built-in features', () => {
		expect(unknownFieldProblem('field:x', ['x'])).toBeNull();
		expect(unknownFieldProblem('change', [])).toBeNull();
	});

	it('unknownFieldProblem names the field and those available', () => {
		expect(unknownFieldProblem('field:z', ['x', 'y'])).toBe(
			'invalid DBSCAN second feature "field:z": numeric field "z" not found, expected one of x, y'
		);
	});

	it('unknownFieldProblem names a unoffered field', () => {
		const unoffered = { value: 'cpu', time: 'at', split: 'host.name', withoutNumber: ['gpu'] };

		expect(unknownFieldProblem('field:cpu', ['fan'], unoffered)).toBe(
			'invalid DBSCAN second feature "field:cpu": "cpu" is the value field, which DBSCAN ' +
				'clusters already, expected one of fan'
		);
		expect(unknownFieldProblem('field:at', ['fan'], unoffered)).toContain(
			'"at" is the time field, which the features hour and day read'
		);
		expect(unknownFieldProblem('field:host.name', ['fan'], unoffered)).toContain(
			'"host.name" is the split field'
		);
		expect(unknownFieldProblem('field:gpu', ['fan'], unoffered)).toBe(
			'invalid DBSCAN second feature "field:gpu": numeric field "gpu" has no finite number in ' +
				'the records read, expected one of fan'
		);
		expect(unknownFieldProblem('field:fan', ['fan'], unoffered)).toBeNull();
	});

	it('unknownFieldProblem in a file names the sample', () => {
		const unoffered = { value: 'cpu', time: null, split: null, withoutNumber: [] };

		expect(unknownFieldProblem('field:z', ['fan'], unoffered)).toBe(
			'invalid DBSCAN second feature "field:z": numeric field "z" not found in the first 50 ' +
				'records of the file or 1,000 spread over the rest, expected one of fan'
		);
	});

	it('unknownFieldProblem without fields', () => {
		expect(unknownFieldProblem('field:z', [])).toBe(
			'invalid DBSCAN second feature "field:z": numeric field "z" not found, and the dataset ' +
				'has none besides its value, time and split fields'
		);
	});
});

describe('readDbscanFeatureParam', () => {
	it('readDbscanFeatureParam reads each feature', () => {
		for (const feature of DBSCAN_FEATURES) {
			expect(readDbscanFeatureParam(feature)).toEqual({ value: feature });
		}
	});

	it('readDbscanFeatureParam keeps the default when absent', () => {
		expect(readDbscanFeatureParam(null)).toEqual({ value: undefined });
		expect(readDbscanFeatureParam('')).toEqual({ value: undefined });
	});

	it('readDbscanFeatureParam names an invalid value', () => {
		const read = readDbscanFeatureParam('Hour');

		expect(read.problem).toContain('invalid dbscan-feature "Hour"');
		expect(read.problem).toContain('expected change');
		expect(read.problem).toContain('none (value alone)');
		expect(read.problem).toContain('field:NAME');
	});

	it('readDbscanFeatureParam reads a field', () => {
		expect(readDbscanFeatureParam('field:hour_frac')).toEqual({ value: 'field:hour_frac' });
		expect(readDbscanFeatureParam('field:a.b')).toEqual({ value: 'field:a.b' });
	});

	it('readDbscanFeatureParam rejects a field without a name', () => {
		expect(readDbscanFeatureParam('field:').problem).toContain('invalid dbscan-feature "field:"');
	});
});
