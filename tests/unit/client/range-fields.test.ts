import { describe, expect, test } from 'vitest';
import {
	parseRangeEnd,
	parseRangeTime,
	readRangeFields
} from '../../../src/lib/client/range-fields';

describe('parseRangeTime', () => {
	test.each([
		['2026-12-05 10:05:00', Date.UTC(2026, 11, 5, 10, 5, 0)],
		['  2026-12-05 10:05:00  ', Date.UTC(2026, 11, 5, 10, 5, 0)],
		['2026-12-05T10:05:00Z', Date.UTC(2026, 11, 5, 10, 5, 0)],
		['2026-12-05 10:05', Date.UTC(2026, 11, 5, 10, 5, 0)],
		['2026-12-05', Date.UTC(2026, 11, 5)],
		['2026-12-05 10:05:00.25', Date.UTC(2026, 11, 5, 10, 5, 0, 250)],
		['2024-02-29 23:59:59', Date.UTC(2024, 1, 29, 23, 59, 59)]
	])('%j is a time', (text, expected) => {
		expect(parseRangeTime(text)).toBe(expected);
	});

	test.each(['', '   '])('%j is blank', (text) => {
		expect(parseRangeTime(text)).toBeUndefined();
	});

	test.each([
		'yesterday',
		'10:05',
		'5',
		'Dec 5 2026',
		'2026-02-30 10:00:00',
		'2025-02-29',
		'2026-12-05 25:00:00',
		'2026-12-05 10:60:00',
		'2026-12-05 10:05:00+01:00'
	])('%j is not a time', (text) => {
		expect(parseRangeTime(text)).toBeNaN();
	});
});

describe('parseRangeEnd', () => {
	test.each([
		['2026-12-05', Date.UTC(2026, 11, 5, 23, 59, 59, 999)],
		['2026-12-05 10:05', Date.UTC(2026, 11, 5, 10, 5, 59, 999)],
		['2026-12-05T10:05:00Z', Date.UTC(2026, 11, 5, 10, 5, 0, 999)],
		['2026-12-05 10:05:00.2', Date.UTC(2026, 11, 5, 10, 5, 0, 299)],
		['2026-12-05 10:05:00.25', Date.UTC(2026, 11, 5, 10, 5, 0, 259)],
		['2026-12-05 10:05:00.250', Date.UTC(2026, 11, 5, 10, 5, 0, 250)],
		['2024-12-31 23:59:59', Date.UTC(2024, 11, 31, 23, 59, 59, 999)]
	])('%j ends at its last millisecond', (text, expected) => {
		expect(parseRangeEnd(text)).toBe(expected);
	});

	test('parseRangeEnd blank and invalid', () => {
		expect(parseRangeEnd(' ')).toBeUndefined();
		expect(parseRangeEnd('2026-02-30')).toBeNaN();
		expect(parseRangeEnd('yesterday')).toBeNaN();
	});
});

describe('readRangeFields', () => {
	test('both fields', () => {
		expect(readRangeFields('2026-12-05 10:01:00', '2026-12-05 10:05:00')).toEqual({
			range: { from: Date.UTC(2026, 11, 5, 10, 1), to: Date.UTC(2026, 11, 5, 10, 5, 0, 999) }
		});
	});

	test('blank fields leave the range open', () => {
		expect(readRangeFields('', '')).toEqual({ range: { from: undefined, to: undefined } });
		expect(readRangeFields('', '2026-12-05 10:05:00')).toEqual({
			range: { from: undefined, to: Date.UTC(2026, 11, 5, 10, 5, 0, 999) }
		});
	});

	test('equal From and To take that second', () => {
		const time = Date.UTC(2026, 11, 5, 10, 5);
		expect(readRangeFields('2026-12-05 10:05:00', '2026-12-05 10:05:00')).toEqual({
			range: { from: time, to: time + 999 }
		});
	});

	test('equal dates take that day', () => {
		expect(readRangeFields('2026-12-05', '2026-12-05')).toEqual({
			range: { from: Date.UTC(2026, 11, 5), to: Date.UTC(2026, 11, 6) - 1 }
		});
	});

	test('From after To', () => {
		expect(readRangeFields('2026-12-05 10:05:00', '2026-12-05 10:01:00')).toEqual({
			error:
				'Invalid range: From "2026-12-05 10:05:00" is after To "2026-12-05 10:01:00". ' +
				'Make From the earlier time, or swap the two.'
		});
	});

	test('From not a time', () => {
		expect(readRangeFields(' yesterday ', '2026-12-05 10:01:00')).toEqual({
			error:
				'Invalid From "yesterday": write a time as YYYY-MM-DD HH:MM:SS in UTC, or leave ' +
				'From blank to start at the beginning of the session.'
		});
	});

	test('To not a time', () => {
		expect(readRangeFields('2026-12-05 10:01:00', '2026-02-30 10:00:00')).toEqual({
			error:
				'Invalid To "2026-02-30 10:00:00": write a time as YYYY-MM-DD HH:MM:SS in UTC, or ' +
				'leave To blank to end at the end of the session.'
		});
	});
});
