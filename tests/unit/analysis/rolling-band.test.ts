import { randomLcg, randomNormal } from 'd3-random';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import { MIN_HISTORY } from '../../../src/lib/analysis/rolling-zscore';
import type { ColumnBatch, ViewQuery } from '../../../src/lib/protocol';
import { decimateBand } from '../../../src/lib/store/decimate-band';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { expectClose } from '../helpers/close';

/** The band columns are float32, so the bounds carry float32 rounding of σ and the deviation. */
const BAND_TOLERANCE = 1e-6;

function batchOf(time: number[], value: number[]): ColumnBatch {
	return {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: new Int32Array(0),
		newCategories: []
	};
}

/** Resets the engine for one series and feeds `value` at 1 s steps, in batches of `size`. */
function feed(engine: AnalysisEngine, value: number[], size = 37): void {
	engine.handle({ kind: 'reset', series: ['value'], source: 'simulator', label: 'test' }, 0);
	for (let start = 0; start < value.length; start += size) {
		const slice = value.slice(start, start + size);
		const time = slice.map((_, i) => (start + i) * 1000);
		engine.handle({ kind: 'batch', batch: batchOf(time, slice) }, 0);
	}
}

/** Gaussian noise around `level`, with NaN gaps. */
function noisy(count: number, level: number, seed: number): number[] {
	const source = randomLcg(seed);
	const normal = randomNormal.source(source)(level, 3);
	return Array.from({ length: count }, () => (source() < 0.03 ? NaN : normal()));
}

/**
 * Reference band of record i from simple-statistics: mean and sample standard deviation of the
 * previous `window` finite values, or null with fewer than MIN_HISTORY of them.
 */
function referenceBand(
	values: number[],
	i: number,
	window: number,
	k: number
): { lower: number; upper: number } | null {
	if (!Number.isFinite(values[i])) return null;
	const history = values.slice(0, i).filter(Number.isFinite).slice(-window);
	if (history.length < MIN_HISTORY) return null;
	const centre = mean(history);
	const half = k * sampleStandardDeviation(history);
	return { lower: centre - half, upper: centre + half };
}

/** Builds a view query with one pixel column per record, so that each band point is one record. */
function perRecordView(count: number, band: number): ViewQuery {
	return { width: count, spanMs: 0, series: 0, from: 0, to: count * 1000, band };
}

describe('rolling band', () => {
	it.each([
		{ k: 1, zWindow: 100, level: 50 },
		{ k: 2.5, zWindow: 30, level: 50 },
		{ k: 4, zWindow: 100, level: 1e9 }
	])('band matches simple-statistics at k=$k, zWindow=$zWindow', ({ k, zWindow, level }) => {
		const values = noisy(400, level, 3);
		const engine = new AnalysisEngine({ zWindow });
		feed(engine, values);
		const view = engine.view(perRecordView(values.length, k), 0);
		const band = view.band;
		if (!band) throw new Error('view has no band');

		const expected = values
			.map((_, i) => ({ time: i * 1000, bounds: referenceBand(values, i, zWindow, k) }))
			.filter((entry) => entry.bounds !== null);
		expect(Array.from(band.time)).toEqual(expected.map((entry) => entry.time));
		expected.forEach((entry, n) => {
			const spread = entry.bounds!.upper - entry.bounds!.lower;
			// Relative to the band's width: float32 keeps σ and the deviation, not the value.
			const error = BAND_TOLERANCE * Math.max(1, spread);
			expect(Math.abs(band.lower[n] - entry.bounds!.lower), `lower ${n}`).toBeLessThan(error);
			expect(Math.abs(band.upper[n] - entry.bounds!.upper), `upper ${n}`).toBeLessThan(error);
		});
	});

	it('band at k = threshold contains exactly the unflagged records', () => {
		const values = noisy(600, 20, 8);
		values[300] = 80;
		values[450] = -40;
		const engine = new AnalysisEngine({ zThreshold: 3 });
		feed(engine, values);
		const view = engine.view(perRecordView(values.length, 3), 0);
		const band = view.band!;

		const outside = new Set<number>();
		for (let n = 0; n < band.time.length; n++) {
			const i = band.time[n] / 1000;
			if (values[i] < band.lower[n] || values[i] > band.upper[n]) outside.add(band.time[n]);
		}
		expect(outside).toEqual(new Set(view.anomalies.time));
		expect(outside.has(300_000)).toBe(true);
	});

	it('band follows a new zWindow after configure', () => {
		const values = noisy(300, 10, 5);
		const engine = new AnalysisEngine({ zWindow: 100 });
		feed(engine, values);
		engine.configure({ zWindow: 20 });
		const band = engine.view(perRecordView(values.length, 2), 0).band!;

		const last = band.time.length - 1;
		const i = band.time[last] / 1000;
		const bounds = referenceBand(values, i, 20, 2)!;
		expectClose(band.upper[last], bounds.upper, 1e-6, 'upper');
		expectClose(band.lower[last], bounds.lower, 1e-6, 'lower');
	});

	it('band after a late batch equals the in-order band', () => {
		const values = noisy(300, 10, 9);
		const inOrder = new AnalysisEngine();
		feed(inOrder, values, 300);

		// Records 200 to 219 arrive as two batches in the wrong order.
		const late = new AnalysisEngine();
		late.handle({ kind: 'reset', series: ['value'], source: 'file', label: 'test' }, 0);
		const times = values.map((_, i) => i * 1000);
		for (const [from, to] of [
			[0, 200],
			[210, 220],
			[200, 210],
			[220, 300]
		]) {
			const batch = batchOf(times.slice(from, to), values.slice(from, to));
			late.handle({ kind: 'batch', batch }, 0);
		}

		const query = perRecordView(values.length, 2);
		const expected = inOrder.view(query, 0).band!;
		const merged = late.view(query, 0).band!;
		expect(Array.from(merged.time)).toEqual(Array.from(expected.time));
		expect(Array.from(merged.lower)).toEqual(Array.from(expected.lower));
		expect(Array.from(merged.upper)).toEqual(Array.from(expected.upper));
	});

	it('band width grows in proportion to k', () => {
		const values = noisy(500, 50, 9);
		const engine = new AnalysisEngine();
		feed(engine, values);
		const narrow = engine.view(perRecordView(values.length, 1), 0).band!;
		const wide = engine.view(perRecordView(values.length, 3), 0).band!;

		expect(wide.time.length).toBe(narrow.time.length);
		for (let n = 0; n < narrow.time.length; n++) {
			const ratio = (wide.upper[n] - wide.lower[n]) / (narrow.upper[n] - narrow.lower[n]);
			expectClose(ratio, 3, 1e-9, `width ratio ${n}`);
		}
	});

	it('view leaves the band out unless asked', () => {
		const engine = new AnalysisEngine();
		feed(engine, noisy(100, 0, 1));

		expect(engine.view({ width: 100, spanMs: 0, series: 0 }, 0).band).toBeUndefined();
		expect(engine.view({ width: 100, spanMs: 0, series: 0, band: 0 }, 0).band).toBeUndefined();
		expect(engine.view({ width: 100, spanMs: 0, series: 5, band: 2 }, 0).band).toBeUndefined();
	});
});

describe('decimateBand', () => {
	/** Builds a ring whose band columns give a mean of 0 and the given σ, so bounds are ±k·σ. */
	function bandRing(time: number[], std: number[]): ColumnRing {
		const ring = new ColumnRing(time.length, 1, { deviation: 'float32', std: 'float32' });
		ring.append(time.length, Float64Array.from(time), [new Float64Array(time.length)], {
			deviation: new Float32Array(time.length),
			std: Float32Array.from(std)
		});
		return ring;
	}

	function columnsOf(ring: ColumnRing) {
		return { value: ring.values(0), deviation: ring.column('deviation'), std: ring.column('std') };
	}

	it('decimateBand keeps the widest bounds of each pixel column', () => {
		const ring = bandRing([0, 1, 2, 3, 10, 11], [1, 4, 2, 1, 3, 1]);
		const band = decimateBand(ring, columnsOf(ring), 2, 0, 12, 2);

		expect(Array.from(band.time)).toEqual([0, 3, 10, 11]);
		expect(Array.from(band.upper)).toEqual([8, 8, 6, 6]);
		expect(Array.from(band.lower)).toEqual([-8, -8, -6, -6]);
	});

	it('decimateBand returns at most two points per column', () => {
		const time = Array.from({ length: 5000 }, (_, i) => i);
		const ring = bandRing(
			time,
			time.map((i) => 1 + (i % 7))
		);
		const band = decimateBand(ring, columnsOf(ring), 1, 0, 4999, 300);

		expect(band.time.length).toBeLessThanOrEqual(600);
		expect(band.lower.length).toBe(band.time.length);
		expect(Math.max(...band.upper)).toBe(7);
	});

	it('decimateBand breaks across a gap', () => {
		const time = [...Array.from({ length: 50 }, (_, i) => i), ...[500, 501, 502]];
		const ring = bandRing(
			time,
			time.map(() => 1)
		);
		const band = decimateBand(ring, columnsOf(ring), 1, 0, 502, 100);

		const breaks = Array.from(band.lower).filter(Number.isNaN);
		expect(breaks).toHaveLength(1);
	});

	it('decimateBand skips records without a band', () => {
		const ring = bandRing([0, 1, 2], [NaN, NaN, NaN]);

		expect(decimateBand(ring, columnsOf(ring), 2, 0, 2, 10).time).toHaveLength(0);
	});

	it.each([0, -1, NaN, Infinity])('decimateBand returns nothing at k=%s', (k) => {
		const ring = bandRing([0, 1, 2], [1, 1, 1]);

		expect(decimateBand(ring, columnsOf(ring), k, 0, 2, 10).time).toHaveLength(0);
	});
});

describe('engine version', () => {
	it('version grows with each message and setting', () => {
		const engine = new AnalysisEngine();
		const start = engine.version;
		feed(engine, noisy(100, 0, 2), 50);
		const fed = engine.version;
		engine.configure({ maWindow: 10 });

		expect(fed).toBe(start + 3);
		expect(engine.version).toBe(fed + 1);
	});

	it('view reports the version and leaves it alone', () => {
		const engine = new AnalysisEngine();
		feed(engine, noisy(100, 0, 2));
		const first = engine.view({ width: 100, spanMs: 0, series: 0 }, 0);
		const second = engine.view({ width: 50, spanMs: 0, series: 0, band: 2 }, 0);

		expect(first.version).toBe(engine.version);
		expect(second.version).toBe(first.version);
	});

	it('invalid setting leaves the version alone', () => {
		const engine = new AnalysisEngine();
		const before = engine.version;

		expect(() => engine.configure({ maWindow: 2 })).toThrow(RangeError);
		expect(engine.version).toBe(before);
	});
});
