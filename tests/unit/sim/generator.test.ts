import { describe, expect, it } from 'vitest';
import type { SimOptions, SimPattern } from '../../../src/lib/protocol';
import {
	defaultSimOptions,
	Generator,
	type SimRecord,
	type SimSample
} from '../../../src/lib/sim/generator';

const START_MS = Date.UTC(2024, 0, 20, 10, 30, 0);
const PATTERNS: SimPattern[] = ['sine', 'random', 'trending', 'sawtooth'];

function options(overrides: Partial<SimOptions> = {}): SimOptions {
	return { ...defaultSimOptions(), ...overrides };
}

function take(generator: Generator, count: number): SimRecord[] {
	return Array.from({ length: count }, () => generator.next());
}

describe('Generator', () => {
	it('Generator same seed repeats records', () => {
		const first = take(new Generator(options({ seed: 42 }), START_MS), 1000);
		const second = take(new Generator(options({ seed: 42 }), START_MS), 1000);

		expect(second).toEqual(first);
	});

	it('Generator different seed changes records', () => {
		const first = take(new Generator(options({ seed: 42 }), START_MS), 1000);
		const second = take(new Generator(options({ seed: 43 }), START_MS), 1000);
		const sameValues = first.filter((record, i) => record.value === second[i].value).length;

		expect(sameValues).toBeLessThan(10);
	});

	it('Generator record has zero-setup format', () => {
		const record = new Generator(options(), START_MS).next();

		expect(Object.keys(record)).toEqual(['timestamp', 'value', 'category', 'status', 'metadata']);
		expect(record.timestamp).toBe('2024-01-20T10:30:00.000Z');
		expect(typeof record.value).toBe('number');
		expect(['A', 'B', 'C', 'D']).toContain(record.category);
		expect(['normal', 'anomaly']).toContain(record.status);
		expect(record.metadata.source).toMatch(/^sensor_\d+$/);
		expect(record.metadata.location).toMatch(/^building_[a-z]$/);
	});

	it('Generator record survives JSON round trip', () => {
		const record = new Generator(options(), START_MS).next();

		expect(JSON.parse(JSON.stringify(record))).toEqual(record);
	});

	it.each([
		{ rate: 20, expectedMs: [0, 50, 100, 150, 200] },
		{ rate: 3, expectedMs: [0, 333, 667, 1000, 1333] },
		{ rate: 0.5, expectedMs: [0, 2000, 4000, 6000, 8000] },
		{ rate: 1_000_000, expectedMs: [0, 0, 0, 0, 0] }
	])('Generator timestamps spaced by rate $rate', ({ rate, expectedMs }) => {
		const records = take(new Generator(options({ rate }), START_MS), expectedMs.length);
		const offsets = records.map((record) => Date.parse(record.timestamp) - START_MS);

		expect(offsets).toEqual(expectedMs);
	});

	it('Generator timestamps do not drift', () => {
		const generator = new Generator(options({ rate: 3 }), START_MS);
		take(generator, 30_000);

		// Record 30000 at 3 records/s is due exactly 10000 s after the start.
		expect(Date.parse(generator.next().timestamp) - START_MS).toBe(10_000_000);
	});

	it('Generator rounds values to 3 decimals', () => {
		const records = take(new Generator(options({ noise: 3.3 }), START_MS), 1000);
		const unrounded = records.filter(
			(record) => Math.round(record.value * 1000) / 1000 !== record.value
		);

		expect(unrounded).toEqual([]);
	});

	it('Generator count tracks records produced', () => {
		const generator = new Generator(options(), START_MS);
		take(generator, 7);
		generator.nextInto({ time: 0, value: 0, category: 0 });

		expect(generator.count).toBe(8);
	});

	it.each(PATTERNS)('Generator nextInto equals next for %s', (pattern) => {
		const byRecord = new Generator(options({ pattern, anomalyRate: 0.1, seed: 9 }), START_MS);
		const byColumn = new Generator(options({ pattern, anomalyRate: 0.1, seed: 9 }), START_MS);
		const sample: SimSample = { time: 0, value: 0, category: 0 };

		for (let i = 0; i < 2000; i++) {
			const record = byRecord.next();
			byColumn.nextInto(sample);

			expect(sample.time).toBe(Date.parse(record.timestamp));
			expect(sample.value).toBe(record.value);
			expect(byColumn.categories[sample.category]).toBe(record.category);
		}
	});

	it('Generator mixing next and nextInto keeps sequence', () => {
		const reference = take(new Generator(options({ seed: 5 }), START_MS), 100);
		const mixed = new Generator(options({ seed: 5 }), START_MS);
		const sample: SimSample = { time: 0, value: 0, category: 0 };

		const values = reference.map((_, i) => {
			if (i % 3 === 0) return mixed.next().value;
			mixed.nextInto(sample);
			return sample.value;
		});

		expect(values).toEqual(reference.map((record) => record.value));
	});

	it('Generator anomaly count for seed 7', () => {
		const records = take(new Generator(options({ anomalyRate: 0.01, seed: 7 }), START_MS), 20_000);
		const anomalies = records.filter((record) => record.status === 'anomaly').length;
		// Binomial(20000, 0.01): mean 200, standard deviation about 14.
		const tolerance = 3 * Math.sqrt(20_000 * 0.01 * 0.99);

		expect(Math.abs(anomalies - 200)).toBeLessThan(tolerance);
		// Pinned from a run of seed 7: a change means the generator's draws changed.
		expect(anomalies).toBe(211);
	});

	it.each([
		{ anomalyRate: 0, expected: 0 },
		{ anomalyRate: 1, expected: 500 }
	])('Generator anomaly rate $anomalyRate bounds', ({ anomalyRate, expected }) => {
		const records = take(new Generator(options({ anomalyRate }), START_MS), 500);
		const anomalies = records.filter((record) => record.status === 'anomaly').length;

		expect(anomalies).toBe(expected);
	});

	it.each([
		{ noise: 0, minSpike: 6, maxSpike: 10 },
		{ noise: 0.5, minSpike: 6, maxSpike: 10 },
		{ noise: 4, minSpike: 24, maxSpike: 40 }
	])('Generator spike size with noise $noise', ({ noise, minSpike, maxSpike }) => {
		// The same seed takes the same draws at any anomaly rate, so the difference between the
		// two runs is the spike alone.
		const clean = take(new Generator(options({ noise, anomalyRate: 0, seed: 3 }), START_MS), 5000);
		const spiked = take(
			new Generator(options({ noise, anomalyRate: 0.05, seed: 3 }), START_MS),
			5000
		);
		const spikes = spiked
			.map((record, i) => ({ record, size: Math.abs(record.value - clean[i].value) }))
			.filter(({ record }) => record.status === 'anomaly')
			.map(({ size }) => size);

		expect(spikes.length).toBeGreaterThan(150);
		expect(Math.min(...spikes)).toBeGreaterThanOrEqual(minSpike - 0.002);
		expect(Math.max(...spikes)).toBeLessThanOrEqual(maxSpike + 0.002);
	});

	it('Generator anomaly rate keeps normal records', () => {
		const clean = take(new Generator(options({ anomalyRate: 0, seed: 3 }), START_MS), 5000);
		const spiked = take(new Generator(options({ anomalyRate: 0.05, seed: 3 }), START_MS), 5000);
		const changed = spiked.filter(
			(record, i) => record.status === 'normal' && record.value !== clean[i].value
		);

		expect(changed).toEqual([]);
	});

	it('Generator category shares are uneven', () => {
		const records = take(new Generator(options({ seed: 11 }), START_MS), 20_000);
		const shares = new Map<string, number>();
		for (const record of records) {
			shares.set(record.category, (shares.get(record.category) ?? 0) + 1 / records.length);
		}

		expect(shares.get('A')).toBeCloseTo(0.4, 1);
		expect(shares.get('B')).toBeCloseTo(0.3, 1);
		expect(shares.get('C')).toBeCloseTo(0.2, 1);
		expect(shares.get('D')).toBeCloseTo(0.1, 1);
	});

	it('Generator metadata follows category', () => {
		const records = take(new Generator(options(), START_MS), 200);
		const sourceByCategory = new Map<string, Set<string>>();
		for (const record of records) {
			const sources = sourceByCategory.get(record.category) ?? new Set();
			sources.add(record.metadata.source);
			sourceByCategory.set(record.category, sources);
		}

		for (const sources of sourceByCategory.values()) {
			expect(sources.size).toBe(1);
		}
	});

	it.each([
		{ overrides: { rate: 0 }, message: /--rate "0"/ },
		{ overrides: { noise: -1 }, message: /--noise "-1"/ },
		{ overrides: { anomalyRate: 1.5 }, message: /--anomaly-rate "1.5"/ },
		{ overrides: { seed: 0.5 }, message: /--seed "0.5"/ },
		{ overrides: { pattern: 'square' as SimPattern }, message: /--pattern "square"/ }
	])('Generator rejects invalid $overrides', ({ overrides, message }) => {
		expect(() => new Generator(options(overrides), START_MS)).toThrow(RangeError);
		expect(() => new Generator(options(overrides), START_MS)).toThrow(message);
	});

	it.each([NaN, Infinity])('Generator rejects startMs %s', (startMs) => {
		expect(() => new Generator(options(), startMs)).toThrow(/invalid startMs/);
	});
});
