import { describe, expect, it } from 'vitest';
import { AnalysisSuite } from '../../../src/lib/analysis/analysis-suite';
import { suiteCharts } from '../../../src/lib/analysis/suite-charts';
import { suiteReportHtml } from '../../../src/lib/analysis/suite-report';
import type { SuiteResult } from '../../../src/lib/protocol';
import { readCase } from '../helpers/cases';

const CASE = 'case-34-stat-iforest-dbscan.jsonl';
const HOUR_START = Date.UTC(2024, 4, 1, 10);

/**
 * Case 34 as JSON Lines, with the time of each dbscan_scale record moved to the start of its
 * UTC hour plus its hour_frac. The file's own times run one second apart, and its hour_frac
 * column is drawn at random apart from them. The case's expected clusters are for that column,
 * so only times that carry it give them.
 */
function caseWithHourFracTimes(): string {
	const rows = readCase(CASE);
	const others = rows.filter((row) => row.set !== 'dbscan_scale');
	// In time order, as a series is. DBSCAN's clusters and noise do not depend on the order.
	const scale = rows
		.filter((row) => row.set === 'dbscan_scale')
		.map((row) => ({ ...row, ts: HOUR_START + Math.round(Number(row.hour_frac) * 3_600_000) }))
		.sort((a, b) => a.ts - b.ts);
	return [...others, ...scale].map((row) => JSON.stringify(row)).join('\n');
}

/** Loads the dbscan_scale records of `text` and runs the suite on them. */
function runScale(text: string, params: Partial<SuiteResult['params']>): SuiteResult {
	const suite = new AnalysisSuite();
	const fields = { split: 'set', line: 'dbscan_scale', value: 'value', time: 'ts' };
	const loaded = suite.load(text, CASE, fields);
	expect(loaded.count).toBe(183);
	return suite.run({ forestTrees: 10, minPts: 5, ...params });
}

const noiseValues = (result: SuiteResult) =>
	result.clusters.noise.map((i) => result.values[i]).sort((a, b) => a - b);

describe('AnalysisSuite DBSCAN on time within the hour', () => {
	const text = caseWithHourFracTimes();

	it('AnalysisSuite eps 0.4 finds the three value levels', () => {
		const result = runScale(text, { dbscanFeature: 'hour', eps: 0.4 });
		const c = result.clusters;

		expect(c.features).toEqual(['value', 'time within the hour (UTC)']);
		expect(c.records).toHaveLength(183);
		expect(c.clusterCount).toBe(3);
		expect(noiseValues(result)).toEqual([800, 1200]);
	});

	it.each([
		{ eps: 0.3, clusters: 5, noise: 5 },
		{ eps: 0.2, clusters: 9, noise: 18 }
	])('AnalysisSuite eps $eps gives $clusters clusters', ({ eps, clusters, noise }) => {
		const c = runScale(text, { dbscanFeature: 'hour', eps }).clusters;

		expect(c.clusterCount).toBe(clusters);
		expect(c.noise).toHaveLength(noise);
	});

	it('AnalysisSuite suggests eps from the chosen features', () => {
		const hour = runScale(text, { dbscanFeature: 'hour' }).clusters;
		const change = runScale(text, { dbscanFeature: 'change' }).clusters;

		expect(hour.suggestedEps).toBeGreaterThan(0.3);
		expect(hour.suggestedEps).toBeLessThan(0.45);
		expect(hour.eps).toBe(hour.suggestedEps);
		expect(hour.clusterCount).toBe(3);
		expect(change.suggestedEps).not.toBeCloseTo(hour.suggestedEps, 3);
	});

	it('AnalysisSuite hour on the original times', () => {
		// One second apart, the file's times span 3 minutes, so their fraction of the hour rises
		// steadily and does not carry the hour_frac noise.
		const result = runScale(
			readCase(CASE)
				.map((row) => JSON.stringify(row))
				.join('\n'),
			{
				dbscanFeature: 'hour',
				eps: 0.2
			}
		);

		expect(result.clusters.clusterCount).toBe(3);
		expect(noiseValues(result)).toEqual([800, 1025, 1200]);
	});
});

describe('AnalysisSuite DBSCAN second feature', () => {
	const text = caseWithHourFracTimes();

	it('AnalysisSuite clusters on change by default', () => {
		const result = runScale(text, { eps: 0.4 });
		const c = result.clusters;

		expect(result.params.dbscanFeature).toBe('change');
		expect(c.feature).toBe('change');
		expect(c.features).toEqual(['value', 'change from previous value']);
		// The first record has no previous value, so it has no change and is left out.
		expect(c.records).toHaveLength(182);
		expect(c.records[0]).toBe(1);
		expect(c.points).toHaveLength(2);
	});

	it('AnalysisSuite gives noise as record indices', () => {
		const result = runScale(text, { eps: 0.4 });
		const c = result.clusters;

		for (const record of c.noise) {
			const point = Array.from(c.records).indexOf(record);
			expect(point).toBeGreaterThanOrEqual(0);
			expect(c.labels[point]).toBe(-1);
		}
	});

	it('AnalysisSuite with none clusters the value alone', () => {
		const result = runScale(text, { dbscanFeature: 'none', eps: 0.4 });
		const c = result.clusters;

		expect(c.features).toEqual(['value']);
		expect(c.points).toHaveLength(1);
		expect(c.records).toHaveLength(183);
		expect(c.clusterCount).toBeGreaterThan(0);
		expect(noiseValues(result)).toContain(800);
		expect(noiseValues(result)).toContain(1200);
	});

	it('AnalysisSuite rejects a time feature without times', () => {
		const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ v: i % 5 }));
		const suite = new AnalysisSuite();
		suite.load(lines.join('\n'), 'untimed.jsonl');

		expect(() => suite.run({ dbscanFeature: 'day' })).toThrow(
			'DBSCAN second feature "time of day (UTC)" needs record times, but untimed.jsonl has ' +
				'no time field'
		);
		expect(suite.run({ dbscanFeature: 'none', forestTrees: 10 }).clusters.features).toEqual(['v']);
	});

	it('AnalysisSuite rejects an unknown feature', () => {
		const suite = new AnalysisSuite();
		suite.loadColumns(Float64Array.of(0, 1), Float64Array.of(1, 2), 'two');

		expect(() => suite.run({ dbscanFeature: 'week' as 'day' })).toThrow(
			'invalid DBSCAN second feature "week"'
		);
	});
});

describe('DBSCAN chart and report name the features', () => {
	const text = caseWithHourFracTimes();

	it('suiteCharts labels the axis with the second feature', () => {
		const svg = suiteCharts(runScale(text, { dbscanFeature: 'hour', eps: 0.4 })).clusters;

		expect(svg).toContain('>value (z)</text>');
		expect(svg).toContain('>time within the hour (UTC) (z)</text>');
		expect(svg).not.toContain('change from previous value');
		expect(svg.match(/<circle /g)).toHaveLength(183);
	});

	it('suiteCharts draws a value alone against time', () => {
		const svg = suiteCharts(runScale(text, { dbscanFeature: 'none', eps: 0.4 })).clusters;

		expect(svg).toContain('<title>DBSCAN clusters of value alone, drawn against time</title>');
		expect(svg).toContain('>time (UTC), not clustered</text>');
		expect(svg).toContain('>value (z)</text>');
		// Time ticks of a span within one hour on 2024-05-01.
		expect(svg).toContain('>2024-05-01 10:');
		expect(svg.match(/<circle /g)).toHaveLength(183);
	});

	it('suiteReportHtml names the features clustered', () => {
		const hour = suiteReportHtml(runScale(text, { dbscanFeature: 'hour', eps: 0.4 }), new Date(0));
		const none = suiteReportHtml(runScale(text, { dbscanFeature: 'none', eps: 0.4 }), new Date(0));

		expect(hour).toContain(
			'<td>features (standardised)</td><td>value and time within the hour (UTC)</td>'
		);
		expect(hour).toContain('<td>records clustered</td><td>183</td>');
		expect(hour).toContain('<td>dbscanFeature</td><td>hour</td>');
		expect(none).toContain(
			'<td>features (standardised)</td><td>value alone (the chart draws it against time)</td>'
		);
	});
});
