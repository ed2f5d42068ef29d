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

		// The 245 records after the first arrival over the 0.49 s since it, not over the full 2 s.
		expectClose(meter.rate(100_490), 500, 1e-9, 'rate');
	});

	it('RateMeter first arrival alone is NaN', () => {
		const meter = new RateMeter();
		meter.record(1_000, 5_000);

		expect(meter.rate(5_000)).toBeNaN();
		expect(meter.rate(5_000 + BUCKET_MS - 1)).toBeNaN();
		// Nothing came after it: 0 records in the time since.
		expect(meter.rate(5_000 + BUCKET_MS)).toBe(0);
	});

	// A source flushes every 50 ms. Its first batch contains what it collected before that: a few
	// records when the flush came soon after the first record, or a backlog.
	it.each([{ first: 11 }, { first: 60 }])(
		'RateMeter first batch of $first at 1,000/s',
		({ first }) => {
			const meter = new RateMeter();
			meter.record(first, 1_000);
			expect(meter.rate(1_010)).toBeNaN();

			// Read at an arrival, so no part of a batch interval is missing from the count. Up to
			// 2,750 ms the first arrival is in the buckets. After that the steady 5 % applies.
			const readings = [
				{ now: 1_250, tolerance: 1e-9 },
				{ now: 1_500, tolerance: 1e-9 },
				{ now: 2_000, tolerance: 1e-9 },
				{ now: 2_750, tolerance: 1e-9 },
				{ now: 3_000, tolerance: 0.05 },
				{ now: 4_000, tolerance: 0.05 }
			];
			let fed = 1_050;
			for (const { now, tolerance } of readings) {
				feed(meter, fed, now + 1, 50, 50);
				fed = now + 50;
				expectClose(meter.rate(now), 1_000, tolerance, `rate at ${now} ms`);
			}
		}
	);

	it('RateMeter young stream between arrivals', () => {
		const meter = new RateMeter();
		meter.record(11, 1_000);
		feed(meter, 1_050, 1_501, 50, 50);

		// The count lacks the records still on their way: 500 records over 0.52 s.
		expectClose(meter.rate(1_520), (500 * 1_000) / 520, 1e-9, 'rate');
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
