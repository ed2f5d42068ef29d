import { readFileSync } from 'node:fs';
import { randomLcg, randomNormal } from 'd3-random';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../../../src/lib/analysis/detectors';
import { EnsembleDetector } from '../../../src/lib/analysis/ensemble-detector';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import { loadLiveDetector } from '../../../src/lib/analysis/detector-loader';
import { LiveForest } from '../../../src/lib/analysis/live-forest';
import { RollingIqr } from '../../../src/lib/analysis/rolling-iqr';
import { RollingZScore } from '../../../src/lib/analysis/rolling-zscore';
import { SeriesAnalysis } from '../../../src/lib/analysis/series-analysis';
import type { AnalysisSettings, ColumnBatch, ViewQuery } from '../../../src/lib/protocol';

interface NabRecord {
	timestamp: string;
	value: number;
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

function batchOf(time: number[], value: number[]): ColumnBatch {
	return {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: new Int32Array(time.length).fill(-1),
		newCategories: []
	};
}

/**
 * Starts an engine and feeds it records in the order of `order` (indexes into `time` and
 * `value`), `size` records per batch.
 */
function feed(
	settings: Partial<AnalysisSettings>,
	time: number[],
	value: number[],
	order = time.map((_, i) => i),
	size = 97
): AnalysisEngine {
	const engine = new AnalysisEngine(settings);
	engine.handle({ kind: 'reset', series: ['value'], source: 'file', label: 'test' }, 0);
	for (let start = 0; start < order.length; start += size) {
		const slice = order.slice(start, start + size);
		const batch = batchOf(
			slice.map((i) => time[i]),
			slice.map((i) => value[i])
		);
		engine.handle({ kind: 'batch', batch }, 0);
	}
	return engine;
}

/** Times of the records the engine flags, oldest first. */
function flaggedTimes(engine: AnalysisEngine): number[] {
	return Array.from(engine.view(WHOLE, 0).anomalies.time);
}

/** Times at which `flags` is 1. */
function timesOf(flags: ArrayLike<number>, time: number[]): number[] {
	return time.filter((_, i) => flags[i] === 1);
}

function zscoreFlags(value: number[], threshold = 3): Uint8Array {
	const detector = new RollingZScore(100, threshold);
	return Uint8Array.from(value, (v) =>
		Math.abs(Math.fround(detector.push(v))) > threshold ? 1 : 0
	);
}

function iqrFlags(value: number[], k = 1.5): Uint8Array {
	const detector = new RollingIqr(100, k);
	return Uint8Array.from(value, (v) => (Math.abs(Math.fround(detector.push(v))) > 0 ? 1 : 0));
}

/** Flags of a live isolation forest fed the values in order, at `threshold`. */
function forestFlags(value: number[], time: number[], threshold = 0.85): Uint8Array {
	const forest = new LiveForest(threshold);
	return Uint8Array.from(value, (v, i) => (forest.isAnomaly(forest.push(v, time[i])) ? 1 : 0));
}

function ensembleFlags(value: number[], time: number[]): Uint8Array {
	return DETECTORS.ensemble(Float64Array.from(value), Float64Array.from(time)).anomaly;
}

const sum = (flags: Uint8Array) => flags.reduce((total, flag) => total + flag, 0);

/** Gaussian noise with a spike every 97 records, at 1 s steps. */
function spiky(count: number): { time: number[]; value: number[] } {
	const normal = randomNormal.source(randomLcg(7))(10, 2);
	const value = Array.from({ length: count }, (_, i) => (i % 97 === 50 ? 40 : normal()));
	return { time: value.map((_, i) => i * 1000), value };
}

beforeAll(() => Promise.all([loadLiveDetector('ensemble'), loadLiveDetector('iforest')]));

describe('AnalysisEngine detectors', () => {
	it('AnalysisEngine flags with the IQR detector', () => {
		const expected = iqrFlags(nabValue, 2);
		const engine = feed({ detector: 'iqr', iqrK: 2 }, nabTime, nabValue);

		expect(sum(expected)).toBeGreaterThan(0);
		expect(flaggedTimes(engine)).toEqual(timesOf(expected, nabTime));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(expected));
	});

	it('live ensemble scores equal the analysis page ensemble', () => {
		const time = Float64Array.from(nabTime);
		const value = Float64Array.from(nabValue);
		const expected = DETECTORS.ensemble(value, time);
		const live = new SeriesAnalysis(0, {
			maWindow: 20,
			detector: 'ensemble',
			zWindow: 100,
			zThreshold: 3,
			iqrK: 1.5,
			forestThreshold: 0.65
		});
		const scores: number[] = [];
		const flags: number[] = [];
		for (const [start, end] of [
			[0, 1],
			[1, 300],
			[300, 301],
			[301, nab.length]
		]) {
			const derived = live.ingest(value.subarray(start), time.subarray(start), end - start);
			scores.push(...derived.score);
			flags.push(...derived.anomaly);
		}

		expect(sum(expected.anomaly)).toBeGreaterThan(0);
		expect(scores).toEqual(Array.from(expected.score, Math.fround));
		expect(flags).toEqual(Array.from(expected.anomaly));
		expect(live.anomalyCount).toBe(sum(expected.anomaly));
	});

	it('AnalysisEngine flags with the isolation forest', () => {
		const expected = forestFlags(nabValue, nabTime);
		const engine = feed({ detector: 'iforest' }, nabTime, nabValue);

		expect(sum(expected)).toBeGreaterThan(0);
		expect(flaggedTimes(engine)).toEqual(timesOf(expected, nabTime));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(expected));
	});

	it('AnalysisEngine re-flags on a new forest threshold from the stored scores', () => {
		const engine = feed({ detector: 'iforest' }, nabTime, nabValue);
		engine.configure({ forestThreshold: 0.75 });
		const loose = forestFlags(nabValue, nabTime, 0.75);

		expect(sum(loose)).toBeGreaterThan(sum(forestFlags(nabValue, nabTime)));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(loose));
		expect(flaggedTimes(engine)).toEqual(timesOf(loose, nabTime));

		// Records after the change are flagged at the new threshold too.
		const more = feed({ detector: 'iforest' }, nabTime.slice(0, 1500), nabValue.slice(0, 1500));
		more.configure({ forestThreshold: 0.75 });
		more.handle({ kind: 'batch', batch: batchOf(nabTime.slice(1500), nabValue.slice(1500)) }, 0);
		expect(flaggedTimes(more)).toEqual(timesOf(loose, nabTime));
	});

	it('AnalysisEngine flags with the ensemble detector', () => {
		const expected = ensembleFlags(nabValue, nabTime);
		const engine = feed({ detector: 'ensemble' }, nabTime, nabValue);

		expect(flaggedTimes(engine)).toEqual(timesOf(expected, nabTime));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(expected));
	});

	it('AnalysisEngine switching detectors corrects the count', () => {
		const engine = feed({}, nabTime, nabValue);
		const zscore = zscoreFlags(nabValue);
		const iqr = iqrFlags(nabValue);
		const ensemble = ensembleFlags(nabValue, nabTime);
		const forest = forestFlags(nabValue, nabTime);
		expect(new Set([sum(zscore), sum(iqr), sum(ensemble), sum(forest)]).size).toBe(4);

		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(zscore));
		engine.configure({ detector: 'iqr' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(iqr));
		expect(flaggedTimes(engine)).toEqual(timesOf(iqr, nabTime));
		engine.configure({ detector: 'ensemble' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(ensemble));
		expect(flaggedTimes(engine)).toEqual(timesOf(ensemble, nabTime));
		engine.configure({ detector: 'iforest' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(forest));
		expect(flaggedTimes(engine)).toEqual(timesOf(forest, nabTime));
		engine.configure({ detector: 'zscore' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(zscore));
		expect(flaggedTimes(engine)).toEqual(timesOf(zscore, nabTime));
	});

	it('AnalysisEngine continues the stream after a switch', () => {
		const half = 600;
		const engine = feed({}, nabTime.slice(0, half), nabValue.slice(0, half));
		engine.configure({ detector: 'iqr' });
		const rest = batchOf(nabTime.slice(half), nabValue.slice(half));
		engine.handle({ kind: 'batch', batch: rest }, 0);
		const expected = iqrFlags(nabValue);

		expect(flaggedTimes(engine)).toEqual(timesOf(expected, nabTime));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(expected));
	});

	it('AnalysisEngine re-flags on a new IQR k only under the IQR detector', () => {
		const engine = feed({ detector: 'iqr' }, nabTime, nabValue);
		engine.configure({ iqrK: 3 });
		const wide = iqrFlags(nabValue, 3);

		expect(sum(wide)).toBeLessThan(sum(iqrFlags(nabValue)));
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(wide));
		expect(flaggedTimes(engine)).toEqual(timesOf(wide, nabTime));

		engine.configure({ zThreshold: 1 });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(wide));
		engine.configure({ detector: 'zscore' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(sum(zscoreFlags(nabValue, 1)));
	});

	it('AnalysisEngine keeps ensemble flags on a new z window', () => {
		const engine = feed({ detector: 'ensemble' }, nabTime, nabValue);
		const before = flaggedTimes(engine);
		engine.configure({ zWindow: 50 });

		expect(flaggedTimes(engine)).toEqual(before);
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(before.length);
		expect(engine.view({ ...WHOLE, band: 2 }, 0).band?.upper.length).toBeGreaterThan(0);
	});

	it.each(['zscore', 'iqr'] as const)(
		'AnalysisEngine rewinds %s for a late record as a sorted stream',
		(detector) => {
			const { time, value } = spiky(1000);
			// Record 600 (a spike's neighbour) arrives after record 700.
			const order = [...time.keys()].filter((i) => i !== 600);
			order.splice(700, 0, 600);
			const late = feed({ detector }, time, value, order, 100);
			const sorted = feed({ detector }, time, value);
			const expected = detector === 'iqr' ? iqrFlags(value) : zscoreFlags(value);

			expect(late.view(WHOLE, 0).order.late).toBe(1);
			expect(flaggedTimes(late)).toEqual(timesOf(expected, time));
			expect(flaggedTimes(late)).toEqual(flaggedTimes(sorted));
			expect(late.view(WHOLE, 0).anomalyCount).toBe(sum(expected));
		}
	);

	it.each(['ensemble'] as const)(
		'AnalysisEngine scores a late record with the %s on arrival',
		(detector) => {
			// Record 600 arrives after 601..700, in a batch with 701..750: the ensemble scores it
			// after 700, and the records 601..700 keep the scores they had.
			const arrival = [...nabTime.keys()].filter((i) => i !== 600);
			arrival.splice(700, 0, 600);
			const batches = [
				[0, 600],
				[600, 700],
				[700, 751],
				[751, nab.length]
			];
			const engine = new AnalysisEngine({ detector });
			engine.handle({ kind: 'reset', series: ['value'], source: 'file', label: 'test' }, 0);
			for (const [start, end] of batches) {
				const slice = arrival.slice(start, end);
				const batch = batchOf(
					slice.map((i) => nabTime[i]),
					slice.map((i) => nabValue[i])
				);
				engine.handle({ kind: 'batch', batch }, 0);
			}

			const reference = new EnsembleDetector();
			const flags = new Uint8Array(nab.length);
			for (const i of arrival) {
				flags[i] = reference.isAnomaly(reference.push(nabValue[i], nabTime[i])) ? 1 : 0;
			}
			const view = engine.view(WHOLE, 0);

			expect(view.order.late).toBe(1);
			expect(sum(flags)).toBeGreaterThan(0);
			expect(flaggedTimes(engine)).toEqual(timesOf(flags, nabTime));
			expect(view.anomalyCount).toBe(sum(flags));
			expect(view.anomalyCount).toBe(view.anomalies.time.length);
		}
	);

	it('AnalysisEngine scores a late record with the forest in time order', () => {
		// Record 600 arrives after 601..700, in a batch with 701..750. The forest scores 600 and
		// 601..700 again in time order, with the features they have next to 600, and keeps the
		// forest it had: 601..700 join no training rows twice.
		const engine = new AnalysisEngine({ detector: 'iforest' });
		engine.handle({ kind: 'reset', series: ['value'], source: 'file', label: 'test' }, 0);
		const send = (indexes: number[]) => {
			const batch = batchOf(
				indexes.map((i) => nabTime[i]),
				indexes.map((i) => nabValue[i])
			);
			engine.handle({ kind: 'batch', batch }, 0);
		};
		const range = (from: number, to: number) => [...nabTime.keys()].slice(from, to);
		send(range(0, 600));
		send(range(601, 701));
		send([600, ...range(701, 751)]);
		send(range(751, nab.length));

		const reference = new LiveForest();
		const flags = new Uint8Array(nab.length);
		const push = (i: number) => {
			flags[i] = reference.isAnomaly(reference.push(nabValue[i], nabTime[i])) ? 1 : 0;
		};
		range(0, 600).forEach(push);
		range(601, 701).forEach(push);
		reference.rewindFeatures(nabValue.slice(0, 600));
		push(600);
		for (const i of range(601, 701)) {
			flags[i] = reference.isAnomaly(reference.rescore(nabValue[i])) ? 1 : 0;
		}
		range(701, nab.length).forEach(push);
		const view = engine.view(WHOLE, 0);

		expect(view.order.late).toBe(1);
		expect(sum(flags)).toBeGreaterThan(0);
		expect(flaggedTimes(engine)).toEqual(timesOf(flags, nabTime));
		expect(view.anomalyCount).toBe(sum(flags));
	});

	it('AnalysisEngine does not flag a corrected reading under the forest', () => {
		// 400 readings near 50, then 150 at t, then a correction of t back to 50.
		const normal = randomNormal.source(randomLcg(3))(50, 1);
		const time = Array.from({ length: 400 }, (_, i) => i * 1000 + 123);
		const value = time.map(() => normal());
		const engine = new AnalysisEngine({ detector: 'iforest' });
		// With a mapped time field, a record of a time already kept replaces it.
		const mapping = { time: ['t'], values: [['v']], category: null };
		engine.handle({ kind: 'reset', series: ['v'], source: 'websocket', label: 'test', mapping }, 0);
		engine.handle({ kind: 'batch', batch: batchOf(time, value) }, 0);
		const t = 400_123;
		engine.handle({ kind: 'batch', batch: batchOf([t], [150]) }, 0);
		expect(flaggedTimes(engine)).toContain(t);

		engine.handle({ kind: 'batch', batch: batchOf([t], [50]) }, 0);
		const view = engine.view(WHOLE, 0);
		expect(view.order.replaced).toBe(1);
		expect(flaggedTimes(engine)).not.toContain(t);
		expect(view.anomalyCount).toBe(view.anomalies.time.length);
		engine.configure({ detector: 'zscore' });
		engine.configure({ detector: 'iforest' });
		expect(engine.view(WHOLE, 0).anomalyCount).toBe(view.anomalyCount);
	});
});

describe('AnalysisEngine detectors on a split series', () => {
	it.each(['iqr', 'iforest', 'ensemble'] as const)(
		'AnalysisEngine runs %s per line',
		(detector) => {
			// Two sensors interleaved: even records are "a" (the NAB series), odd ones "b" (noise).
			const { value: noise } = spiky(nab.length);
			const time: number[] = [];
			const value: number[] = [];
			const category: number[] = [];
			nab.forEach((_, i) => {
				time.push(nabTime[i], nabTime[i] + 1);
				value.push(nabValue[i], noise[i]);
				category.push(0, 1);
			});
			const engine = new AnalysisEngine({ detector });
			engine.handle(
				{
					kind: 'reset',
					series: ['value'],
					source: 'file',
					label: 'split',
					mapping: { time: ['t'], values: [['value']], category: ['sensor'], split: ['sensor'] }
				},
				0
			);
			for (let start = 0; start < time.length; start += 301) {
				const end = Math.min(start + 301, time.length);
				const batch: ColumnBatch = {
					count: end - start,
					time: Float64Array.from(time.slice(start, end)),
					values: [Float64Array.from(value.slice(start, end))],
					category: Int32Array.from(category.slice(start, end)),
					newCategories: start === 0 ? ['a', 'b'] : []
				};
				engine.handle({ kind: 'batch', batch }, 0);
			}
			const noiseTime = nabTime.map((t) => t + 1);
			const flagsOf = (value: number[], time: number[]) => {
				if (detector === 'iqr') return iqrFlags(value);
				if (detector === 'iforest') return forestFlags(value, time);
				return ensembleFlags(value, time);
			};
			const expectedA = flagsOf(nabValue, nabTime);
			const expectedB = flagsOf(noise, noiseTime);

			const lineA = engine.view({ ...WHOLE, series: 0 }, 0);
			const lineB = engine.view({ ...WHOLE, series: 1 }, 0);
			expect(lineA.series).toEqual(['a', 'b']);
			expect(Array.from(lineA.anomalies.time)).toEqual(timesOf(expectedA, nabTime));
			expect(Array.from(lineB.anomalies.time)).toEqual(timesOf(expectedB, noiseTime));
			expect(lineA.anomalyCount).toBe(sum(expectedA));
			expect(lineB.anomalyCount).toBe(sum(expectedB));
		}
	);
});
