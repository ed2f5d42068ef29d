import fc from 'fast-check';
import { expect, test } from 'vitest';
import { decimate } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { fuzzRuns } from '../helpers/fuzz-runs';

const valueArbitrary = fc.oneof(
	{ weight: 10, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }
);

/** Records as [time, value] pairs, either sorted by time or in arrival order. */
const recordsArbitrary = fc
	.tuple(
		fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), valueArbitrary), {
			minLength: 1,
			maxLength: 300
		}),
		fc.boolean()
	)
	.map(([records, sorted]) => (sorted ? [...records].sort((a, b) => a[0] - b[0]) : records));

function pixelColumn(t: number, from: number, to: number, width: number): number {
	if (to === from) return 0;
	return Math.min(width - 1, Math.floor(((t - from) / (to - from)) * width));
}

test('decimate keeps every pixel column min and max', () => {
	fc.assert(
		fc.property(
			recordsArbitrary,
			fc.integer({ min: 0, max: 10_000 }),
			fc.integer({ min: 0, max: 10_000 }),
			fc.integer({ min: 1, max: 400 }),
			(records, a, b, width) => {
				const from = Math.min(a, b);
				const to = Math.max(a, b);
				const ring = new ColumnRing(records.length, 1);
				ring.append(
					records.length,
					Float64Array.from(records, (r) => r[0]),
					[Float64Array.from(records, (r) => r[1])]
				);
				const result = decimate(ring, ring.values(0), from, to, width);

				const inWindow = records.filter(([t, v]) => t >= from && t <= to && Number.isFinite(v));
				const points = Array.from(result.time, (t, i) => [t, result.value[i]] as const);
				const drawn = points.filter(([, v]) => !Number.isNaN(v));

				expect(result.time.length).toBeLessThanOrEqual(2 * width);
				// Every drawn point is a record in the window, never an invented one.
				for (const [t, v] of drawn) {
					expect(inWindow.some(([rt, rv]) => rt === t && Object.is(rv, v))).toBe(true);
				}
				for (let i = 1; i < points.length; i++) {
					expect(points[i][0]).toBeGreaterThanOrEqual(points[i - 1][0]);
				}

				const expectedMin = new Map<number, number>();
				const expectedMax = new Map<number, number>();
				for (const [t, v] of inWindow) {
					const c = pixelColumn(t, from, to, width);
					expectedMin.set(c, Math.min(expectedMin.get(c) ?? Infinity, v));
					expectedMax.set(c, Math.max(expectedMax.get(c) ?? -Infinity, v));
				}
				const actualMin = new Map<number, number>();
				const actualMax = new Map<number, number>();
				for (const [t, v] of drawn) {
					const c = pixelColumn(t, from, to, width);
					actualMin.set(c, Math.min(actualMin.get(c) ?? Infinity, v));
					actualMax.set(c, Math.max(actualMax.get(c) ?? -Infinity, v));
				}
				expect(actualMin).toEqual(expectedMin);
				expect(actualMax).toEqual(expectedMax);
			}
		),
		{ numRuns: fuzzRuns() }
	);
});
