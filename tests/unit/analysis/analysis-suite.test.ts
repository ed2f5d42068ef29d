import { describe, expect, it } from 'vitest';
import { AnalysisSuite, ensembleNote } from '../../../src/lib/analysis/analysis-suite';
import { anomalyRecord } from '../../../src/lib/analysis/anomaly-record';
import { suiteCharts } from '../../../src/lib/analysis/suite-charts';
import { suiteReportHtml } from '../../../src/lib/analysis/suite-report';

/** `count` values of 50 plus a small wave, one a second, with spikes of +20 at `spikes`. */
function columns(count: number, spikes: number[]) {
	const time = Float64Array.from({ length: count }, (_, i) => 1_714_557_600_000 + i * 1000);
	const values = Float64Array.from({ length: count }, (_, i) =>
		spikes.includes(i) ? 70 : 50 + Math.sin(i / 5)
	);
	return { time, values };
}

describe('ensemble note on the analysis page', () => {
	it('ensembleNote names a short series and stays silent on a long one', () => {
		expect(ensembleNote(300)).toContain('This series has 300');
		expect(ensembleNote(300)).toContain('under 2/3 for the first 1,500 values');
		expect(ensembleNote(1499)).toBeDefined();
		expect(ensembleNote(1500)).toBeUndefined();
	});

	it('AnalysisSuite notes the ensemble on a short series beside flags from zscore', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(400, [200, 300]);
		suite.loadColumns(time, values, 'short');
		const result = suite.run({ forestTrees: 10 });
		const byName = new Map(result.detections.map((d) => [d.detector, d]));

		expect(byName.get('ensemble')?.note).toBe(ensembleNote(400));
		const zscore = byName.get('zscore');
		expect(zscore?.anomalies.map((a) => a.index)).toEqual(expect.arrayContaining([200, 300]));
	});

	it('AnalysisSuite ensemble note counts values, not gaps', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(400, [200]);
		// Every other record is a gap: 200 values in 400 records.
		for (let i = 1; i < values.length; i += 2) values[i] = NaN;
		suite.loadColumns(time, values, 'gaps');
		const result = suite.run({ forestTrees: 10 });

		const note = result.detections.find((d) => d.detector === 'ensemble')?.note;
		expect(note).toBe(ensembleNote(200));
		expect(note).toContain('This series has 200, so it flags little here');
	});

	it('AnalysisSuite gives the ensemble no note on a long series', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(1600, [800]);
		suite.loadColumns(time, values, 'long');
		const result = suite.run({ forestTrees: 10 });

		expect(result.detections.find((d) => d.detector === 'ensemble')?.note).toBeUndefined();
	});
});

describe('records without a time field', () => {
	/** Runs the suite on 300 records of `v` alone, with spikes at records 100 and 250. */
	function untimedResult() {
		const suite = new AnalysisSuite();
		const lines = Array.from({ length: 300 }, (_, i) =>
			JSON.stringify({ v: i === 99 || i === 249 ? 90 : 50 + Math.sin(i / 5) })
		);
		suite.load(lines.join('\n'), 'untimed.jsonl');
		return suite.run({ forestTrees: 10 });
	}

	it('AnalysisSuite times records by their numbers', () => {
		const result = untimedResult();
		expect(result.timed).toBe(false);
		expect(Array.from(result.time.subarray(0, 3))).toEqual([1, 2, 3]);
		expect(result.time[299]).toBe(300);
	});

	it('suiteCharts draws record numbers, not 1970 times', () => {
		const charts = suiteCharts(untimedResult());
		for (const chart of [charts.series, charts.trend, charts.seasonality, charts.forecast]) {
			expect(chart).toMatch(/>record \d+</);
			expect(chart).not.toContain('1970');
		}
	});

	it('suiteCharts draws values alone against record numbers', () => {
		const suite = new AnalysisSuite();
		suite.load(Array.from({ length: 50 }, (_, i) => `{"v":${i % 9}}`).join('\n'), 'u.jsonl');
		const clusters = suiteCharts(suite.run({ forestTrees: 10, dbscanFeature: 'none' })).clusters;
		expect(clusters).toContain('drawn against record number');
		expect(clusters).toContain('>record number, not clustered</text>');
		expect(clusters).not.toContain('1970');
	});

	it('suiteReportHtml names anomalies by record', () => {
		const result = untimedResult();
		const html = suiteReportHtml(result, new Date(Date.UTC(2026, 0, 1)));
		const zscore = result.detections.find((d) => d.detector === 'zscore');
		expect(zscore?.anomalies.map((a) => a.index + 1)).toContain(100);
		expect(html).toContain('<tr><td>zscore</td><td>100</td><td>90</td>');
		expect(html).toContain('<th>Record</th><th>Value</th>');
		expect(html).toContain('slope per record');
		expect(html).not.toContain('1970');
	});

	it('anomalyRecord numbers a split line by file record', () => {
		const suite = new AnalysisSuite();
		// Sensors a and b take turns; b's spike is the file's record 101, its own 51st.
		const lines = Array.from({ length: 300 }, (_, i) => {
			const value = i === 100 ? 90 : 50 + Math.sin(i / 5);
			return JSON.stringify({ sensor: i % 2 === 0 ? 'b' : 'a', v: value });
		});
		suite.load(lines.join('\n'), 'split.jsonl', { split: 'sensor', line: 'b' });
		const result = suite.run({ forestTrees: 10 });
		const spike = result.detections
			.find((d) => d.detector === 'zscore')
			?.anomalies.find((a) => a.value === 90);
		expect(spike?.index).toBe(50);
		expect(anomalyRecord(result, spike ?? { index: -1, time: NaN })).toBe(101);
		expect(suiteReportHtml(result, new Date(0))).toContain('<td>zscore</td><td>101</td>');
	});

	it('suiteReportHtml keeps times of timed records', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(60, [30]);
		suite.loadColumns(time, values, 'session');
		const html = suiteReportHtml(suite.run({ forestTrees: 10 }), new Date(0));
		expect(html).toContain('<th>Record</th><th>Time</th><th>Value</th>');
		expect(html).toContain('<td>31</td><td>2024-05-01T10:00:30.000Z</td>');
	});
});

describe('moving averages over gaps', () => {
	it('suiteCharts breaks the averages where the value breaks', () => {
		const suite = new AnalysisSuite();
		// Records 1 to 20 have a value; 21 to 40 carry "unavailable" and count as gaps.
		const lines = Array.from({ length: 40 }, (_, i) =>
			JSON.stringify({ ts: 1000 * i, v: i < 20 ? 50 + (i % 3) : 'unavailable' })
		);
		suite.load(lines.join('\n'), 'gaps.jsonl', { value: 'v' });
		const result = suite.run({ forestTrees: 10, window: 5 });
		// The averages themselves carry the last value over the gap.
		expect(Number.isFinite(result.sma[30])).toBe(true);

		const series = suiteCharts(result).series;
		const paths = [...series.matchAll(/<path d="([^"]*)" fill="none" stroke="([^"]*)"/g)];
		expect(paths).toHaveLength(3);
		// Each line ends at the last record with a value, whose x is the same in all three.
		const ends = paths.map(([, d]) => d.match(/L?([\d.]+),[\d.]+$/)?.[1]);
		expect(ends[1]).toBe(ends[0]);
		expect(ends[2]).toBe(ends[0]);
	});
});

describe('value series name', () => {
	it('AnalysisSuite names the value field in the charts', () => {
		const suite = new AnalysisSuite();
		const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ ts: 1000 * i, v: i % 7 }));
		suite.load(lines.join('\n'), 'seven.jsonl');
		const result = suite.run({ forestTrees: 10 });

		expect(result.valueName).toBe('v');
		expect(result.clusters.features[0]).toBe('v');
		const charts = suiteCharts(result);
		expect(charts.series).toContain('>● v</text>');
		expect(charts.series).not.toContain('>● value</text>');
	});

	it('AnalysisSuite names a session series given to loadColumns', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(60, []);
		suite.loadColumns(time, values, 'session', 'temperature');

		expect(suite.run({ forestTrees: 10 }).valueName).toBe('temperature');
	});
});

describe('records out of time order', () => {
	// Readings in arrival order: the ones at 1.5 s and 0.5 s came late.
	const seconds = [0, 1, 2, 1.5, 3, 4, 0.5, 5];
	const start = 1_714_557_600_000;
	const text = seconds
		.map((second) => JSON.stringify({ ts: start + second * 1000, v: second * 10 }))
		.join('\n');

	it('AnalysisSuite load sorts a file by time', () => {
		const suite = new AnalysisSuite();
		const loaded = suite.load(text, 'late.jsonl');
		const result = suite.run({ forestTrees: 10 });

		const sorted = [0, 0.5, 1, 1.5, 2, 3, 4, 5];
		expect(Array.from(result.time)).toEqual(sorted.map((second) => start + second * 1000));
		expect(Array.from(result.values)).toEqual(sorted.map((second) => second * 10));
		expect(loaded.count).toBe(8);
		expect(loaded.errors).toContainEqual({
			line: 0,
			message:
				'sorted 2 late records into time order, because each was older than a record before it',
			severity: 'warning'
		});
	});

	it('AnalysisSuite loadColumns sorts a session by time', () => {
		const suite = new AnalysisSuite();
		const time = Float64Array.from(seconds, (second) => start + second * 1000);
		suite.loadColumns(
			time,
			Float64Array.from(seconds, (second) => second * 10),
			'session'
		);
		const result = suite.run({ forestTrees: 10 });

		expect(Array.from(result.values)).toEqual([0, 5, 10, 15, 20, 30, 40, 50]);
		expect(result.errors.map((error) => error.message)).toEqual([
			'sorted 2 late records into time order, because each was older than a record before it'
		]);
	});

	it('AnalysisSuite keeps equal times in file order', () => {
		const suite = new AnalysisSuite();
		const time = Float64Array.from([2, 1, 2, 1], (second) => start + second * 1000);
		suite.loadColumns(time, Float64Array.from([20, 10, 21, 11]), 'ties');
		const result = suite.run({ forestTrees: 10 });

		expect(Array.from(result.values)).toEqual([10, 11, 20, 21]);
	});
});
