import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../../producer/rate-pacer';
import { SendRateMeter } from '../../../producer/send-rate';

/** Sends what a pacer at `rate` has due at each of `ticksMs`, and returns the meter. */
function pacedRun(rate: number, ticksMs: number[]): SendRateMeter {
	const pacer = new RatePacer(rate, 0);
	const meter = new SendRateMeter();
	for (const nowMs of ticksMs) {
		const due = pacer.due(nowMs);
		pacer.take(due);
		meter.sent(due, nowMs);
	}
	return meter;
}

describe('SendRateMeter', () => {
	it('SendRateMeter rate of even ticks', () => {
		const ticks = Array.from({ length: 101 }, (_, i) => i * 10);
		const meter = pacedRun(1000, ticks);

		expect(meter.total).toBe(1001);
		expect(meter.spanS).toBe(1);
		expect(meter.rate()).toBe(1000);
	});

	it('SendRateMeter rate of late uneven ticks', () => {
		// The pacer counts from elapsed time, so late ticks send more and the average holds.
		const meter = pacedRun(100_000, [0, 13, 47, 120, 121, 500, 870, 2000]);

		expect(meter.total).toBe(200_001);
		expect(meter.rate()).toBe(100_000);
	});

	it('SendRateMeter rate of a late start', () => {
		const meter = new SendRateMeter();
		// A client connected after 250 ms: the first send carries the records due since then.
		meter.sent(25, 250);
		meter.sent(50, 750);
		meter.sent(50, 1250);

		expect(meter.rate()).toBe(100);
	});

	it('SendRateMeter ignores empty sends', () => {
		const meter = new SendRateMeter();
		meter.sent(0, 0);
		meter.sent(10, 100);
		meter.sent(0, 5000);
		meter.sent(10, 200);

		expect(meter.spanS).toBe(0.1);
		expect(meter.rate()).toBe(100);
	});

	it('SendRateMeter rate before two sends', () => {
		const meter = new SendRateMeter();

		expect(meter.rate()).toBeNaN();
		expect(meter.describe(50)).toBe('send rate n/a over 0.00 s (50 requested)');
		meter.sent(5, 10);
		expect(meter.rate()).toBeNaN();
	});

	it('SendRateMeter describe', () => {
		const meter = pacedRun(1000, [0, 500, 1000]);

		expect(meter.describe(1000)).toBe('send rate 1000.0 records/s over 1.00 s (1000 requested)');
	});
});
