import { readFileSync } from 'node:fs';
import { randomLcg, randomNormal } from 'd3-random';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { MIN_HISTORY, RollingZScore } from '../../../src/lib/analysis/rolling-zscore';
import { expectClose } from '../helpers/close';

function gaussian(count: number, seed: number, mu = 0, sigma = 1): number[] {
	const normal = randomNormal.source(randomLcg(seed))(mu, sigma);
	return Array.from({ length: count }, () => normal());
}

/** z of each value against the previous `window` finite values, or NaN with too little history. */
function referenceScores(values: readonly number[], window: number): number[] {
	const history: number[] = [];
	return values.map((x) => {
		let z = NaN;
		if (Number.isFinite(x)) {
			const previous = history.slice(-window);
			if (previous.length >= MIN_HISTORY) {
				z = (x - mean(previous)) / sampleStandardDeviation(previous);
			}
			history.push(x);
		}
		return z;
	});
}

function pushAll(detector: RollingZScore, values: readonly number[]): number[] {
	return values.map((x) => detector.push(x));
}

describe('RollingZScore', () => {
	it.each([
		{ window: 10, seed: 1 },
		{ window: 30, seed: 2 },
		{ window: 100, seed: 3 }
	])('RollingZScore matches reference at window $window', ({ window, seed }) => {
		const values = gaussian(1_000, seed, 50, 5);
		values[400] = NaN;
		values[401] = Infinity;
		const expected = referenceScores(values, window);
		const actual = pushAll(new RollingZScore(window, 3), values);

		actual.forEach((z, i) => expectClose(z, expected[i], 1e-9, `z at ${i}`));
	});

	it('RollingZScore stays accurate with large offset', () => {
		const values = gaussian(20_000, 4, 1e9, 0.5);
		const actual = pushAll(new RollingZScore(100, 3), values).at(-1)!;

		// Exact rational arithmetic (Python fractions) over the same 101 last values gives this z.
		// Plain two-pass float64 formulas, simple-statistics included, are off by about 5e-7.
		expectClose(actual, 0.27073092453147696, 1e-9, 'last z');
	});

	it('RollingZScore flags a spike', () => {
		const detector = new RollingZScore(100, 3);
		pushAll(detector, gaussian(200, 5));
		const z = detector.push(12);

		expect(z).toBeGreaterThan(3);
		expect(detector.isAnomaly(z)).toBe(true);
	});

	it('RollingZScore flags nothing on noise', () => {
		const detector = new RollingZScore(100, 4);
		const flags = pushAll(detector, gaussian(2_000, 6)).filter((z) => detector.isAnomaly(z));

		expect(flags).toEqual([]);
	});

	it('RollingZScore warm-up gives NaN', () => {
		const detector = new RollingZScore(50, 1);
		const scores = pushAll(detector, [1, 9, 2, 8, 3, 7, 4, 6, 5, 100, 5]);

		expect(scores.slice(0, MIN_HISTORY).every(Number.isNaN)).toBe(true);
		expect(scores.slice(0, MIN_HISTORY).some((z) => detector.isAnomaly(z))).toBe(false);
		expect(Number.isFinite(scores[MIN_HISTORY])).toBe(true);
	});

	it('RollingZScore skips non-finite input', () => {
		const detector = new RollingZScore(20, 3);
		pushAll(detector, gaussian(15, 7));

		expect(detector.push(NaN)).toBeNaN();
		expect(detector.push(-Infinity)).toBeNaN();
		expect(detector.filled).toBe(15);
	});

	it('RollingZScore forgets values outside window', () => {
		const detector = new RollingZScore(10, 3);
		pushAll(detector, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		const recent = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];
		pushAll(detector, recent);

		expectClose(detector.mean, mean(recent), 1e-12, 'mean');
		expectClose(detector.std, sampleStandardDeviation(recent), 1e-12, 'std');
	});

	it.each([-0.087, 20, 0.1, 0, 1e9, -3e-7])('RollingZScore constant %s flags nothing', (value) => {
		const detector = new RollingZScore(100, 3);
		const scores = pushAll(detector, new Array<number>(300).fill(value));

		expect(scores.slice(MIN_HISTORY).every((z) => z === 0)).toBe(true);
		expect(scores.some((z) => detector.isAnomaly(z))).toBe(false);
	});

	it.each([
		{ level: 20, next: 35, z: Infinity },
		{ level: 20, next: 19.9, z: -Infinity },
		{ level: 0.1, next: 0.1000001, z: Infinity }
	])('RollingZScore jump from $level to $next', ({ level, next, z }) => {
		const detector = new RollingZScore(100, 3);
		pushAll(detector, new Array<number>(59).fill(level));
		const score = detector.push(next);

		expect(score).toBe(z);
		expect(detector.isAnomaly(score)).toBe(true);
	});

	it('RollingZScore threshold is exclusive', () => {
		// History 0 and 2 five times each: mean 1, sample std sqrt(10/9).
		const detector = new RollingZScore(10, 2);
		pushAll(detector, [0, 2, 0, 2, 0, 2, 0, 2, 0, 2]);
		const z = detector.score(1 + 2 * Math.sqrt(10 / 9));

		expectClose(z, 2, 1e-12, 'z');
		detector.threshold = z;
		expect(detector.isAnomaly(z)).toBe(false);
	});

	it.each([
		{ window: 9, threshold: 3 },
		{ window: 10.5, threshold: 3 },
		{ window: 100, threshold: 0 },
		{ window: 100, threshold: NaN }
	])('RollingZScore rejects window $window threshold $threshold', ({ window, threshold }) => {
		expect(() => new RollingZScore(window, threshold)).toThrow(RangeError);
	});
});

interface CaseRecord {
	ts: number;
	series: string;
	v: number;
}

describe('RollingZScore zero-variance case', () => {
	const caseUrl = new URL('../../fixtures/cases/case-32-stat-zero-variance', import.meta.url);
	const records: CaseRecord[] = readFileSync(`${caseUrl.pathname}.jsonl`, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as CaseRecord);
	const expected = JSON.parse(readFileSync(`${caseUrl.pathname}.expected.json`, 'utf8')) as Record<
		string,
		string
	>;
	const seriesNames = [...new Set(records.map((record) => record.series))];

	function scoresOf(series: string): { scores: number[]; flags: boolean[] } {
		const detector = new RollingZScore(100, 3);
		const scores = records.filter((r) => r.series === series).map((r) => detector.push(r.v));
		return { scores, flags: scores.map((z) => detector.isAnomaly(z)) };
	}

	it('zero-variance case covers every series', () => {
		expect(seriesNames.sort()).toEqual(
			Object.keys(expected)
				.filter((k) => k !== 'rule')
				.sort()
		);
	});

	it.each(['A_const_neg', 'B_const_20', 'D_const_0p1', 'E_const_neg_n3'])(
		'zero-variance case %s flags nothing',
		(series) => {
			expect(expected[series]).toMatch(/^no anomalies/);
			const { scores, flags } = scoresOf(series);

			expect(flags.some(Boolean)).toBe(false);
			// Points with full history score exactly 0: no NaN, no Infinity, no spurious ±1.
			expect(scores.slice(MIN_HISTORY).every((z) => z === 0)).toBe(true);
		}
	);

	it('zero-variance case E has no history', () => {
		// Three points are below MIN_HISTORY, so none gets the naive z = +1.0.
		const { scores } = scoresOf('E_const_neg_n3');

		expect(scores).toHaveLength(3);
		expect(scores.every(Number.isNaN)).toBe(true);
	});

	it('zero-variance case C flags last point', () => {
		expect(expected.C_spike_after_const).toMatch(/last point flagged/);
		const { scores, flags } = scoresOf('C_spike_after_const');

		expect(flags.at(-1)).toBe(true);
		expect(scores.at(-1)).toBe(Infinity);
		expect(flags.slice(0, -1).some(Boolean)).toBe(false);
	});
});
