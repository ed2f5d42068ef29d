import { describe, expect, it } from 'vitest';
import type { SimOptions, SimPattern } from '../../../src/lib/protocol';
import { defaultSimOptions, Generator } from '../../../src/lib/sim/generator';
import {
	amplitudeFor,
	SAWTOOTH_PERIOD_S,
	sawtoothAt,
	SINE_PERIOD_S,
	sineAt,
	trendingAt
} from '../../../src/lib/sim/patterns';
import { RandomWalk } from '../../../src/lib/sim/random-walk';
import { createSeededRandom } from '../../../src/lib/sim/seeded-random';

const RATE = 10;

/** Values of a run without noise or anomalies, so that only the pattern shapes them. */
function cleanValues(pattern: SimPattern, count: number, base = 50): number[] {
	const options: SimOptions = {
		...defaultSimOptions(),
		pattern,
		base,
		rate: RATE,
		noise: 0,
		anomalyRate: 0
	};
	const generator = new Generator(options, 0);
	return Array.from({ length: count }, () => generator.next().value);
}

function mean(values: number[]): number {
	return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardDeviation(values: number[]): number {
	const centre = mean(values);
	return Math.sqrt(mean(values.map((value) => (value - centre) ** 2)));
}

describe('amplitudeFor', () => {
	it.each([
		{ base: 50, expected: 5 },
		{ base: -200, expected: 20 },
		{ base: 0, expected: 10 },
		{ base: 0.5, expected: 0.05 }
	])('amplitudeFor base $base is $expected', ({ base, expected }) => {
		expect(amplitudeFor(base)).toBeCloseTo(expected, 12);
	});
});

describe('sine pattern', () => {
	it('sine pattern repeats every period', () => {
		const values = cleanValues('sine', 3 * SINE_PERIOD_S * RATE);
		const period = SINE_PERIOD_S * RATE;

		for (let i = 0; i < 2 * period; i++) {
			expect(values[i + period]).toBeCloseTo(values[i], 2);
		}
	});

	it.each([
		{ elapsedS: 0, expected: 50 },
		{ elapsedS: SINE_PERIOD_S / 4, expected: 55 },
		{ elapsedS: SINE_PERIOD_S / 2, expected: 50 },
		{ elapsedS: (3 * SINE_PERIOD_S) / 4, expected: 45 }
	])('sine pattern at $elapsedS s is $expected', ({ elapsedS, expected }) => {
		expect(sineAt(elapsedS, 50)).toBeCloseTo(expected, 9);
	});

	it('sine pattern spans base ± amplitude', () => {
		const values = cleanValues('sine', SINE_PERIOD_S * RATE);

		expect(Math.max(...values)).toBeCloseTo(55, 3);
		expect(Math.min(...values)).toBeCloseTo(45, 3);
	});
});

describe('trending pattern', () => {
	it('trending pattern rises at constant slope', () => {
		const values = cleanValues('trending', 1200);
		// One amplitude (5) per 60 s, at 10 records/s.
		const slopePerRecord = 5 / 60 / RATE;

		for (let i = 1; i < values.length; i++) {
			expect(values[i] - values[i - 1]).toBeCloseTo(slopePerRecord, 2);
		}
		expect(values[600] - values[0]).toBeCloseTo(5, 2);
	});

	it.each([
		{ base: 50, elapsedS: 60, expected: 55 },
		{ base: 0, elapsedS: 30, expected: 5 },
		{ base: -100, elapsedS: 120, expected: -80 }
	])('trending pattern base $base at $elapsedS s', ({ base, elapsedS, expected }) => {
		expect(trendingAt(elapsedS, base)).toBeCloseTo(expected, 9);
	});
});

describe('sawtooth pattern', () => {
	it('sawtooth pattern resets each period', () => {
		const values = cleanValues('sawtooth', 3 * SAWTOOTH_PERIOD_S * RATE);
		const drops = values
			.map((value, i) => (i > 0 && value < values[i - 1] ? i : -1))
			.filter((i) => i >= 0);

		expect(drops).toEqual([1, 2].map((cycle) => cycle * SAWTOOTH_PERIOD_S * RATE));
	});

	it.each([
		{ elapsedS: 0, expected: 45 },
		{ elapsedS: SAWTOOTH_PERIOD_S / 2, expected: 50 },
		{ elapsedS: SAWTOOTH_PERIOD_S - 1e-9, expected: 55 },
		{ elapsedS: SAWTOOTH_PERIOD_S, expected: 45 }
	])('sawtooth pattern at $elapsedS s is $expected', ({ elapsedS, expected }) => {
		expect(sawtoothAt(elapsedS, 50)).toBeCloseTo(expected, 6);
	});
});

describe('random pattern', () => {
	it('random pattern stays around base', () => {
		// 100,000 records at 10 records/s cover 1000 time constants of the walk.
		const values = cleanValues('random', 100_000);

		expect(Math.abs(mean(values) - 50)).toBeLessThan(1);
		expect(standardDeviation(values)).toBeGreaterThan(4);
		expect(standardDeviation(values)).toBeLessThan(6);
	});

	it('random pattern steps are small', () => {
		const values = cleanValues('random', 10_000);
		const steps = values.slice(1).map((value, i) => Math.abs(value - values[i]));

		// Each 0.1 s step has a standard deviation of about 5 · sqrt(1 − e^(−0.02)) ≈ 0.7.
		expect(Math.max(...steps)).toBeLessThan(5);
	});

	it('RandomWalk spread independent of rate', () => {
		// Over 10,000 s, the long-run spread must not depend on how finely the walk steps.
		for (const rate of [1, 100]) {
			const walk = new RandomWalk(50, rate, createSeededRandom(2).normal);
			const values = Array.from({ length: 10_000 * rate }, () => walk.step());

			expect(standardDeviation(values)).toBeGreaterThan(4);
			expect(standardDeviation(values)).toBeLessThan(6);
		}
	});
});
