import { describe, expect, it } from 'vitest';
import { AnalysisSuite, ensembleNote } from '../../../src/lib/analysis/analysis-suite';
import { suiteCharts } from '../../../src/lib/analysis/suite-charts';

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
		expect(ensembleNote(300)).toContain('under 2/3 for the first 1,500 records');
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

	it('AnalysisSuite gives the ensemble no note on a long series', () => {
		const suite = new AnalysisSuite();
		const { time, values } = columns(1600, [800]);
		suite.loadColumns(time, values, 'long');
		const result = suite.run({ forestTrees: 10 });

		expect(result.detections.find((d) => d.detector === 'ensemble')?.note).toBeUndefined();
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
