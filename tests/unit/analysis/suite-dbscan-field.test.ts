import { describe, expect, it } from 'vitest';
import { AnalysisSuite } from '../../../src/lib/analysis/analysis-suite';
import { suiteCharts } from '../../../src/lib/analysis/suite-charts';
import { suiteReportHtml } from '../../../src/lib/analysis/suite-report';
import type { SuiteResult } from '../../../src/lib/protocol';
import { readCase } from '../helpers/cases';

const CASE = 'case-34-stat-iforest-dbscan.jsonl';
const SCALE = { split: 'set', line: 'dbscan_scale', value: 'value', time: 'ts' };

/** Case 34 as it is stored, one JSON record per line. */
const caseText = readCase(CASE)
	.map((row) => JSON.stringify(row))
	.join('\n');

/** Loads the dbscan_scale records of case 34 and runs the suite on them. */
function runScale(params: Partial<SuiteResult['params']>): SuiteResult {
	const suite = new AnalysisSuite();
	const loaded = suite.load(caseText, CASE, SCALE);
	expect(loaded.count).toBe(183);
	return suite.run({ forestTrees: 10, minPts: 5, ...params });
}

/** Loads `records` with value field `v` and time field `t`, and runs the suite with `params`. */
function runRecords(records: object[], params: Partial<SuiteResult['params']>): SuiteResult {
	const suite = new AnalysisSuite();
	const text = records.map((record) => JSON.stringify(record)).join('\n');
	suite.load(text, 'records.jsonl', { value: 'v', time: 't' });
	return suite.run({ forestTrees: 10, minPts: 2, eps: 1, ...params });
}

const noiseValues = (result: SuiteResult) =>
	result.clusters.noise.map((i) => result.values[i]).sort((a, b) => a - b);

describe('AnalysisSuite DBSCAN on a field of the file', () => {
	it('AnalysisSuite load lists the fields beside the value', () => {
		const suite = new AnalysisSuite();
		const loaded = suite.load(caseText, CASE, SCALE);

		expect(loaded.featureFields).toContain('hour_frac');
		expect(loaded.featureFields).not.toContain('value');
		expect(loaded.featureFields).not.toContain('ts');
		expect(loaded.featureFields).not.toContain('set');
	});

	it('AnalysisSuite leaves out a field without numbers in the line', () => {
		// The field v comes from the first records, of the line iforest_small.
		const suite = new AnalysisSuite();
		const loaded = suite.load(caseText, CASE, SCALE);

		expect(loaded.featureFields).toEqual(['hour_frac']);
		expect(loaded.unofferedFields.withoutNumber).toEqual(['v']);
		expect(() => suite.run({ dbscanFeature: 'field:v' })).toThrow(
			'invalid DBSCAN second feature "field:v": numeric field "v" has no finite number in the ' +
				'records read, expected one of hour_frac'
		);
	});

	it('AnalysisSuite offers each field of all lines', () => {
		const suite = new AnalysisSuite();
		const loaded = suite.load(caseText, CASE, { split: 'set', value: 'value', time: 'ts' });

		expect(loaded.featureFields).toEqual(['v', 'hour_frac']);
		expect(loaded.unofferedFields.withoutNumber).toEqual([]);
	});

	it('AnalysisSuite hour_frac eps 0.4 finds the three value levels', () => {
		const result = runScale({ dbscanFeature: 'field:hour_frac', eps: 0.4 });
		const c = result.clusters;

		expect(c.feature).toBe('field:hour_frac');
		expect(c.features).toEqual(['value', 'hour_frac']);
		expect(c.records).toHaveLength(183);
		expect(c.leftOut).toEqual({ value: 0, feature: 0 });
		expect(c.clusterCount).toBe(3);
		expect(noiseValues(result)).toEqual([800, 1200]);
	});

	it.each([
		{ eps: 0.3, clusters: 5, noise: 5 },
		{ eps: 0.2, clusters: 9, noise: 18 }
	])('AnalysisSuite hour_frac eps $eps gives $clusters clusters', ({ eps, clusters, noise }) => {
		const c = runScale({ dbscanFeature: 'field:hour_frac', eps }).clusters;

		expect(c.clusterCount).toBe(clusters);
		expect(c.noise).toHaveLength(noise);
	});

	it('AnalysisSuite standardises the field', () => {
		const c = runScale({ dbscanFeature: 'field:hour_frac', eps: 0.4 }).clusters;
		const second = Array.from(c.points[1]);
		const mean = second.reduce((sum, x) => sum + x, 0) / second.length;
		const variance = second.reduce((sum, x) => sum + (x - mean) ** 2, 0) / second.length;

		expect(mean).toBeCloseTo(0, 9);
		expect(variance).toBeCloseTo(1, 9);
	});

	it('AnalysisSuite keeps the field with its record in time order', () => {
		// Late records are sorted in by time, and each keeps its own field.
		const records = [
			{ t: 3000, v: 3, x: 30 },
			{ t: 1000, v: 1, x: 10 },
			{ t: 2000, v: 2, x: 20 }
		];
		const result = runRecords(records, { dbscanFeature: 'field:x', eps: 10 });

		expect(Array.from(result.values)).toEqual([1, 2, 3]);
		// Value and field rise together, so both standardised features are equal.
		expect(Array.from(result.clusters.points[1])).toEqual(Array.from(result.clusters.points[0]));
	});

	it('AnalysisSuite leaves out records without the field', () => {
		const records = [
			{ t: 1, v: 1, x: 1 },
			{ t: 2, v: 2 },
			{ t: 3, v: 3, x: null },
			{ t: 4, v: 4, x: 'high' },
			{ t: 5, v: 5, x: 5 },
			{ t: 6, x: 6 },
			{ t: 7, v: 7, x: 7 }
		];
		const c = runRecords(records, { dbscanFeature: 'field:x' }).clusters;

		expect(Array.from(c.records)).toEqual([0, 4, 6]);
		expect(c.leftOut).toEqual({ value: 1, feature: 3 });
	});

	it('AnalysisSuite counts the first record without a change', () => {
		const c = runScale({ eps: 0.4 }).clusters;

		expect(c.leftOut).toEqual({ value: 0, feature: 1 });
	});

	it('AnalysisSuite rejects an unknown field', () => {
		const suite = new AnalysisSuite();
		suite.load(caseText, CASE, SCALE);

		expect(() => suite.run({ dbscanFeature: 'field:minute' })).toThrow(
			'invalid DBSCAN second feature "field:minute": numeric field "minute" not found in the ' +
				'first 50 records of the file or 1,000 spread over the rest, expected one of hour_frac'
		);
	});

	it.each([
		{ field: 'value', role: 'the value field, which DBSCAN clusters already' },
		{ field: 'ts', role: 'the time field, which the features hour and day read' },
		{ field: 'set', role: 'the split field, which is the same in every record of a line' }
	])('AnalysisSuite rejects the $field field by its role', ({ field, role }) => {
		const suite = new AnalysisSuite();
		suite.load(caseText, CASE, SCALE);

		expect(() => suite.run({ dbscanFeature: `field:${field}` })).toThrow(
			`invalid DBSCAN second feature "field:${field}": "${field}" is ${role}, expected one of ` +
				'hour_frac'
		);
	});

	it('AnalysisSuite offers a field first seen late', () => {
		const records = Array.from({ length: 60 }, (_, i) =>
			i < 50 ? { t: i, v: i % 5 } : { t: i, v: i % 5, late: i }
		);
		const suite = new AnalysisSuite();
		const loaded = suite.load(records.map((r) => JSON.stringify(r)).join('\n'), 'late.jsonl', {
			value: 'v',
			time: 't'
		});

		expect(loaded.featureFields).toEqual(['late']);
		const clusters = suite.run({ dbscanFeature: 'field:late' }).clusters;
		expect(clusters.feature).toBe('field:late');
		expect(clusters.leftOut).toEqual({ value: 0, feature: 50 });
	});

	it('AnalysisSuite offers no field for a recorded session', () => {
		const suite = new AnalysisSuite();
		suite.load(caseText, CASE, SCALE);
		suite.loadColumns(Float64Array.of(0, 1000, 2000), Float64Array.of(1, 2, 3), 'session');

		expect(() => suite.run({ dbscanFeature: 'field:hour_frac' })).toThrow(
			'invalid DBSCAN second feature "field:hour_frac": numeric field "hour_frac" not found, ' +
				'and the dataset has none besides its value, time and split fields'
		);
		expect(suite.run({ forestTrees: 10 }).clusters.feature).toBe('change');
	});
});

describe('DBSCAN chart and report name the field', () => {
	it('suiteCharts labels the axis with the field', () => {
		const svg = suiteCharts(runScale({ dbscanFeature: 'field:hour_frac', eps: 0.4 })).clusters;

		expect(svg).toContain('>value (z)</text>');
		expect(svg).toContain('>hour_frac (z)</text>');
		expect(svg.match(/<circle /g)).toHaveLength(183);
	});

	it('suiteReportHtml names the field and the records left out', () => {
		const records = [
			{ t: 1, v: 1, x: 1 },
			{ t: 2, v: 2 },
			{ t: 3, v: 3, x: 3 }
		];
		const html = suiteReportHtml(runRecords(records, { dbscanFeature: 'field:x' }), new Date(0));

		expect(html).toContain('<td>features (standardised)</td><td>v and x</td>');
		expect(html).toContain('<td>records clustered</td><td>2</td>');
		expect(html).toContain(
			'<td>records left out</td><td>Left out of the clustering: 1 record whose x is missing, ' +
				'null or not a finite number.</td>'
		);
		expect(html).toContain('<td>dbscanFeature</td><td>field:x</td>');
	});

	it('suiteReportHtml escapes a field name', () => {
		const records = [
			{ t: 1, v: 1, '<b>x</b>': 1 },
			{ t: 2, v: 2, '<b>x</b>': 2 },
			{ t: 3, v: 3, '<b>x</b>': 3 }
		];
		const result = runRecords(records, { dbscanFeature: 'field:<b>x</b>' });
		const html = suiteReportHtml(result, new Date(0));

		expect(result.clusters.features).toEqual(['v', '<b>x</b>']);
		expect(html).not.toContain('<b>x</b>');
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt; (z)</text>');
		expect(html).toContain('<td>features (standardised)</td><td>v and &lt;b&gt;x&lt;/b&gt;</td>');
	});
});
