import { describe, expect, it } from 'vitest';
import { RatePacer, recordsInDuration } from '../../../producer/rate-pacer';

describe('RatePacer', () => {
	it.each([
		{ rate: 20, nowMs: 0, expected: 1 },
		{ rate: 20, nowMs: 49, expected: 1 },
		{ rate: 20, nowMs: 50, expected: 2 },
		{ rate: 20, nowMs: 1000, expected: 21 },
		{ rate: 0.5, nowMs: 1999, expected: 1 },
		{ rate: 1_000_000, nowMs: 10, expected: 10_001 },
		{ rate: 20, nowMs: -100, expected: 1 }
	])('RatePacer due at rate $rate after $nowMs ms', ({ rate, nowMs, expected }) => {
		expect(new RatePacer(rate, 0).due(nowMs)).toBe(expected);
	});

	it('RatePacer due excludes taken records', () => {
		const pacer = new RatePacer(100, 1000);
		pacer.take(5);

		expect(pacer.due(1100)).toBe(6);
		expect(pacer.taken).toBe(5);
	});

	it('RatePacer due respects max', () => {
		expect(new RatePacer(1000, 0).due(1000, 50)).toBe(50);
	});

	it('RatePacer late ticks catch up without drift', () => {
		const pacer = new RatePacer(100, 0);
		// Ticks arrive late and unevenly; the total still follows elapsed time.
		for (const nowMs of [13, 47, 120, 121, 500, 999]) {
			pacer.take(pacer.due(nowMs));
		}

		expect(pacer.taken).toBe(100);
	});

	it('RatePacer stops at limit', () => {
		const pacer = new RatePacer(10, 0, 3);
		pacer.take(pacer.due(10_000));

		expect(pacer.taken).toBe(3);
		expect(pacer.finished).toBe(true);
		expect(pacer.due(20_000)).toBe(0);
	});

	it('RatePacer nextDueMs follows taken', () => {
		const pacer = new RatePacer(4, 100);
		pacer.take(3);

		expect(pacer.nextDueMs()).toBe(850);
	});

	it.each([0, -1, NaN])('RatePacer rejects rate %s', (rate) => {
		expect(() => new RatePacer(rate, 0)).toThrow(RangeError);
	});
});

describe('recordsInDuration', () => {
	it.each([
		{ durationS: 1, rate: 20, expected: 20 },
		{ durationS: 0.1, rate: 30, expected: 3 },
		{ durationS: 2.5, rate: 1, expected: 3 },
		{ durationS: 5, rate: 0.1, expected: 1 },
		{ durationS: 60, rate: 1_000_000, expected: 60_000_000 }
	])('recordsInDuration $durationS s at $rate/s', ({ durationS, rate, expected }) => {
		expect(recordsInDuration(durationS, rate)).toBe(expected);
	});
});
