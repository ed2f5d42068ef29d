import { describe, expect, it } from 'vitest';
import { exactKpi, formatKpi } from '../../../src/lib/client/format-kpi';

describe('formatKpi', () => {
	it.each([
		[NaN, 2, '–'],
		[0, 2, '0'],
		[-0, 2, '0'],
		[21.456, 2, '21.46'],
		[-3.5, 1, '-3.5'],
		[123456, 0, '123,456'],
		[3_370_000, 2, '3.37M'],
		[1.29e300, 2, '1.29e+300'],
		[0.004, 2, '0.004'],
		[0.000423, 2, '4.23e-4'],
		[-0.0042, 2, '-0.0042'],
		[0.04, 1, '0.04'],
		[0.3, 0, '0.3'],
		[7e-310, 2, '7.00e-310'],
		[0.25, 1, '0.3']
	])('formatKpi writes %s with %i digits as %s', (value, digits, text) => {
		expect(formatKpi(value, digits)).toBe(text);
	});
});

describe('exactKpi', () => {
	it.each([
		[NaN, 'no value yet'],
		[1234.5678, '1,234.5678'],
		[0.1, '0.1'],
		[4.2e-7, '4.2e-7'],
		[0, '0']
	])('exactKpi writes %s as %s', (value, text) => {
		expect(exactKpi(value)).toBe(text);
	});
});
