import { bin, range, thresholdSturges, type Bin } from 'd3-array';
import fc from 'fast-check';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { expect, test } from 'vitest';
import { windowHistogram } from '../../../src/lib/analysis/window-histogram';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { fuzzRuns } from '../helpers/fuzz-runs';

/**
 * d3.bin and simple-statistics over the values copied out of the window. Whole numbers that span
 * fewer values than Sturges' rule has bins get one bin per whole number, centred on it.
 */
function histogramWithD3(ring: ColumnRing, from: number, to: number) {
	const values: number[] = [];
	for (let i = 0; i < ring.length; i++) {
		const t = ring.timeAt(i);
		const v = ring.valueAt(0, i);
		if (t >= from && t <= to && Number.isFinite(v)) values.push(v);
	}
	if (values.length === 0) return undefined;
	const low = Math.min(...values);
	const high = Math.max(...values);
	const whole = values.every((v) => Number.isInteger(v));
	const binned = (bins: Bin<number, number>[]) => ({
		edges: [bins[0].x0 as number, ...bins.map((b) => b.x1 as number)],
		counts: bins.map((b) => b.length)
	});
	let binnedValues: { edges: number[]; counts: number[] };
	try {
		binnedValues = binned(
			whole && high - low < thresholdSturges(values)
				? bin()
						.domain([low - 0.5, high + 0.5])
						.thresholds(range(low + 0.5, high, 1))(values)
				: bin().domain(low === high ? [low - 0.5, high + 0.5] : [low, high])(values)
		);
	} catch (error) {
		// d3 cannot step a domain narrower than about 1e-306, such as [1e-310, 2e-310], and
		// throws; windowHistogram then gives one bin.
		if (!(error instanceof RangeError)) throw error;
		binnedValues = { edges: [low, high], counts: [values.length] };
	}
	return {
		...binnedValues,
		mean: mean(values),
		std: values.length > 1 ? sampleStandardDeviation(values) : 0,
		total: values.length
	};
}

const valueArbitrary = fc.oneof(
	fc.double({ min: -1e6, max: 1e6, noNaN: true }),
	fc.integer({ min: -20, max: 20 }),
	// Tenths and hundredths give thresholds closer than 1, which d3 finds by a negative increment.
	fc.integer({ min: -50, max: 50 }).map((k) => k / 10),
	fc.integer({ min: -50, max: 50 }).map((k) => k / 100),
	fc.constantFrom(NaN, Infinity, -Infinity, 0.1, 0.3, 1e-9, 1e-310, 2e-310)
);

test('windowHistogram matches d3.bin on any ring', () => {
	fc.assert(
		fc.property(
			fc.array(valueArbitrary, { minLength: 1, maxLength: 300 }),
			fc.integer({ min: 1, max: 200 }),
			fc.integer({ min: 0, max: 300 }),
			fc.integer({ min: 0, max: 300 }),
			fc.boolean(),
			(values, capacity, a, b, shuffled) => {
				const ring = new ColumnRing(capacity, 1, {});
				// Shuffled times leave the ring unsorted, where each record's time is checked.
				const time = Float64Array.from(values, (_, i) => (shuffled ? (i * 7919) % 301 : i));
				ring.append(values.length, time, [Float64Array.from(values)], {});
				const [from, to] = a <= b ? [a, b] : [b, a];

				const expected = histogramWithD3(ring, from, to);
				const actual = windowHistogram(ring, 0, from, to);
				if (expected === undefined) {
					expect(actual).toBeUndefined();
					return;
				}
				expect(actual?.edges).toEqual(expected.edges);
				expect(actual?.counts).toEqual(expected.counts);
				expect(actual?.total).toBe(expected.total);
				const scale = Math.max(1, Math.abs(expected.mean), expected.std);
				expect(Math.abs((actual?.mean ?? NaN) - expected.mean)).toBeLessThanOrEqual(1e-9 * scale);
				expect(Math.abs((actual?.std ?? NaN) - expected.std)).toBeLessThanOrEqual(1e-9 * scale);
			}
		),
		{ numRuns: fuzzRuns(300) }
	);
});
