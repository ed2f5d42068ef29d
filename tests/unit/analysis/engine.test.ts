import { readFileSync } from 'node:fs';
import { randomLcg, randomNormal } from 'd3-random';
import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { AnalysisEngine, MAX_KEPT_ERRORS } from '../../../src/lib/analysis/engine';
import { loadLiveDetector } from '../../../src/lib/analysis/detector-loader';
import { RollingZScore } from '../../../src/lib/analysis/rolling-zscore';
import {
	MAX_VIEW_ANOMALIES,
	type ColumnBatch,
	type DecimatedSeries,
	type RecordError,
	type ViewQuery,
	type ViewResult
} from '../../../src/lib/protocol';
import { expectClose } from '../helpers/close';

interface NabRecord {
	timestamp: string;
	value: number;
	category: string;
}

const nabUrl = new URL('../../fixtures/nab/speed_7578.jsonl', import.meta.url);
const nab: NabRecord[] = readFileSync(nabUrl, 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '')
	.map((line) => JSON.parse(line) as NabRecord);

/** NAB timestamps carry no zone, so they are read as UTC. */
const nabTime = nab.map((record) => Date.parse(`${record.timestamp}Z`));
const nabValue = nab.map((record) => record.value);

const WHOLE: ViewQuery = { width: 800, spanMs: 0, series: 0 };

/** Builds a one-series batch whose records all have category index `category`. */
function batchOf(
	time: number[],
	value: number[],
	newCategories: string[] = [],
	category = -1
): ColumnBatch {
	return {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: new Int32Array(time.length).fill(category),
		newCategories
	};
}

/** Resets the engine for one series and feeds `value` at 1 s steps, in batches of `size`. */
function feedSeries(engine: AnalysisEngine, value: number[], size = 100, now = 0): void {
	engine.handle({ kind: 'reset', series: ['value'], source: 'simulator', label: 'test' }, now);
	for (let start = 0; start < value.length; start += size) {
		const slice = value.slice(start, start + size);
		const time = slice.map((_, i) => (start + i) * 1000);
		engine.handle({ kind: 'batch', batch: batchOf(time, slice) }, now);
	}
}

/** Feeds the NAB fixture through `handle` in batches of the given sizes (the last repeats). */
function feedNab(engine: AnalysisEngine, sizes = [100, 250, 1, 500]): void {
	engine.handle({ kind: 'reset', series: ['value'], source: 'file', label: 'speed_7578.jsonl' }, 0);
	let start = 0;
	let batch = 0;
	while (start < nab.length) {
		const size = sizes[Math.min(batch, sizes.length - 1)];
		const end = Math.min(start + size, nab.length);
		const categories = start === 0 ? [nab[0].category] : [];
		engine.handle(
			{
				kind: 'batch',
				batch: batchOf(nabTime.slice(start, end), nabValue.slice(start, end), categories, 0)
			},
			start
		);
		start = end;
		batch++;
	}
}

function gaussian(count: number, seed: number): number[] {
	const normal = randomNormal.source(randomLcg(seed))(10, 2);
	return Array.from({ length: count }, () => normal());
}

function naiveMovingAverage(values: readonly number[], window: number): number[] {
	return values.map((_, i) => mean(values.slice(Math.max(0, i - window + 1), i + 1)));
}

function errorsFrom(first: number, count: number): RecordError[] {
	return Array.from({ length: count }, (_, i) => ({
		line: first + i,
		message: `invalid JSON on line ${first + i}`
	}));
}

describe('AnalysisEngine', () => {
	it('AnalysisEngine NAB fixture figures', () => {
		const engine = new AnalysisEngine();
		feedNab(engine);
		const view = engine.view(WHOLE, 1_000);

		expect(view.recordCount).toBe(1127);
		expect(view.buffered).toBe(1127);
		expect(view.kpis.count).toBe(1127);
		expectClose(view.kpis.mean, 64.04880212954747, 1e-9, 'mean');
		expectClose(view.kpis.std, 9.236978539680477, 1e-9, 'std');
		expect(view.kpis.min).toBe(1);
		expect(view.kpis.max).toBe(90);
		expect(view.kpis.last).toBe(nabValue[nabValue.length - 1]);
	});

	it('AnalysisEngine NAB fixture view window', () => {
		const engine = new AnalysisEngine();
		feedNab(engine);
		const view = engine.view(WHOLE, 1_000);

		expect(view.from).toBe(nabTime[0]);
		expect(view.to).toBe(nabTime[nabTime.length - 1]);
		expect(view.line.time.length).toBeGreaterThan(0);
		expect(view.line.time.length).toBeLessThanOrEqual(2 * WHOLE.width);
		expect(view.movingAverage.time.length).toBeLessThanOrEqual(2 * WHOLE.width);
		expect(view.categories).toEqual([{ name: 'realTraffic', count: 1127 }]);
		expect(view.series).toEqual(['value']);
		expect(view.source).toBe('file');
		expect(view.sourceLabel).toBe('speed_7578.jsonl');
	});

	it('AnalysisEngine same figures for any batching', () => {
		const whole = new AnalysisEngine();
		feedNab(whole, [nab.length]);
		const single = new AnalysisEngine();
		feedNab(single, [1]);

		const a = whole.view(WHOLE, 0);
		const b = single.view(WHOLE, 0);
		expect(b.kpis.mean).toBe(a.kpis.mean);
		expect(b.kpis.std).toBe(a.kpis.std);
		expect(b.anomalyCount).toBe(a.anomalyCount);
		expect(Array.from(b.line.value)).toEqual(Array.from(a.line.value));
	});

	it('AnalysisEngine small capacity keeps KPIs', () => {
		const engine = new AnalysisEngine({ capacity: 500 });
		feedNab(engine);
		const view = engine.view(WHOLE, 1_000);

		expect(view.recordCount).toBe(1127);
		expect(view.buffered).toBe(500);
		expect(view.droppedFromBuffer).toBe(627);
		expect(view.kpis.count).toBe(1127);
		expectClose(view.kpis.mean, 64.04880212954747, 1e-9, 'mean');
		expectClose(view.kpis.std, 9.236978539680477, 1e-9, 'std');
		expect(view.kpis.min).toBe(1);
		expect(view.kpis.max).toBe(90);
		expect(view.from).toBe(nabTime[1127 - 500]);
	});

	it('AnalysisEngine moving average matches naive', () => {
		const engine = new AnalysisEngine({ maWindow: 10 });
		const values = gaussian(300, 1);
		feedSeries(engine, values, 64);
		// Wider than the record count, so every record keeps its own pixel column.
		const view = engine.view({ width: 10_000, spanMs: 0, series: 0 }, 0);

		const expected = naiveMovingAverage(values, 10);
		expect(view.movingAverage.value.length).toBe(300);
		view.movingAverage.value.forEach((v, i) => expectClose(v, expected[i], 1e-9, `MA ${i}`));
	});

	it('AnalysisEngine reset clears everything', () => {
		const engine = new AnalysisEngine();
		feedNab(engine);
		engine.handle({ kind: 'errors', errors: errorsFrom(1, 3), total: 3 }, 0);
		engine.handle(
			{ kind: 'progress', progress: { name: 'a.jsonl', bytesRead: 5, totalBytes: 10 } },
			0
		);
		engine.handle(
			{ kind: 'reset', series: ['speed', 'flow'], source: 'websocket', label: 'ws' },
			0
		);
		const view = engine.view(WHOLE, 0);

		expect(view.recordCount).toBe(0);
		expect(view.buffered).toBe(0);
		expect(view.errorCount).toBe(0);
		expect(view.errors).toEqual([]);
		expect(view.anomalyCount).toBe(0);
		expect(view.categories).toEqual([]);
		expect(view.progress).toBeNull();
		expect(view.kpis.count).toBe(0);
		expect(view.kpis.mean).toBeNaN();
		expect(view.kpis.rate).toBe(0);
		expect(view.line.time.length).toBe(0);
		expect(view.series).toEqual(['speed', 'flow']);
		expect(view.source).toBe('websocket');
		expect(view.sourceLabel).toBe('ws');
	});

	it('AnalysisEngine errors keep newest 200', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'errors', errors: errorsFrom(1, 150), total: 150 }, 0);
		engine.handle({ kind: 'errors', errors: errorsFrom(151, 100), total: 250 }, 0);
		const view = engine.view(WHOLE, 0);

		expect(view.errorCount).toBe(250);
		expect(view.errors).toHaveLength(MAX_KEPT_ERRORS);
		expect(view.errors[0].line).toBe(51);
		expect(view.errors.at(-1)?.line).toBe(250);
	});

	it('AnalysisEngine keeps the filter count', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['value'], source: 'websocket', label: 'ws' }, 0);
		expect(engine.view(WHOLE, 0).filteredCount).toBeNull();

		engine.handle({ kind: 'batch', batch: batchOf([1000, 2000], [1, 2]), filtered: 3 }, 0);
		expect(engine.view(WHOLE, 0).filteredCount).toBe(3);
		// A batch without a count leaves the last one.
		engine.handle({ kind: 'batch', batch: batchOf([3000], [3]) }, 0);
		expect(engine.view(WHOLE, 0).filteredCount).toBe(3);
		engine.handle({ kind: 'filtered', total: 7 }, 0);
		const view = engine.view(WHOLE, 0);
		expect(view.filteredCount).toBe(7);
		expect(view.recordCount).toBe(3);

		engine.handle({ kind: 'reset', series: ['value'], source: 'websocket', label: 'ws' }, 0);
		expect(engine.view(WHOLE, 0).filteredCount).toBeNull();
	});

	it('AnalysisEngine stores status and progress', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'status', status: 'reconnecting', detail: 'attempt 2' }, 0);
		engine.handle(
			{ kind: 'progress', progress: { name: 'a.jsonl', bytesRead: 5, totalBytes: 10 } },
			0
		);
		const view = engine.view(WHOLE, 0);

		expect(view.status).toBe('reconnecting');
		expect(view.statusDetail).toBe('attempt 2');
		expect(view.progress).toEqual({ name: 'a.jsonl', bytesRead: 5, totalBytes: 10 });
	});

	it('AnalysisEngine starts idle and empty', () => {
		const view = new AnalysisEngine().view(WHOLE, 0);

		expect(view.status).toBe('idle');
		expect(view.source).toBeNull();
		expect(view.from).toBe(0);
		expect(view.to).toBe(0);
		expect(view.kpis.mean).toBeNaN();
	});

	it('AnalysisEngine view span limits window', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, gaussian(1_000, 2));
		const view = engine.view({ width: 100, spanMs: 60_000, series: 0 }, 0);

		expect(view.to).toBe(999_000);
		expect(view.from).toBe(939_000);
		expect(Math.min(...view.line.time)).toBeGreaterThanOrEqual(939_000);
		// The KPIs stay over every record, not the window.
		expect(view.kpis.count).toBe(1_000);
	});

	it('AnalysisEngine histogram bins the window its view shows', () => {
		const engine = new AnalysisEngine();
		// Values 0 to 999 at 1 s steps; the last minute, both ends included, contains 939 to 999.
		feedSeries(
			engine,
			Array.from({ length: 1_000 }, (_, i) => i)
		);
		const query: ViewQuery = { width: 100, spanMs: 60_000, series: 0 };
		const histogram = engine.histogram(query);

		expect(histogram?.total).toBe(61);
		expect(histogram?.counts.reduce((a, b) => a + b, 0)).toBe(61);
		expect(histogram?.edges[0]).toBe(939);
		expect(histogram?.edges.at(-1)).toBe(999);
		expect(histogram?.mean).toBe(969);
		expect(engine.histogram({ ...query, series: 3 })).toBeUndefined();
	});

	it('AnalysisEngine tags views and histograms with the run they were built from', () => {
		const engine = new AnalysisEngine();
		const query: ViewQuery = { width: 100, spanMs: 60_000, series: 0 };
		feedSeries(engine, [1, 2, 3]);
		const first = engine.histogram(query);
		expect(first?.generation).toBe(engine.view(query, 0).generation);

		feedSeries(engine, [10, 20, 30, 40]);
		const second = engine.histogram(query);
		// A histogram of the first run must not match a view of the second.
		expect(second?.generation).toBe(engine.view(query, 0).generation);
		expect(second?.generation).not.toBe(first?.generation);
		expect(second?.total).toBe(4);
	});

	it('AnalysisEngine view span shrinks to data', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, gaussian(30, 2));
		const view = engine.view({ width: 100, spanMs: 60_000, series: 0 }, 0);

		expect(view.to).toBe(29_000);
		expect(view.from).toBe(0);
	});

	it('AnalysisEngine reports spike as anomaly', () => {
		const engine = new AnalysisEngine();
		const values = gaussian(500, 3);
		values[300] = 100;
		feedSeries(engine, values);
		const view = engine.view(WHOLE, 0);

		expect(view.anomalyCount).toBe(1);
		expect(Array.from(view.anomalies.time)).toEqual([300_000]);
		expect(Array.from(view.anomalies.value)).toEqual([100]);
	});

	it('AnalysisEngine gives each anomaly its score', () => {
		const engine = new AnalysisEngine();
		const values = [...Array.from({ length: 50 }, () => 20), 35];
		feedSeries(engine, values);
		const view = engine.view(WHOLE, 0);

		expect(Array.from(view.anomalies.time)).toEqual([50_000]);
		expect(Array.from(view.anomalyScores)).toEqual([Infinity]);
	});

	it('AnalysisEngine caps anomaly markers', () => {
		const engine = new AnalysisEngine({ zThreshold: 1 });
		feedSeries(engine, gaussian(10_000, 4), 1_000);
		const view = engine.view(WHOLE, 0);

		expect(view.anomalyCount).toBeGreaterThan(MAX_VIEW_ANOMALIES);
		expect(view.anomalies.time.length).toBe(MAX_VIEW_ANOMALIES);
		expect(view.anomalies.time.at(-1)).toBeGreaterThan(9_900_000);
	});

	it('AnalysisEngine threshold change re-flags buffer', () => {
		const values = gaussian(2_000, 5);
		const engine = new AnalysisEngine({ zThreshold: 4 });
		feedSeries(engine, values);
		engine.configure({ zThreshold: 1.5 });

		const detector = new RollingZScore(100, 1.5);
		const expected = values.filter((x) => detector.isAnomaly(Math.fround(detector.push(x))));
		const view = engine.view({ width: 100, spanMs: 0, series: 0 }, 0);
		expect(view.anomalyCount).toBe(expected.length);
		expect(view.anomalies.time.length).toBe(expected.length);
	});

	it('AnalysisEngine window change recomputes z-scores', () => {
		const values = gaussian(2_000, 6);
		const engine = new AnalysisEngine({ zThreshold: 2, zWindow: 100 });
		feedSeries(engine, values);
		engine.configure({ zWindow: 20 });

		const detector = new RollingZScore(20, 2);
		const expected = values.filter((x) => detector.isAnomaly(Math.fround(detector.push(x))));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(expected.length);
	});

	it('AnalysisEngine maWindow change recomputes average', () => {
		const values = gaussian(400, 7);
		const engine = new AnalysisEngine({ maWindow: 20 });
		feedSeries(engine, values.slice(0, 300));
		engine.configure({ maWindow: 5 });
		// The stream continues with the new window from the state that the rebuild left.
		engine.handle(
			{
				kind: 'batch',
				batch: batchOf(
					values.slice(300).map((_, i) => (300 + i) * 1000),
					values.slice(300)
				)
			},
			0
		);
		const view = engine.view({ width: 10_000, spanMs: 0, series: 0 }, 0);

		const expected = naiveMovingAverage(values, 5);
		view.movingAverage.value.forEach((v, i) => expectClose(v, expected[i], 1e-9, `MA ${i}`));
	});

	it('AnalysisEngine capacity change keeps newest', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, gaussian(1_000, 8));
		engine.configure({ capacity: 100 });
		const view = engine.view(WHOLE, 0);

		expect(view.buffered).toBe(100);
		expect(view.droppedFromBuffer).toBe(900);
		expect(view.from).toBe(900_000);
		expect(view.recordCount).toBe(1_000);
		expect(engine.settings.capacity).toBe(100);
	});

	it.each([
		{ setting: { maWindow: 4 } },
		{ setting: { maWindow: 51 } },
		{ setting: { maWindow: 7.5 } },
		{ setting: { zThreshold: 0.5 } },
		{ setting: { zThreshold: NaN } },
		{ setting: { zWindow: 5 } },
		{ setting: { detector: 'lof' as never } },
		{ setting: { iqrK: 0.4 } },
		{ setting: { iqrK: 5.5 } },
		{ setting: { forestThreshold: 0.45 } },
		{ setting: { forestThreshold: 0.95 } },
		{ setting: { capacity: 0 } },
		{ setting: { maWindow: 10, capacity: -1 } }
	])('AnalysisEngine rejects setting $setting', ({ setting }) => {
		const engine = new AnalysisEngine();

		expect(() => engine.configure(setting)).toThrow(RangeError);
		expect(engine.settings).toEqual({
			maWindow: 20,
			detector: 'zscore',
			zThreshold: 3,
			iqrK: 1.5,
			forestThreshold: 0.85,
			zWindow: 100,
			capacity: 200_000
		});
		expect(() => new AnalysisEngine(setting)).toThrow(RangeError);
	});

	it.each(['ensemble', 'iforest'] as const)(
		'AnalysisEngine takes the %s once its module loads',
		async (detector) => {
			const engine = new AnalysisEngine();

			expect(() => engine.configure({ detector, maWindow: 10 })).toThrow(
				`${detector} detector not loaded`
			);
			expect(engine.settings.detector).toBe('zscore');
			expect(engine.settings.maWindow).toBe(20);
			expect(() => new AnalysisEngine({ detector })).toThrow(`${detector} detector not loaded`);

			await loadLiveDetector(detector);
			engine.configure({ detector });
			expect(engine.settings.detector).toBe(detector);
		}
	);

	it('AnalysisEngine ignores undefined settings', () => {
		const engine = new AnalysisEngine({ maWindow: undefined, capacity: 1_000 });

		expect(engine.settings.maWindow).toBe(20);
		expect(engine.settings.capacity).toBe(1_000);
	});

	it('AnalysisEngine rejects mismatched batch', () => {
		const engine = new AnalysisEngine();
		const batch = batchOf([1], [1]);

		expect(() => engine.handle({ kind: 'batch', batch }, 0)).toThrow(/send a reset/);
		engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'file', label: '' }, 0);
		expect(() => engine.handle({ kind: 'batch', batch }, 0)).toThrow(/1 value columns/);
	});

	it('AnalysisEngine rejects short batch whole', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, [1, 2, 3]);
		const batch = { ...batchOf([4, 5], [4, 5]), count: 3 };

		expect(() => engine.handle({ kind: 'batch', batch }, 0)).toThrow(RangeError);
		expect(engine.view(WHOLE, 0).kpis.count).toBe(3);
		expect(engine.view(WHOLE, 0).recordCount).toBe(3);
	});

	it('AnalysisEngine accepts batch without categories', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, []);
		const batch = { ...batchOf([1, 2], [5, 6]), category: new Int32Array(0) };
		engine.handle({ kind: 'batch', batch }, 0);
		const view = engine.view(WHOLE, 0);

		expect(view.recordCount).toBe(2);
		expect(view.categories).toEqual([]);
	});

	it('AnalysisEngine unknown series gives empty view', () => {
		const engine = new AnalysisEngine();
		feedSeries(engine, [1, 2, 3]);
		const view = engine.view({ width: 100, spanMs: 0, series: 3 }, 0);

		expect(view.line.time.length).toBe(0);
		expect(view.kpis.count).toBe(0);
		expect(view.kpis.mean).toBeNaN();
		expect(view.anomalyCount).toBe(0);
		expect(view.recordCount).toBe(3);
	});

	it('AnalysisEngine keeps series apart', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['a', 'b'], source: 'file', label: '' }, 0);
		const batch: ColumnBatch = {
			count: 3,
			time: Float64Array.of(0, 1, 2),
			values: [Float64Array.of(1, 2, 3), Float64Array.of(10, NaN, 30)],
			category: Int32Array.of(-1, -1, -1),
			newCategories: []
		};
		engine.handle({ kind: 'batch', batch }, 0);

		const a = engine.view({ width: 10, spanMs: 0, series: 0 }, 0).kpis;
		const b = engine.view({ width: 10, spanMs: 0, series: 1 }, 0).kpis;
		expect([a.count, a.mean, a.max]).toEqual([3, 2, 3]);
		expect([b.count, b.mean, b.max]).toEqual([2, 20, 30]);
	});

	it('AnalysisEngine reports arrival rate', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['v'], source: 'simulator', label: '' }, 0);
		for (let now = 0; now < 5_000; now += 100) {
			const time = Array.from({ length: 50 }, (_, i) => now + i);
			engine.handle({ kind: 'batch', batch: batchOf(time, time) }, now);
		}

		expectClose(engine.view(WHOLE, 5_000).kpis.rate, 500, 0.05, 'rate');
		expect(engine.view(WHOLE, 60_000).kpis.rate).toBe(0);
	});

	it('AnalysisEngine reports a read file its average rate', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'a.jsonl' }, 0);
		engine.handle({ kind: 'status', status: 'live', detail: 'reading a.jsonl' }, 0);
		engine.handle({ kind: 'batch', batch: batchOf([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) }, 0);
		const progress = { name: 'a.jsonl', bytesRead: 50, totalBytes: 50, records: 5 };
		engine.handle({ kind: 'progress', progress: { ...progress, elapsedMs: 10 } }, 0);
		engine.handle({ kind: 'status', status: 'done', detail: 'read 5 records' }, 0);

		for (const now of [0, 100, 5_000, 60_000]) {
			const kpis = engine.view(WHOLE, now).kpis;
			expect(kpis.rate, `rate at ${now} ms`).toBe(500);
			expect(kpis.rateFinal, `final at ${now} ms`).toBe(true);
		}
	});

	it('AnalysisEngine gives no rate for an unmeasured read', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'a.jsonl' }, 0);
		engine.handle({ kind: 'batch', batch: batchOf([1], [1]) }, 0);
		const progress = { name: 'a.jsonl', bytesRead: 5, totalBytes: 5, records: 1, elapsedMs: 0 };
		engine.handle({ kind: 'progress', progress }, 0);
		engine.handle({ kind: 'status', status: 'done', detail: 'read 1 record' }, 0);

		expect(engine.view(WHOLE, 0).kpis.rate).toBeNaN();
	});

	it('AnalysisEngine keeps the arrival rate while a file is read', () => {
		const engine = new AnalysisEngine();
		engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'a.jsonl' }, 0);
		engine.handle({ kind: 'status', status: 'live', detail: 'reading a.jsonl' }, 0);
		engine.handle({ kind: 'batch', batch: batchOf([1, 2], [1, 2]) }, 0);
		const progress = { name: 'a.jsonl', bytesRead: 5, totalBytes: 50, records: 2 };
		engine.handle({ kind: 'progress', progress: { ...progress, elapsedMs: 1000 } }, 0);

		expect(engine.view(WHOLE, 60_000).kpis.rate).toBe(0);
		expect(engine.view(WHOLE, 60_000).kpis.rateFinal).toBe(false);
	});
});

describe('AnalysisEngine gaps in a value field', () => {
	/**
	 * Feeds records a minute apart, whose NaN values the batch counts as gaps of `kind` (null
	 * unless given); returns the view.
	 */
	function viewWithGaps(value: number[], engine = new AnalysisEngine(), kind = 'null'): ViewResult {
		engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'gaps.jsonl' }, 0);
		const time = value.map((_, i) => i * 60_000);
		const batch = batchOf(time, value);
		const gaps = value.filter(Number.isNaN).length;
		batch.valueGaps = [{ field: 'v', kinds: [{ kind, count: gaps }] }];
		engine.handle({ kind: 'batch', batch }, 0);
		return engine.view(WHOLE, 0);
	}

	/** Returns the minute of each point of a series whose records are a minute apart, NaN at a break. */
	function minutes(series: DecimatedSeries): number[] {
		return Array.from(series.time, (t, i) => (Number.isNaN(series.value[i]) ? NaN : t / 60_000));
	}

	it('breaks the line where a few records hold no number', () => {
		const line = viewWithGaps([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6]).line.value;
		expect(Array.from(line)).toEqual([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6]);
	});

	it('draws on over the gaps of a field that most records leave out', () => {
		// Two sensors taking turns: each field is a gap in every other record.
		const line = viewWithGaps([1, NaN, 2, NaN, 3, NaN, 4, NaN, 5, NaN]).line.value;
		expect(Array.from(line)).toEqual([1, 2, 3, 4, 5]);
	});

	it('breaks at texts that most records hold', () => {
		// A sensor that is mostly "unavailable" breaks its line at each failed reading.
		const value = [1, NaN, NaN, 2, NaN, NaN, 3, NaN];
		const line = viewWithGaps(value, new AnalysisEngine(), '"unavailable"').line.value;
		expect(Array.from(line)).toEqual([1, NaN, 2, NaN, 3]);
	});

	it('breaks the moving average where the line breaks', () => {
		const view = viewWithGaps([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6]);
		// The window spans each gap, so the average after a gap includes the values before it.
		const expected = [1, 1.5, NaN, 2, 2.5, NaN, 3.8, NaN, 4, 30 / 7];
		expect(view.movingAverage.value.length).toBe(expected.length);
		view.movingAverage.value.forEach((v, i) => expectClose(v, expected[i], 1e-12, `MA ${i}`));
		expect(minutes(view.movingAverage)).toEqual(minutes(view.line));
	});

	it('ends the moving average at the last number', () => {
		const view = viewWithGaps([1, 2, 3, 4, 5, 6, 7, 8, NaN]);
		expect(Array.from(view.movingAverage.time)).toEqual(Array.from(view.line.time));
		expect(view.movingAverage.time.at(-1)).toBe(7 * 60_000);
	});

	it('gives one average point for one number', () => {
		// Most records are gaps, so neither line breaks, but neither has a point at a gap.
		const view = viewWithGaps([21.4, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
		expect(Array.from(view.line.time)).toEqual([0]);
		expect(Array.from(view.movingAverage.time)).toEqual([0]);
		expect(Array.from(view.movingAverage.value)).toEqual([21.4]);
	});

	it('leaves the moving average out at an infinity', () => {
		// A lenient source keeps infinities, which the line leaves out without a break.
		const view = viewWithGaps([1, 2, Infinity, 3, 4]);
		expect(Array.from(view.line.time)).toEqual([0, 60_000, 180_000, 240_000]);
		expect(Array.from(view.movingAverage.time)).toEqual(Array.from(view.line.time));
		expect(Array.from(view.movingAverage.value)).toEqual([1, 1.5, 2, 2.5]);
	});

	it('keeps moving average breaks after a window change', () => {
		const engine = new AnalysisEngine();
		viewWithGaps([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6], engine);
		engine.configure({ maWindow: 5 });
		const view = engine.view(WHOLE, 0);
		const expected = [1, 1.5, NaN, 2, 2.5, NaN, 3.8, NaN, 4.6, 5.4];
		view.movingAverage.value.forEach((v, i) => expectClose(v, expected[i], 1e-12, `MA ${i}`));
		expect(minutes(view.movingAverage)).toEqual(minutes(view.line));
	});

	it.each(['iqr', 'iforest', 'ensemble'] as const)(
		'breaks the moving average under %s',
		async (detector) => {
			await loadLiveDetector(detector);
			const engine = new AnalysisEngine({ detector });
			const view = viewWithGaps([1, 2, NaN, 3, 4, NaN, 9, NaN, 5, 6], engine);
			expect(minutes(view.movingAverage)).toEqual(minutes(view.line));
		}
	);

	it('breaks the moving average of a late record gap', () => {
		const engine = new AnalysisEngine();
		viewWithGaps([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], engine);
		// A record without a number arrives late, between 4 and 5, and the tail is derived again.
		const late = batchOf([4.5 * 60_000], [NaN]);
		late.valueGaps = [{ field: 'v', kinds: [{ kind: 'null', count: 1 }] }];
		engine.handle({ kind: 'batch', batch: late }, 0);
		const view = engine.view(WHOLE, 0);
		expect(Array.from(view.line.value).some(Number.isNaN)).toBe(true);
		expect(minutes(view.movingAverage)).toEqual(minutes(view.line));
	});
});

describe('AnalysisEngine category spread', () => {
	/** Two sensors taking turns, one at 20 and one at 0.1, one record a second. */
	function turns(engine: AnalysisEngine, split: string | null): void {
		const mapping = split
			? { time: ['ts'], values: [['v']], category: [split], split: [split] }
			: undefined;
		engine.handle({ kind: 'reset', series: ['v'], source: 'file', label: 'turns', mapping }, 0);
		const count = 40;
		engine.handle(
			{
				kind: 'batch',
				batch: {
					count,
					time: Float64Array.from({ length: count }, (_, i) => i * 1000),
					values: [Float64Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 20 : 0.1))],
					category: Int32Array.from({ length: count }, (_, i) => i % 2),
					newCategories: ['B_const_20', 'D_const_0p1']
				}
			},
			0
		);
	}

	it('reports that the category explains the spread', () => {
		const engine = new AnalysisEngine();
		turns(engine, null);
		const spread = engine.view(WHOLE, 0).categorySpread;
		expect(spread).toEqual({ ratio: 1, categories: 2 });
	});

	it('reports nothing under a split', () => {
		const engine = new AnalysisEngine();
		turns(engine, 'series');
		expect(engine.view(WHOLE, 0).categorySpread).toBeUndefined();
	});
});
