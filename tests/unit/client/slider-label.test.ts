import { describe, expect, it } from 'vitest';
import { sliderLabel } from '../../../src/lib/client/slider-label';

describe('sliderLabel', () => {
	it.each([
		[3, 1, '3.0'],
		[2.5, 1, '2.5'],
		[0.8, 2, '0.80'],
		[0.1 + 0.2, 1, '0.3'],
		[0.855, 2, '0.855'],
		[2.55, 1, '2.55']
	])('sliderLabel writes %d with %d decimals as %s', (value, digits, label) => {
		expect(sliderLabel(value, digits)).toBe(label);
	});
});
