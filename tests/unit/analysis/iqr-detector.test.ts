import { describe, expect, it } from 'vitest';
import { iqrDetect } from '../../../src/lib/analysis/iqr-detector';
import { expectClose } from '../helpers/close';
import { readCase } from '../helpers/cases';
import { reference, referenceSeries } from '../helpers/reference';

function flagged(anomaly: Uint8Array): number[] {
	return Array.from(anomaly.keys()).filter((i) => anomaly[i] === 1);
}

describe('iqrDetect', () => {
	const x = referenceSeries();

	it.each([
		{ k: 1.5, key: 'iqr15' },
		{ k: 3, key: 'iqr3' }
	])('iqrDetect fences match numpy at k=$k', ({ k, key }) => {
		const r = iqrDetect(x, k);
		const expected = reference[key];
		expectClose(r.q1, expected.q1, undefined, 'q1');
		expectClose(r.q3, expected.q3, undefined, 'q3');
		expectClose(r.lowerFence, expected.lowerFence, undefined, 'lower fence');
		expectClose(r.upperFence, expected.upperFence, undefined, 'upper fence');
		expect(flagged(r.anomaly)).toEqual(expected.flagged);
	});

	it('iqrDetect never flags or scores non-finite values', () => {
		const r = iqrDetect(x);
		for (const i of [50, 51, 120]) {
			expect(r.anomaly[i]).toBe(0);
			expect(Number.isNaN(r.score[i])).toBe(true);
		}
	});

	it('iqrDetect score is distance in IQRs', () => {
		const r = iqrDetect(x);
		expectClose(r.score[90], (40 - r.upperFence) / r.iqr);
	});

	it('iqrDetect reports insufficient data', () => {
		const r = iqrDetect([1, 2, NaN, 3]);
		expect(r.issue).toBe('insufficient-data');
		expect(flagged(r.anomaly)).toEqual([]);
	});

	it('iqrDetect rejects a bad k', () => {
		expect(() => iqrDetect([1, 2, 3, 4], 0)).toThrow(/IQR k 0/);
	});

	describe('zero-variance case', () => {
		const rows = readCase('case-32-stat-zero-variance.jsonl');
		const bySeries = new Map<string, number[]>();
		for (const row of rows) {
			const name = String(row.series);
			bySeries.set(name, [...(bySeries.get(name) ?? []), Number(row.v)]);
		}

		it.each(['A_const_neg', 'B_const_20', 'D_const_0p1'])(
			'iqrDetect flat %s flags nothing',
			(name) => {
				const r = iqrDetect(bySeries.get(name)!);
				expect(r.issue).toBe('no-variance');
				expect(flagged(r.anomaly)).toEqual([]);
				expect(Array.from(r.score).every((s) => s === 0)).toBe(true);
			}
		);

		it('iqrDetect flat n=3 is insufficient data', () => {
			expect(iqrDetect(bySeries.get('E_const_neg_n3')!).issue).toBe('insufficient-data');
		});

		it('iqrDetect flags spike after constant run', () => {
			const values = bySeries.get('C_spike_after_const')!;
			const r = iqrDetect(values);
			expect(r.issue).toBe('no-variance');
			expect(flagged(r.anomaly)).toEqual([values.length - 1]);
			expect(r.score[values.length - 1]).toBe(Infinity);
		});
	});
});
