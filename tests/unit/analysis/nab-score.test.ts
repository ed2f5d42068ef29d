import { describe, expect, it } from 'vitest';
import {
	NAB_PROFILES,
	nabBestThreshold,
	nabLayout,
	nabNormalise,
	nabScoreFile,
	scaledSigmoid
} from '../../../src/lib/analysis/nab-score';
import { expectClose } from '../helpers/close';

// Figures below were worked out by hand (in Python) from NAB's definitions: a 40-record file,
// probation ⌊0.15 · 40⌋ = 6 records, one window over records 20 to 29 (width 10).
const time = Float64Array.from({ length: 40 }, (_, i) => 1_000 * i);
const layout = nabLayout(time, [[20_000, 29_000]]);
const standard = NAB_PROFILES.standard;

function detections(...indices: number[]): Float64Array {
	const score = new Float64Array(40);
	for (const i of indices) score[i] = 1;
	return score;
}

describe('NAB scorer', () => {
	it('scaledSigmoid matches NAB', () => {
		expectClose(scaledSigmoid(-1), 0.9866142981514303);
		expect(scaledSigmoid(0)).toBe(0);
		expect(scaledSigmoid(3)).toBe(-1);
	});

	it('nabLayout marks probation and window', () => {
		expect(layout.window[5]).toBe(-2);
		expect(layout.window[6]).toBe(-1);
		expect(layout.window[20]).toBe(0);
		expect(layout.window[29]).toBe(0);
		expect(layout.window[30]).toBe(-1);
		expect(layout.windowCount).toBe(1);
	});

	it('nabLayout credits by position', () => {
		expectClose(layout.credit[20], 1);
		expectClose(layout.credit[25], 0.8597925669097837);
		expectClose(layout.credit[29], 0.24824154977542992);
		expectClose(layout.credit[33], -0.8044548002984013);
		expect(layout.credit[10]).toBe(-1);
	});

	it('nabScoreFile counts the best detection per window', () => {
		const r = nabScoreFile(layout, detections(25, 27, 33, 10, 3), 0.5, standard);
		expectClose(r.raw, 0.8597925669097837 - 0.11 * 0.8044548002984013 - 0.11);
		expect(r.tp).toBe(1);
		expect(r.fp).toBe(2);
		expect(r.fn).toBe(0);
	});

	it('nabScoreFile charges a missed window', () => {
		const r = nabScoreFile(layout, detections(10), 0.5, NAB_PROFILES.reward_low_FN_rate);
		expectClose(r.raw, -2 - 0.11);
		expect(r.fn).toBe(1);
	});

	it('nabNormalise maps null to 0 and perfect to 100', () => {
		expect(nabNormalise(-19, 19, standard)).toBe(0);
		expect(nabNormalise(19, 19, standard)).toBe(100);
		expect(nabNormalise(0, 19, standard)).toBe(50);
	});

	it('nabBestThreshold finds the best cut', () => {
		const score = new Float64Array(40);
		score[10] = 0.9;
		score[22] = 0.8;
		score[33] = 0.3;
		const best = nabBestThreshold([{ layout, score }], standard);
		expect(best.threshold).toBe(0.8);
		expectClose(best.raw, layout.credit[22] - 0.11);
		const direct = nabScoreFile(layout, score, best.threshold, standard);
		expectClose(direct.raw, best.raw);
	});

	it('nabBestThreshold prefers never detecting', () => {
		const best = nabBestThreshold([{ layout, score: detections(10, 11) }], standard);
		expect(best.threshold).toBe(Infinity);
		expect(best.raw).toBe(-1);
	});

	it('nabLayout scores a window cut by probation', () => {
		// NAB names probationary records "probationary", so only records 6 to 8 count.
		const cut = nabLayout(time, [[2_000, 8_000]]);
		expect(cut.window[5]).toBe(-2);
		expect(cut.window[6]).toBe(0);
		expect(cut.windowCount).toBe(1);
		expectClose(cut.credit[6], scaledSigmoid(-3 / 7) / scaledSigmoid(-1));
		const late = nabScoreFile(cut, detections(3, 7), 0.5, standard);
		expectClose(late.raw, scaledSigmoid(-2 / 7) / scaledSigmoid(-1));
		expect(late.fp).toBe(0);
	});

	it('nabLayout rejects an unknown window edge', () => {
		expect(() => nabLayout(time, [[20_500, 29_000]])).toThrow(/is not the time of a record/);
	});
});
