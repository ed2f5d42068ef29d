import { randomLcg, randomNormal } from 'd3-random';
import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import { MAX_SPLIT_LINES } from '../../../src/lib/analysis/series-lines';
import type {
	ColumnBatch,
	FieldMapping,
	SourceMessage,
	ViewQuery
} from '../../../src/lib/protocol';
import { expectClose } from '../helpers/close';

/** Records of a split stream: a sensor name and one value per value field. */
interface Reading {
	time: number;
	sensor: string | null;
	values: number[];
}

const SPLIT_MAPPING: FieldMapping = {
	time: ['t'],
	values: [['temp']],
	category: ['sensor'],
	split: ['sensor']
};

/** Wide enough that every record keeps its own pixel column. */
const WIDE: ViewQuery = { width: 100_000, spanMs: 0, series: 0 };

function resetSplit(engine: AnalysisEngine, fields = ['temp'], split = true): void {
	const mapping: FieldMapping = split
		? { ...SPLIT_MAPPING, values: fields.map((name) => [name]) }
		: { ...SPLIT_MAPPING, values: fields.map((name) => [name]), split: null };
	const reset: SourceMessage = {
		kind: 'reset',
		series: fields,
		source: 'file',
		label: 'split test',
		mapping
	};
	engine.handle(reset, 0);
}

/**
 * Builds batches as the batch builder does: one dictionary across batches, each batch listing
 * the names it brings first in `newCategories`.
 */
function batcher(fieldCount: number): (readings: Reading[]) => ColumnBatch {
	const dictionary = new Map<string, number>();
	return (readings) => {
		const newCategories: string[] = [];
		const category = Int32Array.from(readings, (reading) => {
			if (reading.sensor === null) return -1;
			let index = dictionary.get(reading.sensor);
			if (index === undefined) {
				index = dictionary.size;
				dictionary.set(reading.sensor, index);
				newCategories.push(reading.sensor);
			}
			return index;
		});
		return {
			count: readings.length,
			time: Float64Array.from(readings, (reading) => reading.time),
			values: Array.from({ length: fieldCount }, (_, s) =>
				Float64Array.from(readings, (reading) => reading.values[s])
			),
			category,
			newCategories
		};
	};
}

function feed(engine: AnalysisEngine, batch: ColumnBatch): void {
	engine.handle({ kind: 'batch', batch }, 0);
}

/** Readings of `sensors` in turn, one a second, with values from `valueOf`. */
function interleaved(
	sensors: string[],
	count: number,
	valueOf: (sensor: number, i: number) => number,
	start = 0
): Reading[] {
	return Array.from({ length: count }, (_, i) => ({
		time: (start + i) * 1000,
		sensor: sensors[i % sensors.length],
		values: [valueOf(i % sensors.length, i)]
	}));
}

describe('AnalysisEngine split series', () => {
	it('split makes one line per category', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const readings = interleaved(['s1', 's2', 's3'], 90, (sensor, i) => sensor * 100 + i);
		feed(engine, batcher(1)(readings));

		const view = engine.view(WIDE, 0);
		expect(view.series).toEqual(['s1', 's2', 's3']);
		expect(view.seriesCounts).toEqual([30, 30, 30]);
		expect(view.recordCount).toBe(90);
		expect(view.split).toEqual({
			field: 'sensor',
			columns: ['temp'],
			lines: 3,
			limit: MAX_SPLIT_LINES,
			omittedCategories: 0,
			omittedRecords: 0
		});
	});

	it('split line draws only its own records', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const sensors = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
		const readings = interleaved(sensors, 80, (sensor, i) => sensor * 100 + i);
		feed(engine, batcher(1)(readings));

		const second = engine.view({ ...WIDE, series: 1 }, 0);
		const expected = readings.filter((reading) => reading.sensor === 's2');
		expect(Array.from(second.line.time)).toEqual(expected.map((reading) => reading.time));
		expect(Array.from(second.line.value)).toEqual(expected.map((reading) => reading.values[0]));
		// The line's records are 8 s apart, more than GAP_FACTOR times the stream's spacing of
		// 1 s: measured against the stream, every step of the line would be a break.
		expect(second.line.value.some(Number.isNaN)).toBe(false);
	});

	it('split KPIs follow the chosen line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const readings = interleaved(['s1', 's2'], 40, (sensor, i) => (sensor === 0 ? i : 1000 - i));
		feed(engine, batcher(1)(readings));

		const values = readings.filter((r) => r.sensor === 's2').map((r) => r.values[0]);
		const kpis = engine.view({ ...WIDE, series: 1 }, 0).kpis;
		expect(kpis.count).toBe(20);
		expectClose(kpis.mean, mean(values), 1e-12, 'mean');
		expect(kpis.min).toBe(Math.min(...values));
		expect(kpis.max).toBe(Math.max(...values));
		expect(kpis.last).toBe(values[values.length - 1]);
	});

	it('split late category joins as a line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const build = batcher(1);
		feed(engine, build(interleaved(['s1', 's2'], 20, () => 1)));
		expect(engine.view(WIDE, 0).series).toEqual(['s1', 's2']);

		feed(engine, build(interleaved(['s2', 's3', 's1'], 30, () => 2, 20)));
		const view = engine.view(WIDE, 0);
		expect(view.series).toEqual(['s1', 's2', 's3']);
		expect(view.seriesCounts).toEqual([20, 20, 10]);
	});

	it('split line waits for a finite value', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const readings = interleaved(['door', 'power'], 20, (sensor, i) => (sensor === 0 ? NaN : i));
		feed(engine, batcher(1)(readings));

		const view = engine.view(WIDE, 0);
		expect(view.series).toEqual(['power']);
		expect(view.seriesCounts).toEqual([10]);
		expect(view.categories.map((category) => category.name).sort()).toEqual(['door', 'power']);
	});

	it('split records without category form a line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const readings: Reading[] = [
			{ time: 0, sensor: 's1', values: [1] },
			{ time: 1000, sensor: null, values: [2] },
			{ time: 2000, sensor: null, values: [3] }
		];
		feed(engine, batcher(1)(readings));

		const view = engine.view(WIDE, 0);
		expect(view.series).toEqual(['s1', '(no sensor)']);
		expect(view.seriesCounts).toEqual([1, 2]);
	});

	it('split several fields name field and category', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine, ['temp', 'rh']);
		const readings: Reading[] = [
			{ time: 0, sensor: 'a', values: [20, 40] },
			{ time: 1000, sensor: 'b', values: [21, NaN] },
			{ time: 2000, sensor: 'b', values: [22, 45] }
		];
		feed(engine, batcher(2)(readings));

		const view = engine.view(WIDE, 0);
		expect(view.series).toEqual(['temp · a', 'rh · a', 'temp · b', 'rh · b']);
		expect(view.seriesCounts).toEqual([1, 1, 2, 1]);
	});

	it('split over the limit reports omitted categories', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const sensors = Array.from({ length: 25 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
		// Four rounds: every sensor sends four readings.
		feed(engine, batcher(1)(interleaved(sensors, 100, (sensor) => sensor)));

		const view = engine.view(WIDE, 0);
		expect(view.series).toHaveLength(MAX_SPLIT_LINES);
		expect(view.series[MAX_SPLIT_LINES - 1]).toBe('s20');
		expect(view.split?.omittedCategories).toBe(5);
		expect(view.split?.omittedRecords).toBe(20);
		expect(view.recordCount).toBe(100);
		expect(view.categories).toHaveLength(20);
	});

	it('split flags anomalies per line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const normal = randomNormal.source(randomLcg(3))(0, 1);
		// s1 sits near 10 and s2 near 1000. A reading of 30 on s1 is far outside s1's own spread,
		// but inside the spread of both sensors taken together.
		const readings = interleaved(['s1', 's2'], 400, (sensor) =>
			sensor === 0 ? 10 + normal() : 1000 + normal()
		);
		const spike = 301;
		readings[spike - 1].values[0] = 30;
		feed(engine, batcher(1)(readings));

		const first = engine.view({ ...WIDE, series: 0 }, 0);
		const second = engine.view({ ...WIDE, series: 1 }, 0);
		expect(Array.from(first.anomalies.time)).toContain(readings[spike - 1].time);
		expect(first.anomalies.value.every((v) => readings.some((r) => r.values[0] === v))).toBe(true);
		expect(second.anomalies.time.length).toBe(second.anomalyCount);
		expect(Array.from(second.anomalies.time)).not.toContain(readings[spike - 1].time);

		const whole = new AnalysisEngine();
		resetSplit(whole, ['temp'], false);
		feed(whole, batcher(1)(readings));
		const unsplit = whole.view(WIDE, 0);
		expect(Array.from(unsplit.anomalies.time)).not.toContain(readings[spike - 1].time);
	});

	it('split moving average per line', () => {
		const engine = new AnalysisEngine({ maWindow: 5 });
		resetSplit(engine);
		const readings = interleaved(['s1', 's2'], 40, (sensor, i) => (sensor === 0 ? i : -i));
		feed(engine, batcher(1)(readings));

		const line = engine.view({ ...WIDE, series: 0 }, 0);
		const own = readings.filter((r) => r.sensor === 's1').map((r) => r.values[0]);
		const expected = own.map((_, i) => mean(own.slice(Math.max(0, i - 4), i + 1)));
		expect(line.movingAverage.value.length).toBe(own.length);
		line.movingAverage.value.forEach((v, i) => expectClose(v, expected[i], 1e-12, `MA ${i}`));
	});

	it('split late record merges into its line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		const build = batcher(1);
		const readings = interleaved(['s1', 's2'], 20, (sensor, i) => sensor * 100 + i);
		const late = readings.splice(6, 1);
		feed(engine, build(readings));
		feed(engine, build(late));

		const view = engine.view({ ...WIDE, series: 0 }, 0);
		expect(view.order.late).toBe(1);
		expect(view.seriesCounts).toEqual([10, 10]);
		const own = [...readings, ...late].filter((r) => r.sensor === 's1').map((r) => r.time);
		expect(Array.from(view.line.time)).toEqual(own.sort((a, b) => a - b));
		const values = interleaved(['s1', 's2'], 20, (sensor, i) => sensor * 100 + i)
			.filter((r) => r.sensor === 's1')
			.map((r) => r.values[0]);
		expectClose(view.kpis.mean, mean(values), 1e-12, 'mean');
	});

	it('split digest per line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		feed(engine, batcher(1)(interleaved(['s1', 's2'], 20, (sensor, i) => sensor * 100 + i)));

		const digest = engine.digest({ since: null, anomalyWindows: [6] });
		expect(digest.series.map((series) => series.name)).toEqual(['s1', 's2']);
		expect(digest.series[0].newValues).toBe(10);
		expect(digest.series[0].newMax).toBe(18);
		expect(digest.series[0].newMaxTime).toBe(18_000);
		expect(digest.series[1].newMin).toBe(101);
		expect(digest.series[1].newMinTime).toBe(1000);
		expect(digest.series[1].last).toBe(119);
		expect(digest.series[1].anomalies).toEqual([
			{ window: 6, records: 6, flagged: 0, newestTime: 19_000 }
		]);
		// s1's window ends at its own newest record, not at the stream's newest (s2's, at 19 s).
		expect(digest.series[0].anomalies[0].newestTime).toBe(18_000);
	});

	it('split export has a column per line', () => {
		const engine = new AnalysisEngine();
		resetSplit(engine);
		feed(engine, batcher(1)(interleaved(['s1', 's2'], 4, (sensor, i) => i)));

		const range = engine.exportRange(0, 3000);
		expect(range.series).toEqual(['s1', 's2']);
		expect(Array.from(range.values[0])).toEqual([0, NaN, 2, NaN]);
		expect(Array.from(range.values[1])).toEqual([NaN, 1, NaN, 3]);
	});

	it('split threshold change re-flags per line', () => {
		const engine = new AnalysisEngine({ zThreshold: 4 });
		resetSplit(engine);
		const normal = randomNormal.source(randomLcg(9))(0, 1);
		const readings = interleaved(['s1', 's2'], 600, (sensor) => sensor * 50 + normal());
		feed(engine, batcher(1)(readings));
		const before = [0, 1].map((series) => engine.view({ ...WIDE, series }, 0).anomalyCount);

		engine.configure({ zThreshold: 1.5 });
		const after = [0, 1].map((series) => engine.view({ ...WIDE, series }, 0));
		after.forEach((view, s) => {
			expect(view.anomalyCount).toBeGreaterThan(before[s]);
			expect(view.anomalies.time.length).toBe(view.anomalyCount);
			const own = readings.filter((r) => r.sensor === `s${s + 1}`).map((r) => r.time);
			expect(Array.from(view.anomalies.time).every((t) => own.includes(t))).toBe(true);
		});
	});
});
