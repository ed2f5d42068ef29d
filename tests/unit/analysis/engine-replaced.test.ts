import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { ColumnBatch, FieldMapping, Kpis, ViewQuery } from '../../../src/lib/protocol';
import { expectClose } from '../helpers/close';

/**
 * Times carry half a second, because on a clock of whole seconds the engine keeps every record
 * of equal time and nothing is replaced.
 */
const T = [1000.5, 2000.5, 3000.5, 4000.5, 5000.5];

const MAPPING: FieldMapping = { time: ['t'], values: [['v']], category: null };
const SPLIT_MAPPING: FieldMapping = {
	time: ['t'],
	values: [['v']],
	category: ['sensor'],
	split: ['sensor']
};

function engineWith(mapping: FieldMapping, capacity = 100): AnalysisEngine {
	const engine = new AnalysisEngine({ capacity });
	engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'test', mapping }, 0);
	return engine;
}

/** Builds a one-field batch. An empty `category` gives records without a category. */
function batchOf(
	time: number[],
	value: number[],
	category: number[] = [],
	newCategories: string[] = []
): ColumnBatch {
	return {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: Int32Array.from(category),
		newCategories
	};
}

function feed(engine: AnalysisEngine, batch: ColumnBatch): void {
	engine.handle({ kind: 'batch', batch }, 0);
}

function kpisOf(engine: AnalysisEngine, series = 0): Kpis {
	const query: ViewQuery = { width: 800, spanMs: 0, series };
	return engine.view(query, 0).kpis;
}

/** Figures worked out by hand from the records an engine should keep. */
interface KeptFigures {
	count: number;
	min: number;
	max: number;
	mean: number;
}

function expectFigures(kpis: Kpis, expected: KeptFigures): void {
	expect(kpis.count, 'count').toBe(expected.count);
	expect(kpis.min, 'min').toBe(expected.min);
	expect(kpis.max, 'max').toBe(expected.max);
	expectClose(kpis.mean, expected.mean, 1e-12, 'mean');
}

describe('AnalysisEngine replaced records', () => {
	it('replaced max gives kept max', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf(T.slice(0, 3), [4, 10, 6]));
		feed(engine, batchOf([T[1]], [7]));

		const view = engine.view({ width: 800, spanMs: 0, series: 0 }, 0);
		expect(view.order.replaced).toBe(1);
		// Kept: 4, 7, 6.
		expectFigures(view.kpis, { count: 3, min: 4, max: 7, mean: 17 / 3 });
	});

	it('replaced min gives kept min', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf(T.slice(0, 3), [4, 10, 6]));
		feed(engine, batchOf([T[0]], [5]));

		// Kept: 5, 10, 6.
		expectFigures(kpisOf(engine), { count: 3, min: 5, max: 10, mean: 7 });
	});

	it('replacement keeps dropped extremes', () => {
		// Capacity 3: the records of 1 and 8 leave the buffer, and 20 is then replaced by 2.
		const engine = engineWith(MAPPING, 3);
		feed(engine, batchOf(T, [1, 8, 3, 20, 4]));
		feed(engine, batchOf([T[3]], [2]));

		// Kept: 1, 8, 3, 2, 4. The buffer alone has 3, 2, 4.
		expectFigures(kpisOf(engine), { count: 5, min: 1, max: 8, mean: 18 / 5 });
	});

	it('replacement after capacity shrink', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf(T, [1, 8, 3, 20, 4]));
		engine.configure({ capacity: 2 });
		feed(engine, batchOf([T[3]], [2]));
		feed(engine, batchOf([T[4]], [5]));

		// Kept: 1, 8, 3, 2, 5. The buffer alone has 2, 5.
		expectFigures(kpisOf(engine), { count: 5, min: 1, max: 8, mean: 19 / 5 });
	});

	it('replacement changes own line only', () => {
		const engine = engineWith(SPLIT_MAPPING);
		// Sensors a (index 0) and b (index 1) in turn: a has 3, 30, 5 and b has 40, 6.
		feed(engine, batchOf(T, [3, 40, 30, 6, 5], [0, 1, 0, 1, 0], ['a', 'b']));
		// Corrects a's 30 to 4. B's max of 40 is higher than anything a ever had.
		feed(engine, batchOf([T[2]], [4], [0]));

		// Kept: a has 3, 4, 5 and b has 40, 6.
		expectFigures(kpisOf(engine, 0), { count: 3, min: 3, max: 5, mean: 4 });
		expectFigures(kpisOf(engine, 1), { count: 2, min: 6, max: 40, mean: 23 });
	});
});

describe('whole-second clock and batch ends', () => {
	it('engine keeps whole-second duplicates', () => {
		const engine = engineWith(MAPPING);
		// Two records of the second 2000 with equal values are distinct events on a whole-second
		// clock.
		feed(engine, batchOf([1000, 2000, 2000, 3000], [1, 5, 5, 7]));

		expect(kpisOf(engine).count).toBe(4);
	});

	// The time 2500.5 shows a clock with fractions within the stream's first second, so the pair
	// of 2000 is one record repeated.
	const time = [2000, 2000, 2500.5];
	const value = [5, 5, 7];

	it('engine merges earlier ties at the first fraction', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf(time, value));

		const view = engine.view({ width: 800, spanMs: 0, series: 0 }, 0);
		expect(view.buffered).toBe(2);
		expect(view.order.duplicates).toBe(1);
		expect(view.recordCount).toBe(3);
		expectFigures(view.kpis, { count: 2, min: 5, max: 7, mean: 6 });
	});

	it('engine merges earlier ties across batches', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf(time.slice(0, 2), value.slice(0, 2)));
		expect(kpisOf(engine).count).toBe(2);

		feed(engine, batchOf(time.slice(2), value.slice(2)));
		expect(kpisOf(engine).count).toBe(2);
	});

	it('engine keeps the last of earlier conflicting ties', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf([2000, 2000], [5, 6]));
		feed(engine, batchOf([2500.5], [7]));

		const view = engine.view({ width: 800, spanMs: 0, series: 0 }, 0);
		expect(Array.from(view.line.value)).toEqual([6, 7]);
		expect(view.order.replaced).toBe(1);
		expectFigures(view.kpis, { count: 2, min: 6, max: 7, mean: 6.5 });
	});

	it('engine keeps ties of a longer whole-second stream', () => {
		const engine = engineWith(MAPPING);
		// Three distinct events in each of five seconds, then a time with a fraction.
		const seconds = [1000, 2000, 3000, 4000, 5000].flatMap((t) => [t, t, t]);
		feed(
			engine,
			batchOf(
				seconds,
				seconds.map(() => 5)
			)
		);
		feed(engine, batchOf([5500.5], [7]));

		expect(engine.view({ width: 800, spanMs: 0, series: 0 }, 0).buffered).toBe(16);
	});

	it('engine digest cursor survives merged ties', () => {
		const engine = engineWith(MAPPING);
		feed(engine, batchOf([2000, 2000, 2000], [5, 5, 5]));
		const before = engine.digest({ since: null, anomalyWindows: [] });
		feed(engine, batchOf([2000.5, 2500], [7, 9]));
		const after = engine.digest({ since: before, anomalyWindows: [] });

		expect(after.recordCount).toBeGreaterThanOrEqual(before.recordCount);
		// The two records that arrived since are the ones the digest reads.
		expect(after.series[0].newValues).toBe(2);
		expect(after.series[0].newMax).toBe(9);
	});

	it('engine keeps ties of two categories', () => {
		const engine = engineWith(SPLIT_MAPPING);
		feed(engine, batchOf([1000, 1000, 2500], [1, 2, 3], [0, 1, 0], ['a', 'b']));

		expect(engine.view({ width: 800, spanMs: 0, series: 0 }, 0).buffered).toBe(3);
	});

	it('engine drops duplicates after the first fraction', () => {
		const engine = engineWith(MAPPING);
		// The ties of 2000 are a second older than the first fraction, so they stay.
		feed(engine, batchOf([1000, 2000, 2000, 3500, 4000, 4000], [1, 5, 5, 7, 2, 2]));

		expect(kpisOf(engine).count).toBe(5);
	});
});

describe('AnalysisEngine record count', () => {
	it('AnalysisEngine counts every record accepted, replaced and dropped ones too', () => {
		// 20 records a millisecond for 10 ms from a whole second, in batches of 30 that end
		// mid-millisecond. Of each millisecond only the last record is kept, the whole second's
		// too once the next millisecond shows a clock with fractions. The others repeat its first
		// record (dropped) or differ from it (replaced).
		const engine = engineWith(MAPPING);
		const time: number[] = [];
		const value: number[] = [];
		for (let i = 0; i < 200; i++) {
			time.push(1_717_000_000_000 + Math.floor(i / 20));
			value.push(i % 20 < 5 ? 0 : i);
		}
		for (let start = 0; start < 200; start += 30) {
			feed(engine, batchOf(time.slice(start, start + 30), value.slice(start, start + 30)));
		}
		const view = engine.view({ width: 800, spanMs: 0, series: 0 }, 0);

		expect(view.recordCount).toBe(200);
		expect(view.buffered).toBe(10);
		expect(view.buffered + view.order.replaced + view.order.duplicates).toBe(200);
		// The digest's cursor counts the records that reached the buffer: the 9 of later
		// milliseconds and the 20 of the whole second, merged later, so that it never goes back.
		const digest = engine.digest({ since: null, anomalyWindows: [] });
		expect(digest.recordCount).toBe(20 + 9);
	});
});
