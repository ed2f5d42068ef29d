import { expect, test } from 'vitest';
import { recordCountSeriesName } from '../../../src/lib/mapping/derived-names';
import {
	formatCountWindow,
	parseCountWindow,
	recordCountName,
	RecordCounter
} from '../../../src/lib/mapping/record-count';

/** Counts `times` on one line and returns the count after each. */
function countAll(counter: RecordCounter, times: number[], line = 0): number[] {
	return times.map((time) => counter.add(time, line));
}

/** Reference count: records at or before index i, within (times[i] - window, times[i]]. */
function bruteForce(times: number[], windowMs: number): number[] {
	return times.map((time, i) => times.slice(0, i + 1).filter((t) => t > time - windowMs).length);
}

test('RecordCounter one record a second over 10 s', () => {
	const times = Array.from({ length: 30 }, (_, i) => 1_000 * i);
	const counts = countAll(new RecordCounter(10_000), times);

	expect(counts.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	expect(counts.slice(10)).toEqual(Array(20).fill(10));
});

test('RecordCounter window edge excludes a record exactly one window older', () => {
	const counter = new RecordCounter(60_000);

	expect(counter.add(0)).toBe(1);
	expect(counter.add(59_999)).toBe(2);
	// The record at 0 is exactly 60 s older: the window (0, 60000] leaves it out.
	expect(counter.add(60_000)).toBe(2);
	expect(counter.add(119_999)).toBe(2);
	expect(counter.add(120_000)).toBe(2);
	expect(counter.add(180_000)).toBe(1);
});

test('RecordCounter records at one time all count', () => {
	const counter = new RecordCounter(1_000);

	expect(countAll(counter, [5, 5, 5, 5])).toEqual([1, 2, 3, 4]);
	expect(counter.add(1_004)).toBe(5);
	expect(counter.add(1_005)).toBe(2);
});

test('RecordCounter lines count apart', () => {
	const counter = new RecordCounter(10_000);

	expect(counter.add(0, 0)).toBe(1);
	expect(counter.add(1_000, 1)).toBe(1);
	expect(counter.add(2_000, 0)).toBe(2);
	expect(counter.add(3_000, 2)).toBe(1);
	expect(counter.add(4_000, 1)).toBe(2);
	// Line 0's window (1000, 11000] leaves out its record at 0 only.
	expect(counter.add(11_000, 0)).toBe(2);
	// Line 1 saw nothing for 20 s: its two records are both out.
	expect(counter.add(24_000, 1)).toBe(1);
});

test('RecordCounter lines from maxLines on are gaps', () => {
	const counter = new RecordCounter(10_000, 2);

	expect(counter.add(0, 0)).toBe(1);
	expect(counter.add(0, 1)).toBe(1);
	expect(counter.add(0, 2)).toBeNaN();
	expect(counter.add(1_000, 5)).toBeNaN();
	expect(counter.add(1_000, 1)).toBe(2);
});

test('RecordCounter late record counts at the latest time', () => {
	const counter = new RecordCounter(10_000);

	expect(countAll(counter, [100_000, 101_000, 102_000])).toEqual([1, 2, 3]);
	// 95000 is older than the latest (102000): it is counted as if it came at 102000.
	expect(counter.add(95_000)).toBe(4);
	// A record far older than the window still counts itself and the window stays.
	expect(counter.add(1_000)).toBe(5);
	// The window does not move back: at 111000, the record at 101000 is exactly 10 s older.
	expect(counter.add(111_000)).toBe(4);
	expect(counter.add(112_500)).toBe(2);
});

test('RecordCounter late records never go negative', () => {
	const counter = new RecordCounter(1_000);
	const times = [5_000, 4_000, 3_000, 2_000, 7_000, 1_000, 9_000, 8_000, 20_000, 0];
	const counts = countAll(counter, times);

	expect(counts).toEqual([1, 2, 3, 4, 1, 2, 1, 2, 1, 2]);
	for (const count of counts) expect(count).toBeGreaterThanOrEqual(1);
});

test('RecordCounter queues one entry per distinct time', () => {
	const counter = new RecordCounter(1_000);
	// Ten records in each millisecond: the window contains 10,000 records in 1,000 entries.
	for (let ms = 0; ms < 3_000; ms++) {
		for (let r = 0; r < 10; r++) counter.add(ms);
	}

	expect(counter.add(3_000)).toBe(9_991);
	expect(counter.queued).toBe(1_000);
});

test('RecordCounter late records take no entry of their own', () => {
	const counter = new RecordCounter(10_000);
	countAll(counter, [5_000, 4_000, 3_000, 2_000, 1_000]);

	expect(counter.queued).toBe(1);
	counter.add(6_000, 1);
	expect(counter.queued).toBe(2);
});

test('RecordCounter arrival times without a time field', () => {
	// The builder passes arrival time when no time field is mapped, such as one message every
	// 400 ms of the wall clock.
	const arrivals = [0, 400, 800, 1_200, 1_600, 2_000, 2_400];
	const counts = countAll(new RecordCounter(1_000), arrivals);

	expect(counts).toEqual(bruteForce(arrivals, 1_000));
	expect(counts).toEqual([1, 2, 3, 3, 3, 3, 3]);
});

test('RecordCounter matches a brute-force count', () => {
	// Times in order, in bursts, so the queue wraps and grows past its first capacity.
	let seed = 7;
	const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
	const times: number[] = [];
	let time = 0;
	for (let i = 0; i < 2_000; i++) {
		time += random() < 0.3 ? 0 : Math.floor(random() * 50);
		times.push(time);
	}
	const counts = countAll(new RecordCounter(1_000), times);

	expect(counts).toEqual(bruteForce(times, 1_000));
});

test('RecordCounter rejects a window that is not positive', () => {
	expect(() => new RecordCounter(0)).toThrow(RangeError);
	expect(() => new RecordCounter(Number.NaN)).toThrow('windowMs must be a positive');
	expect(() => new RecordCounter(Infinity)).toThrow(RangeError);
});

test('parseCountWindow reads durations', () => {
	const cases: [string, number][] = [
		['10s', 10_000],
		['1m', 60_000],
		['5m', 300_000],
		['1min', 60_000],
		['1h', 3_600_000],
		['1500ms', 1_500],
		['30', 30_000],
		['0.5m', 30_000],
		['1.001s', 1_001],
		['1.005s', 1_005],
		[' 2 m ', 120_000]
	];
	for (const [text, windowMs] of cases) expect(parseCountWindow(text), text).toBe(windowMs);
});

test('parseCountWindow rejects what is no window', () => {
	const invalid = ['', 'abc', '1d', '-1m', '0', '999ms', '61m', '2h', '1.0005s', 'm', '1 m s'];
	for (const text of invalid) expect(parseCountWindow(text), text).toBeNaN();
});

test('formatCountWindow round-trips through parseCountWindow', () => {
	const cases: [number, string][] = [
		[10_000, '10s'],
		[60_000, '1m'],
		[90_000, '90s'],
		[300_000, '5m'],
		[3_600_000, '1h'],
		[1_500, '1500ms']
	];
	for (const [windowMs, text] of cases) {
		expect(formatCountWindow(windowMs)).toBe(text);
		expect(parseCountWindow(text)).toBe(windowMs);
	}
});

test('recordCountSeriesName avoids taken names', () => {
	expect(recordCountName(60_000)).toBe('records per 1m');
	expect(recordCountSeriesName(60_000, ['temp'])).toBe('records per 1m');
	expect(recordCountSeriesName(60_000, ['records per 1m'])).toBe('records per 1m (2)');
	expect(recordCountSeriesName(10_000, ['records per 10s', 'records per 10s (2)'])).toBe(
		'records per 10s (3)'
	);
});
