import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
	epochUnitOf,
	parseIsoDate,
	toTimestamp,
	type EpochUnit
} from '../../../src/lib/mapping/coerce-time';

/** 2024-05-01T12:00:00.250Z, the instant of case-25's first row. */
const INSTANT_MS = 1714564800250;

test.each<[number, EpochUnit]>([
	[0, 's'],
	[1714564800, 's'],
	[-1714564800, 's'],
	[99_999_999_999, 's'],
	[1e11, 'ms'],
	[INSTANT_MS, 'ms'],
	[99_999_999_999_999, 'ms'],
	[1e14, 'us'],
	[1714564800250000, 'us'],
	[1e17, 'ns'],
	[1714564800250000000, 'ns']
])('epochUnitOf %d', (value, unit) => {
	expect(epochUnitOf(value)).toBe(unit);
});

test.each<[string, unknown]>([
	['seconds', 1714564800.25],
	['milliseconds', 1714564800250],
	['microseconds', 1714564800250000],
	['nanoseconds', 1714564800250000000],
	['seconds string', '1714564800.250000'],
	['milliseconds string', '1714564800250'],
	['microseconds string', '1714564800250000'],
	['nanoseconds string', '1714564800250000000'],
	['nanoseconds bigint', 1714564800250000000n]
])('toTimestamp epoch %s by magnitude', (_name, value) => {
	expect(toTimestamp(value)).toBe(INSTANT_MS);
});

test.each<[EpochUnit, number]>([
	['s', 1714564800.25],
	['ms', 1714564800250],
	['us', 1714564800250000],
	['ns', 1714564800250000000]
])('toTimestamp epoch with unit %s', (unit, value) => {
	expect(toTimestamp(value, unit)).toBe(INSTANT_MS);
});

test('toTimestamp unit overrides magnitude', () => {
	// 1e11 reads as milliseconds (1973) by magnitude, or as seconds (year 5138) with unit 's'.
	expect(toTimestamp(1e11)).toBe(1e11);
	expect(toTimestamp(1e11, 's')).toBe(1e14);
	expect(toTimestamp(1714564800, 'ms')).toBe(1714564800);
	expect(toTimestamp('1714564800', 'ms')).toBe(1714564800);
});

test('toTimestamp case-25 rows agree', () => {
	const text = readFileSync(
		new URL('../../fixtures/cases/case-25-ts-epoch-units.jsonl', import.meta.url),
		'utf8'
	);
	const rows = text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	const expected = [1714564800250, 1714564801000, 1714651200999];
	const fields = ['t_s_float', 't_ms', 't_us', 't_ns_str', 't_ns_num', 't_kraken'];

	for (let row = 0; row < 3; row++) {
		for (const field of fields) {
			expect(toTimestamp(rows[row][field]), `row ${row + 1} ${field}`).toBe(expected[row]);
		}
		// Whole seconds lose the fraction, as the case expects.
		expect(toTimestamp(rows[row].t_s)).toBe(Math.floor(expected[row] / 1000) * 1000);
	}
});

test.each<[string, number]>([
	['2024-01-20T10:30:00Z', Date.UTC(2024, 0, 20, 10, 30)],
	['2024-01-20T10:30:00.5Z', Date.UTC(2024, 0, 20, 10, 30, 0, 500)],
	['2024-01-20T10:30:00.123Z', Date.UTC(2024, 0, 20, 10, 30, 0, 123)],
	['2024-01-20T10:30:00.123456Z', 1705746600123.456],
	['2024-01-20T10:30:00.123456789Z', 1705746600123.457],
	['2024-01-20T10:30:00,25Z', Date.UTC(2024, 0, 20, 10, 30, 0, 250)],
	['2024-01-20 10:30:00Z', Date.UTC(2024, 0, 20, 10, 30)],
	['2024-01-20t10:30:00z', Date.UTC(2024, 0, 20, 10, 30)],
	['2024-01-20T10:30Z', Date.UTC(2024, 0, 20, 10, 30)],
	['2024-01-20T10:30:00+02:00', Date.UTC(2024, 0, 20, 8, 30)],
	['2024-01-20T10:30:00+0200', Date.UTC(2024, 0, 20, 8, 30)],
	['2024-01-20T10:30:00+02', Date.UTC(2024, 0, 20, 8, 30)],
	['2024-01-20T10:30:00-05:30', Date.UTC(2024, 0, 20, 16, 0)],
	['2024-01-20T10:30:00.123456+00:00', 1705746600123.456],
	['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
	['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
	['  2024-01-20T10:30:00Z  ', Date.UTC(2024, 0, 20, 10, 30)]
])('toTimestamp ISO with zone %j', (text, expected) => {
	expect(toTimestamp(text)).toBe(expected);
});

// Zone-less strings are local time, so the expectations are built in local time too.
test.each<[string, number]>([
	['2024-01-20T10:30:00', new Date(2024, 0, 20, 10, 30).getTime()],
	['2024-01-20 10:30:00', new Date(2024, 0, 20, 10, 30).getTime()],
	['2024-01-20T10:30:00.250', new Date(2024, 0, 20, 10, 30, 0, 250).getTime()],
	['2024-01-20T10:30', new Date(2024, 0, 20, 10, 30).getTime()],
	['2024-01-20', new Date(2024, 0, 20).getTime()],
	['2024-07-01T12:00:00', new Date(2024, 6, 1, 12).getTime()]
])('toTimestamp ISO local time %j', (text, expected) => {
	expect(toTimestamp(text)).toBe(expected);
});

test('toTimestamp zone-less under TZ=UTC', () => {
	expect(new Date(0).getTimezoneOffset(), 'run the tests with TZ=UTC').toBe(0);
	expect(toTimestamp('2024-01-20T10:30:00')).toBe(Date.UTC(2024, 0, 20, 10, 30));
});

test('toTimestamp year below 100', () => {
	const expected = new Date(0);
	expected.setUTCFullYear(50, 5, 1);
	expect(toTimestamp('0050-06-01T00:00:00Z')).toBe(expected.getTime());
});

test.each<[string]>([
	[''],
	['abc'],
	['yesterday'],
	['Jan 20 2024'],
	['20/01/2024'],
	['2024-1-20'],
	['2024-01-20T'],
	['2024-01-20T10'],
	['10:30:00'],
	['2024-13-01'],
	['2024-00-10'],
	['2024-01-00'],
	['2024-02-30'],
	['2023-02-29'],
	['1900-02-29'],
	['2024-04-31'],
	['2024-01-20T24:00:00'],
	['2024-01-20T10:60:00'],
	['2024-01-20T10:30:60'],
	['2024-01-20T10:30:00+24:00'],
	['2024-01-20T10:30:00+02:60'],
	['2024-01-20T10:30:00 Z'],
	['2024-01-20T10:30:00.Z'],
	['2024-01-20T10:30:00.1234567890Z'],
	['2024-01-20T10:30:00+02:0'],
	['2024-01-20T10:30:00+2'],
	['2024-01-20T10:30:00Z+02'],
	['abcd-01-20'],
	['2024-ab-20'],
	['2024-01-2x'],
	['2024-01-20T1a:30'],
	['2024-01-20T10:3b'],
	['2024-01-20T10:30:5c'],
	['0x1A'],
	['12kWh']
])('toTimestamp invalid string %j', (text) => {
	expect(toTimestamp(text)).toBe(NaN);
});

test('toTimestamp short numeric string is epoch', () => {
	// Date.parse('1') is a date in 2001 in V8. Here '1' is one second after the epoch.
	expect(toTimestamp('1')).toBe(1000);
	expect(toTimestamp('2024')).toBe(2024000);
});

test.each<[string, unknown]>([
	['null', null],
	['undefined', undefined],
	['true', true],
	['object', { t: 1 }],
	['array', [1714564800]],
	['NaN', NaN],
	['Infinity', Infinity]
])('toTimestamp invalid %s', (_name, value) => {
	expect(toTimestamp(value)).toBe(NaN);
});

test.each<[string, number, EpochUnit | undefined, number]>([
	['largest Date', 8.64e15, 'ms', 8.64e15],
	['smallest Date', -8.64e15, 'ms', -8.64e15],
	['past largest Date', 8.64e15 + 1, 'ms', NaN],
	['seconds past Date range', 9e12, 's', NaN],
	['huge nanoseconds', 1e300, undefined, NaN]
])('toTimestamp range %s', (_name, value, unit, expected) => {
	expect(toTimestamp(value, unit)).toBe(expected);
});

test('parseIsoDate rejects plain numbers', () => {
	expect(parseIsoDate('1714564800')).toBe(NaN);
});
