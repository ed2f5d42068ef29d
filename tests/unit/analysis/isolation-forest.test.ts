import { IsolationForest } from 'ml-isolation-forest';
import { describe, expect, it } from 'vitest';
import {
	isolationFeatures,
	isolationForestDetect,
	scoreRows
} from '../../../src/lib/analysis/isolation-forest';
import { expectClose } from '../helpers/close';
import { readCase } from '../helpers/cases';

function wave(n: number): number[] {
	return Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 8) + ((i * 7919) % 101) / 500);
}

describe('isolationForestDetect', () => {
	it('isolationForestDetect flags an injected spike', () => {
		const x = wave(1000);
		x[600] = 25;
		const r = isolationForestDetect(x);
		const top = Array.from(r.score.keys()).sort((a, b) => r.score[b] - r.score[a])[0];
		expect(top).toBe(600);
		expect(r.anomaly[600]).toBe(1);
		expect(r.lowConfidence).toBe(false);
		expect(r.trainedOn).toBe(256);
	});

	it('isolationForestDetect is deterministic per seed', () => {
		const x = wave(500);
		const a = isolationForestDetect(x, { seed: 7 });
		const b = isolationForestDetect(x, { seed: 7 });
		const c = isolationForestDetect(x, { seed: 8 });
		expect(Array.from(a.score)).toEqual(Array.from(b.score));
		expect(Array.from(a.score)).not.toEqual(Array.from(c.score));
	});

	it('isolationForestDetect restores Math.random', () => {
		const before = Math.random;
		isolationForestDetect(wave(100));
		expect(Math.random).toBe(before);
	});

	it('isolationForestDetect skips non-finite values', () => {
		const x = wave(200);
		x[10] = NaN;
		x[11] = Infinity;
		const r = isolationForestDetect(x);
		expect(Number.isNaN(r.score[10])).toBe(true);
		expect(Number.isNaN(r.score[11])).toBe(true);
		expect(r.anomaly[11]).toBe(0);
		expect(Array.from(r.score).filter(Number.isFinite)).toHaveLength(198);
	});

	it('isolationForestDetect small set is low confidence', () => {
		const rows = readCase('case-34-stat-iforest-dbscan.jsonl').filter(
			(row) => row.set === 'iforest_small'
		);
		const values = rows.map((row) => Number(row.v));
		const r = isolationForestDetect(values);
		expect(r.lowConfidence).toBe(true);
		expect(r.trainedOn).toBe(6);
		const top = Array.from(r.score.keys()).sort((a, b) => r.score[b] - r.score[a])[0];
		expect(values[top]).toBe(48);
	});

	it('isolationForestDetect reports insufficient data', () => {
		expect(isolationForestDetect([1, NaN, 2]).issue).toBe('insufficient-data');
	});

	it('scoreRows equals the library predict', () => {
		const { rows } = isolationFeatures(wave(300), 20);
		const forest = new IsolationForest({ nEstimators: 20 });
		forest.train(rows.slice(0, 128));
		const expected = forest.predict(rows);
		const actual = scoreRows(forest, 128, rows);
		for (let i = 0; i < rows.length; i++) expectClose(actual[i], expected[i], 1e-12, `row ${i}`);
	});

	it('isolationFeatures standardises columns', () => {
		const { rows, index } = isolationFeatures([1, 2, NaN, 4, 8], 2);
		expect(index).toEqual([0, 1, 3, 4]);
		for (let c = 0; c < 3; c++) {
			const column = rows.map((row) => row[c]);
			expectClose(column.reduce((a, b) => a + b, 0) + 1, 1, 1e-12, `mean of ${c}`);
		}
	});
});
