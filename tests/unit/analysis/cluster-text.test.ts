import { describe, expect, it } from 'vitest';
import { describeLeftOut, leftOutCount } from '../../../src/lib/analysis/cluster-text';

describe('describeLeftOut', () => {
	it('describeLeftOut when every record was clustered', () => {
		const clusters = { feature: 'change' as const, leftOut: { value: 0, feature: 0 } };

		expect(leftOutCount(clusters)).toBe(0);
		expect(describeLeftOut(clusters)).toBe('None left out: every record was clustered.');
	});

	it('describeLeftOut names the field and counts both reasons', () => {
		const clusters = { feature: 'field:hour_frac' as const, leftOut: { value: 1, feature: 1200 } };

		expect(leftOutCount(clusters)).toBe(1201);
		expect(describeLeftOut(clusters)).toBe(
			'Left out of the clustering: 1 record without a finite value and 1,200 records whose ' +
				'hour_frac is missing, null or not a finite number.'
		);
	});

	it('describeLeftOut explains the first change', () => {
		const clusters = { feature: 'change' as const, leftOut: { value: 0, feature: 1 } };

		expect(describeLeftOut(clusters)).toBe(
			'Left out of the clustering: 1 record without a finite value before it to take the ' +
				'change from.'
		);
	});
});
