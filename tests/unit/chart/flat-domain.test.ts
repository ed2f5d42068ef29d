import { describe, expect, it } from 'vitest';
import { axisDomain } from '../../../src/lib/chart/flat-domain';

describe('axisDomain', () => {
	it.each([
		[50, 50, [49, 51]],
		[49.99999999999997, 50.00000000000001, [48.99999999999997, 51.00000000000001]],
		[0, 0, [-1, 1]],
		[0.3, 0.1 + 0.2, [-0.7, 1.3]],
		[1e17, 1e17, [1e17 - 1e11, 1e17 + 1e11]]
	])('axisDomain widens %s to %s as flat', (low, high, domain) => {
		const [from, to] = axisDomain(low, high);

		expect(from).toBeCloseTo(domain[0], 12);
		expect(to).toBeCloseTo(domain[1], 12);
		expect(to).toBeGreaterThan(from);
	});

	it.each([
		[0, 1e-9],
		[1e-310, 2e-310],
		[1.5e12 - 30, 1.5e12 + 30],
		[-5, 5]
	])('axisDomain keeps %s to %s', (low, high) => {
		expect(axisDomain(low, high)).toEqual([low, high]);
	});
});
