import { expect, test } from 'vitest';
import { slopeFigures, slopeUnit, timeSpanMs } from '../../../src/lib/analysis/slope-unit';

test.each([
	[0, 'second'],
	[59_999, 'second'],
	[60_000, 'minute'],
	[3_599_999, 'minute'],
	[3_600_000, 'hour'],
	[86_399_999, 'hour'],
	[86_400_000, 'day'],
	[9 * 86_400_000, 'day']
])('slopeUnit of a span of %d ms is per %s', (span, name) => {
	expect(slopeUnit(span).name).toBe(name);
});

test('timeSpanMs takes the earliest and latest time in any order', () => {
	expect(timeSpanMs([5_000, 1_000, 9_000, 3_000])).toBe(8_000);
	expect(timeSpanMs([7])).toBe(0);
	expect(timeSpanMs([])).toBe(0);
	expect(timeSpanMs([NaN, 2_000, NaN, 4_000])).toBe(2_000);
});

test('slopeFigures converts a slope per day into a slope per minute', () => {
	// Ten minutes of records; 1,440 per day is 1 per minute.
	const time = Array.from({ length: 11 }, (_, i) => i * 60_000);
	const figures = slopeFigures({ slopePerDay: 1_440, slopeLow: 720, slopeHigh: 2_880 }, time, true);
	expect(figures.unit.name).toBe('minute');
	expect(figures.slope).toBe(1);
	expect(figures.low).toBe(0.5);
	expect(figures.high).toBe(2);
});

test('slopeFigures states a slope per record without times', () => {
	// 86,400,000 per day on an axis of record numbers is 1 per record.
	const records = Array.from({ length: 10 }, (_, i) => i + 1);
	const trend = { slopePerDay: 86_400_000, slopeLow: 43_200_000, slopeHigh: 172_800_000 };
	const figures = slopeFigures(trend, records, false);
	expect(figures.unit.name).toBe('record');
	expect(figures.slope).toBe(1);
	expect(figures.low).toBe(0.5);
	expect(figures.high).toBe(2);
});
