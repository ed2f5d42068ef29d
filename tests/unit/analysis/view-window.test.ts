import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { ViewQuery } from '../../../src/lib/protocol';

/** Builds an engine with two series at times 0, 1000, …, 99,000 ms; values i and −i. */
function engineWith100(): AnalysisEngine {
	const engine = new AnalysisEngine();
	engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'simulator', label: 'test' }, 0);
	const time = Float64Array.from({ length: 100 }, (_, i) => i * 1000);
	engine.handle(
		{
			kind: 'batch',
			batch: {
				count: 100,
				time,
				values: [
					Float64Array.from(time, (t) => t / 1000),
					Float64Array.from(time, (t) => -t / 1000)
				],
				category: new Int32Array(100).fill(-1),
				newCategories: []
			}
		},
		0
	);
	return engine;
}

const base: ViewQuery = { width: 1000, spanMs: 0, series: 0 };

describe('view window', () => {
	it('view explicit window wins', () => {
		const view = engineWith100().view({ ...base, spanMs: 5000, from: 10_000, to: 20_000 }, 0);
		expect(view.from).toBe(10_000);
		expect(view.to).toBe(20_000);
		expect(Math.min(...view.line.time)).toBeGreaterThanOrEqual(10_000);
		expect(Math.max(...view.line.time)).toBeLessThanOrEqual(20_000);
	});

	it('view explicit window may pass the data', () => {
		const view = engineWith100().view({ ...base, from: 90_000, to: 200_000 }, 0);
		expect(view.to).toBe(200_000);
		expect(view.dataTo).toBe(99_000);
		expect(view.dataFrom).toBe(0);
	});

	it('view ignores an empty explicit window', () => {
		const view = engineWith100().view({ ...base, spanMs: 5000, from: 20_000, to: 20_000 }, 0);
		expect(view.from).toBe(94_000);
		expect(view.to).toBe(99_000);
	});

	it('view points shows newest records', () => {
		const view = engineWith100().view({ ...base, spanMs: 5000, points: 10 }, 0);
		expect(view.from).toBe(90_000);
		expect(view.to).toBe(99_000);
	});

	it('view points beyond buffer shows all', () => {
		const view = engineWith100().view({ ...base, points: 1000 }, 0);
		expect(view.from).toBe(0);
	});

	it('exportRange copies exactly the range', () => {
		const range = engineWith100().exportRange(10_000, 12_000);
		expect(range.series).toEqual(['a', 'b']);
		expect([...range.time]).toEqual([10_000, 11_000, 12_000]);
		expect([...range.values[0]]).toEqual([10, 11, 12]);
		expect([...range.values[1]]).toEqual([-10, -11, -12]);
	});

	it('exportRange outside data is empty', () => {
		const range = engineWith100().exportRange(500_000, 600_000);
		expect(range.time.length).toBe(0);
		expect(range.values[0].length).toBe(0);
	});
});

describe('view extra series', () => {
	it('view draws extra series by index', () => {
		const view = engineWith100().view({ ...base, extraSeries: [1, 0, 7] }, 0);
		expect(view.extraLines.map((extra) => extra.name)).toEqual(['b']);
		expect(view.extraLines[0].series).toBe(1);
		expect(Math.min(...view.extraLines[0].line.value)).toBe(-99);
		expect(Math.max(...view.extraLines[0].line.value)).toBeCloseTo(0, 12);
	});

	it('view without extra series has none', () => {
		expect(engineWith100().view(base, 0).extraLines).toEqual([]);
	});
});
