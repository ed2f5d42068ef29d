import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, BUCKET_MS, RateMeter } from '../../../src/lib/analysis/rate-meter';
import { expectClose } from '../helpers/close';

/** Records `perBatch` records every `everyMs` from `start` up to (not including) `end`. */
function feed(meter: RateMeter, start: number, end: number, everyMs: number, perBatch: number) {
	for (let now = start; now < end; now += everyMs) meter.record(perBatch, now);
}

describe('RateMeter', () => {
	it.each([
		{ everyMs: 10, perBatch: 10, rate: 1_000 },
		{ everyMs: 50, perBatch: 1, rate: 20 },
		{ everyMs: 16, perBatch: 1_600, rate: 100_000 }
	])('RateMeter steady $rate records per second', ({ everyMs, perBatch, rate }) => {
		const meter = new RateMeter();
		feed(meter, 0, 10_000, everyMs, perBatch);

		// Within 5 %: the divisor runs to `now` while the count stops at the last batch.
		expectClose(meter.rate(10_000), rate, 0.05, 'rate');
	});

	it('RateMeter returns zero when idle', () => {
		const meter = new RateMeter();
		feed(meter, 0, 1_000, 10, 10);

		expect(meter.rate(1_000 + BUCKET_COUNT * BUCKET_MS)).toBe(0);
	});

	it('RateMeter returns zero before records', () => {
		expect(new RateMeter().rate(12_345)).toBe(0);
	});

	it('RateMeter young stream uses elapsed time', () => {
		const meter = new RateMeter();
		feed(meter, 100_000, 100_500, 10, 5);

		// 250 records over 0.5 s, not over the full 2 s of buckets.
		expectClose(meter.rate(100_500), 500, 1e-9, 'rate');
	});

	it('RateMeter first burst is capped', () => {
		const meter = new RateMeter();
		meter.record(1_000, 5_000);

		expectClose(meter.rate(5_000), (1_000 * 1_000) / BUCKET_MS, 1e-9, 'rate');
	});

	it('RateMeter ignores invalid records', () => {
		const meter = new RateMeter();
		meter.record(0, 10);
		meter.record(-5, 10);
		meter.record(NaN, 10);
		meter.record(10, NaN);

		expect(meter.rate(20)).toBe(0);
	});

	it('RateMeter reset forgets arrivals', () => {
		const meter = new RateMeter();
		feed(meter, 0, 1_000, 10, 10);
		meter.reset();

		expect(meter.rate(1_000)).toBe(0);
	});
});
