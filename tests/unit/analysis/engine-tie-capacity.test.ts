import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { ColumnBatch, FieldMapping, ViewResult } from '../../../src/lib/protocol';
import { expectClose } from '../helpers/close';

/**
 * Ties on a whole-second clock, collapsed or kept at the first time with a fraction, after a
 * small ring has already dropped its oldest records. The engine's figures cover every record
 * accepted since the reset, so the expected figures below count the dropped records as well as
 * the buffered ones, less the ties that a collapse merged away.
 */

const MAPPING: FieldMapping = { time: ['t'], values: [['v']], category: ['c'] };

function engineWith(capacity: number): AnalysisEngine {
	const engine = new AnalysisEngine({ capacity });
	engine.handle(
		{ kind: 'reset', series: ['v'], source: 'file', label: 'test', mapping: MAPPING },
		0
	);
	return engine;
}

function feed(
	engine: AnalysisEngine,
	time: number[],
	value: number[],
	category: number[],
	newCategories: string[] = []
): void {
	const batch: ColumnBatch = {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: Int32Array.from(category),
		newCategories
	};
	engine.handle({ kind: 'batch', batch }, 0);
}

function viewOf(engine: AnalysisEngine): ViewResult {
	return engine.view({ width: 800, spanMs: 0, series: 0 }, 0);
}

describe('AnalysisEngine ties past capacity', () => {
	it('engine collapses first-second ties', () => {
		const engine = engineWith(4);
		// Six records of one second, categories a and b in turn, values 1 to 6. The ring keeps the
		// last four, so 1 (a) and 2 (b) have left it.
		feed(
			engine,
			[1000, 1000, 1000, 1000, 1000, 1000],
			[1, 2, 3, 4, 5, 6],
			[0, 1, 0, 1, 0, 1],
			['a', 'b']
		);
		expect(viewOf(engine).buffered).toBe(4);

		// The fraction shows that the buffered ties repeat one key per category: 5 replaces 3 and
		// 6 replaces 4. Records that left the ring can no longer be replaced, so 1 and 2 stay.
		feed(engine, [1500.5], [10], [0]);
		const view = viewOf(engine);

		expect(Array.from(view.line.time)).toEqual([1000, 1000, 1500.5]);
		expect(Array.from(view.line.value)).toEqual([5, 6, 10]);
		expect(view.buffered).toBe(3);
		expect(view.recordCount).toBe(7);
		expect(view.order).toEqual({ late: 0, duplicates: 0, replaced: 2 });
		// Values counted: 1, 2, 5, 6 and 10. Squared deviations from 4.8 sum to 50.8.
		expect(view.kpis.count, 'count').toBe(5);
		expectClose(view.kpis.mean, 4.8, 1e-12, 'mean');
		expectClose(view.kpis.std, Math.sqrt(50.8 / 4), 1e-12, 'std');
		expect(view.kpis.min, 'min').toBe(1);
		expect(view.kpis.max, 'max').toBe(10);
		expect(view.kpis.last, 'last').toBe(10);
		expect(view.seriesCounts).toEqual([5]);
		// Category a counts 1, 5 and 10, and b counts 2 and 6.
		expect(view.categories).toEqual([
			{ name: 'a', count: 3 },
			{ name: 'b', count: 2 }
		]);
	});

	it('engine keeps ties of a long stream', () => {
		const engine = engineWith(3);
		// Three distinct events in each of five seconds, values 1 to 15. The ring keeps only the
		// last three, all of the second 5000, but the stream has counted whole seconds for longer.
		const seconds = [1000, 2000, 3000, 4000, 5000].flatMap((t) => [t, t, t]);
		feed(
			engine,
			seconds,
			seconds.map((_, i) => i + 1),
			seconds.map(() => 0),
			['a']
		);
		expect(viewOf(engine).buffered).toBe(3);

		feed(engine, [5500.5], [20], [0]);
		const view = viewOf(engine);

		expect(Array.from(view.line.time)).toEqual([5000, 5000, 5500.5]);
		expect(Array.from(view.line.value)).toEqual([14, 15, 20]);
		expect(view.buffered).toBe(3);
		expect(view.recordCount).toBe(16);
		expect(view.order).toEqual({ late: 0, duplicates: 0, replaced: 0 });
		// Values counted: 1 to 15 and 20, a sum of 140 and a sum of squares of 1640.
		expect(view.kpis.count, 'count').toBe(16);
		expectClose(view.kpis.mean, 8.75, 1e-12, 'mean');
		expectClose(view.kpis.std, Math.sqrt((1640 - 16 * 8.75 ** 2) / 15), 1e-12, 'std');
		expect(view.kpis.min, 'min').toBe(1);
		expect(view.kpis.max, 'max').toBe(20);
		expect(view.kpis.last, 'last').toBe(20);
		expect(view.seriesCounts).toEqual([16]);
		expect(view.categories).toEqual([{ name: 'a', count: 16 }]);
	});
});
