import { describe, expect, it } from 'vitest';
import { defaultSimOptions, simOptionFlag, validateSimOptions } from '../../../src/lib/sim/options';

describe('defaultSimOptions', () => {
	it('defaultSimOptions without seed uses 1', () => {
		expect(defaultSimOptions()).toEqual({
			pattern: 'sine',
			rate: 20,
			base: 50,
			noise: 2,
			anomalyRate: 0.01,
			seed: 1
		});
	});

	it('defaultSimOptions takes caller seed', () => {
		expect(defaultSimOptions(99).seed).toBe(99);
	});
});

describe('simOptionFlag', () => {
	it.each([
		['rate', '--rate'],
		['anomalyRate', '--anomaly-rate'],
		['seed', '--seed']
	])('simOptionFlag %s is %s', (key, flag) => {
		expect(simOptionFlag(key)).toBe(flag);
	});
});

describe('validateSimOptions', () => {
	it.each([
		{
			input: { rate: 'abc' },
			error: 'invalid --rate "abc": expected a number of records per second from 0.1 to 1000000'
		},
		{
			input: { rate: '0.05' },
			error: 'invalid --rate "0.05": expected a number of records per second from 0.1 to 1000000'
		},
		{
			input: { rate: 2_000_000 },
			error: 'invalid --rate "2000000": expected a number of records per second from 0.1 to 1000000'
		},
		{
			input: { rate: '' },
			error: 'invalid --rate "": expected a number of records per second from 0.1 to 1000000'
		},
		{
			input: { rate: '0x10' },
			error: 'invalid --rate "0x10": expected a number of records per second from 0.1 to 1000000'
		},
		{ input: { base: 'Infinity' }, error: 'invalid --base "Infinity": expected a finite number' },
		{ input: { base: Number.NaN }, error: 'invalid --base "NaN": expected a finite number' },
		{
			input: { noise: '-0.1' },
			error: 'invalid --noise "-0.1": expected a standard deviation of 0 or more, in value units'
		},
		{
			input: { anomalyRate: '1.01' },
			error: 'invalid --anomaly-rate "1.01": expected a share of records from 0 to 1'
		},
		{
			input: { anomalyRate: -0.5 },
			error: 'invalid --anomaly-rate "-0.5": expected a share of records from 0 to 1'
		},
		{
			input: { seed: '1.5' },
			error: 'invalid --seed "1.5": expected an integer from 0 to 4294967295'
		},
		{ input: { seed: -1 }, error: 'invalid --seed "-1": expected an integer from 0 to 4294967295' },
		{
			input: { seed: 2 ** 32 },
			error: 'invalid --seed "4294967296": expected an integer from 0 to 4294967295'
		},
		{
			input: { pattern: 'square' },
			error: 'invalid --pattern "square": expected one of sine, random, trending, sawtooth'
		},
		{
			input: { pattern: 3 },
			error: 'invalid --pattern "3": expected one of sine, random, trending, sawtooth'
		},
		{
			input: { rate: true },
			error: 'invalid --rate "true": expected a number of records per second from 0.1 to 1000000'
		},
		{
			input: { speed: 3 },
			error:
				'unknown option --speed: expected one of --pattern, --rate, --base, --noise, --anomaly-rate, --seed'
		}
	])('validateSimOptions rejects $input', ({ input, error }) => {
		expect(validateSimOptions(input)).toEqual({ error });
	});

	it.each([
		{ input: { rate: '0.1' }, key: 'rate', expected: 0.1 },
		{ input: { rate: 1_000_000 }, key: 'rate', expected: 1_000_000 },
		{ input: { rate: ' 250 ' }, key: 'rate', expected: 250 },
		{ input: { rate: '1e3' }, key: 'rate', expected: 1000 },
		{ input: { base: '-20.5' }, key: 'base', expected: -20.5 },
		{ input: { noise: '0' }, key: 'noise', expected: 0 },
		{ input: { anomalyRate: '1' }, key: 'anomalyRate', expected: 1 },
		{ input: { seed: '4294967295' }, key: 'seed', expected: 4294967295 },
		{ input: { seed: 0 }, key: 'seed', expected: 0 },
		{ input: { pattern: 'sawtooth' }, key: 'pattern', expected: 'sawtooth' }
	])('validateSimOptions accepts $input', ({ input, key, expected }) => {
		const result = validateSimOptions(input);

		expect(result).toHaveProperty(['options', key], expected);
	});

	it('validateSimOptions fills missing options with defaults', () => {
		expect(validateSimOptions({ rate: '5', seed: undefined })).toEqual({
			options: { ...defaultSimOptions(), rate: 5 }
		});
	});

	it('validateSimOptions names options through nameOf', () => {
		const result = validateSimOptions({ rate: 'fast' }, (key) => key);

		expect(result).toEqual({
			error: 'invalid rate "fast": expected a number of records per second from 0.1 to 1000000'
		});
	});
});
