import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { ColumnBatch } from '../../../src/lib/protocol';

/** Builds a batch of two series at 1 s steps from `start`. */
function batchOf(start: number, a: number[], b: number[]): ColumnBatch {
	return {
		count: a.length,
		time: Float64Array.from(a, (_, i) => (start + i) * 1000),
		values: [Float64Array.from(a), Float64Array.from(b)],
		category: new Int32Array(0),
		newCategories: []
	};
}

function engineWith(a: number[], b: number[]): AnalysisEngine {
	const engine = new AnalysisEngine({ zWindow: 10, zThreshold: 3 });
	engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'websocket', label: 'test' }, 0);
	engine.handle({ kind: 'batch', batch: batchOf(0, a, b) }, 0);
	return engine;
}

describe('AnalysisEngine digest', () => {
	it('digest without cursor covers the whole stream', () => {
		const engine = engineWith([1, 5, 3], [NaN, 2, NaN]);
		const digest = engine.digest({ since: null, anomalyWindows: [] });
		expect(digest.recordCount).toBe(3);
		expect(digest.series.map((s) => s.name)).toEqual(['a', 'b']);
		expect(digest.series[0]).toMatchObject({ newValues: 3, newMin: 1, newMax: 5, last: 3 });
		expect(digest.series[1]).toMatchObject({ newValues: 1, newMin: 2, newMax: 2, last: 2 });
	});

	it('digest with cursor covers only new records', () => {
		const engine = engineWith([1, 9, 3], [0, 0, 0]);
		const first = engine.digest({ since: null, anomalyWindows: [] });
		engine.handle({ kind: 'batch', batch: batchOf(3, [4, 2], [NaN, NaN]) }, 0);
		const since = { generation: first.generation, recordCount: first.recordCount };
		const second = engine.digest({ since, anomalyWindows: [] });
		expect(second.series[0]).toMatchObject({ newValues: 2, newMin: 2, newMax: 4, last: 2 });
		expect(second.series[1].newValues).toBe(0);
		expect(second.series[1].newMax).toBeNaN();
		expect(second.series[1].last).toBeNaN();

		const third = engine.digest({
			since: { generation: second.generation, recordCount: second.recordCount },
			anomalyWindows: []
		});
		expect(third.series[0].newValues).toBe(0);
	});

	it('digest after a reset starts a new generation', () => {
		const engine = engineWith([1, 2], [1, 2]);
		const first = engine.digest({ since: null, anomalyWindows: [] });
		engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'websocket', label: 'x' }, 0);
		engine.handle({ kind: 'batch', batch: batchOf(0, [7, 8, 6], [0, 0, 0]) }, 0);
		const since = { generation: first.generation, recordCount: first.recordCount };
		const second = engine.digest({ since, anomalyWindows: [] });
		expect(second.generation).toBe(first.generation + 1);
		expect(second.series[0]).toMatchObject({ newValues: 3, newMin: 6, newMax: 8, last: 6 });
	});

	it('digest counts anomaly flags per window', () => {
		// Twenty calm values, then a spike the rolling z-score (window 10, threshold 3) flags.
		const calm = Array.from({ length: 20 }, (_, i) => 10 + (i % 2));
		const engine = engineWith([...calm, 100, 10], [...calm, 10, 10]);
		const digest = engine.digest({ since: null, anomalyWindows: [2, 5, 50] });
		// Every window ends at the newest record, the 22nd, at 21 s.
		expect(digest.series[0].anomalies).toEqual([
			{ window: 2, records: 2, flagged: 1, newestTime: 21_000 },
			{ window: 5, records: 5, flagged: 1, newestTime: 21_000 },
			{ window: 50, records: 22, flagged: 1, newestTime: 21_000 }
		]);
		expect(digest.series[1].anomalies[2]).toEqual({
			window: 50,
			records: 22,
			flagged: 0,
			newestTime: 21_000
		});
	});

	it('digest min and max times', () => {
		// Records are 1 s apart from 0 s. The minimum 1 is at 1 s and 3 s, the maximum 9 at 2 s and 4 s.
		const engine = engineWith([5, 1, 9, 1, 9, 3], [NaN, NaN, 7, NaN, NaN, NaN]);
		const first = engine.digest({ since: null, anomalyWindows: [] });
		expect(first.series[0]).toMatchObject({ newMin: 1, newMax: 9 });
		expect(first.series[0].newMinTime).toBe(1000);
		expect(first.series[0].newMaxTime).toBe(2000);
		// A gap (NaN) has no time of its own: the single finite value is both minimum and maximum.
		expect(first.series[1].newMinTime).toBe(2000);
		expect(first.series[1].newMaxTime).toBe(2000);

		engine.handle({ kind: 'batch', batch: batchOf(6, [4, 2, 4, 2], [NaN, NaN, NaN, NaN]) }, 0);
		const since = { generation: first.generation, recordCount: first.recordCount };
		const second = engine.digest({ since, anomalyWindows: [] });
		// Only the new records count, though the buffer still contains the older 1 and 9.
		expect(second.series[0]).toMatchObject({ newMin: 2, newMax: 4 });
		expect(second.series[0].newMinTime).toBe(7000);
		expect(second.series[0].newMaxTime).toBe(6000);
		expect(second.series[1].newMinTime).toBeNaN();
		expect(second.series[1].newMaxTime).toBeNaN();
	});

	it('digest of an empty buffer', () => {
		const engine = new AnalysisEngine({ zWindow: 10, zThreshold: 3 });
		engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'websocket', label: 'test' }, 0);
		const digest = engine.digest({ since: null, anomalyWindows: [5] });
		expect(digest.series[0].anomalies).toEqual([
			{ window: 5, records: 0, flagged: 0, newestTime: NaN }
		]);
		expect(digest.series[0].newMinTime).toBeNaN();
	});
});
