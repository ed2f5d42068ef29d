import { describe, expect, it } from 'vitest';
import { NOISE, dbscan, standardise } from '../../../src/lib/analysis/dbscan';
import { kDistance } from '../../../src/lib/analysis/k-distance';
import { readCase } from '../helpers/cases';
import { expectSeriesClose, reference } from '../helpers/reference';

const rows = readCase('case-34-stat-iforest-dbscan.jsonl').filter(
	(row) => row.set === 'dbscan_scale'
);
const raw = rows.map((row) => [Number(row.value), Number(row.hour_frac)]);
const scaled = standardise(raw).rows;

describe('dbscan', () => {
	it('dbscan on raw units fragments', () => {
		const r = dbscan(raw, 0.5, 5);
		expect(r.clusterCount).toBe(12);
		expect(r.noise.length).toBeGreaterThan(raw.length / 2 - 10);
	});

	it.each([
		{ eps: 0.2, clusters: 9, noise: 18 },
		{ eps: 0.3, clusters: 5, noise: 5 },
		{ eps: 0.4, clusters: 3, noise: 2 }
	])('dbscan standardised eps $eps gives $clusters clusters', ({ eps, clusters, noise }) => {
		const r = dbscan(scaled, eps, 5);
		expect(r.clusterCount).toBe(clusters);
		expect(r.noise).toHaveLength(noise);
	});

	it('dbscan eps 0.4 leaves 800 and 1200 as noise', () => {
		const r = dbscan(scaled, 0.4, 5);
		expect(r.noise.map((i) => raw[i][0]).sort((a, b) => a - b)).toEqual([800, 1200]);
	});

	it('dbscan clusters by value level', () => {
		const r = dbscan(scaled, 0.4, 5);
		const centres = [0, 1, 2].map((c) => {
			const members = raw.filter((_, i) => r.labels[i] === c).map((p) => p[0]);
			return Math.round(members.reduce((a, b) => a + b, 0) / members.length / 50) * 50;
		});
		expect(centres.sort((a, b) => a - b)).toEqual([950, 1000, 1050]);
	});

	it('dbscan labels every point', () => {
		const r = dbscan(scaled, 0.4, 5);
		for (const label of r.labels) expect(label === NOISE || label >= 0).toBe(true);
	});

	it('dbscan rejects bad parameters', () => {
		expect(() => dbscan(scaled, 0, 5)).toThrow(/eps 0/);
		expect(() => dbscan(scaled, 0.4, 0)).toThrow(/minPts 0/);
	});

	it('standardise drops non-finite rows', () => {
		const s = standardise([[1], [NaN], [3], [Infinity]]);
		expect(s.index).toEqual([0, 2]);
		expect(s.rows).toEqual([[-1], [1]]);
	});

	it('standardise constant column becomes zeros', () => {
		expect(standardise([[5], [5], [5]]).rows).toEqual([[0], [0], [0]]);
	});
});

describe('kDistance', () => {
	it('kDistance matches numpy on one feature', () => {
		const values = standardise(raw.map((p) => [p[0]])).rows;
		// The numpy reference standardises with the sample std; scaling by a constant factor
		// scales every distance, so rescale before comparing.
		const n = values.length;
		const factor = Math.sqrt(n / (n - 1));
		const r = kDistance(values, 4);
		expectSeriesClose(
			Array.from(r.distances, (d) => d / factor),
			reference.case34KDistance4,
			'k-distance'
		);
	});

	it('kDistance knee suggests eps near 0.4', () => {
		const r = kDistance(scaled, 4);
		expect(r.suggestedEps).toBeGreaterThan(0.3);
		expect(r.suggestedEps).toBeLessThan(0.45);
		const clusters = dbscan(scaled, r.suggestedEps, 5);
		expect(clusters.clusterCount).toBe(3);
	});

	it('kDistance with too few points has no suggestion', () => {
		expect(Number.isNaN(kDistance([[1], [2]], 4).suggestedEps)).toBe(true);
	});
});
