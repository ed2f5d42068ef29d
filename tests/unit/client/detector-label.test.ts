import { describe, expect, it } from 'vitest';
import { describeRule } from '../../../src/lib/alerts/rule';
import { describeDetector } from '../../../src/lib/client/detector-label';

describe('describeDetector', () => {
	it.each([
		[
			{ detector: 'zscore', zThreshold: 2.5, iqrK: 1.5, forestThreshold: 0.65 },
			'Rolling z-score: |z| above 2.5 σ over the previous 100 values.'
		],
		[
			{ detector: 'iqr', zThreshold: 3, iqrK: 2, forestThreshold: 0.65 },
			'IQR: outside Q1 − 2·IQR to Q3 + 2·IQR of the previous 100 values.'
		],
		[
			{ detector: 'iqr', zThreshold: 3, iqrK: 2, forestThreshold: 0.65, zWindow: 50 },
			'IQR: outside Q1 − 2·IQR to Q3 + 2·IQR of the previous 50 values.'
		],
		[
			{ detector: 'iforest', zThreshold: 3, iqrK: 1.5, forestThreshold: 0.7 },
			'Isolation forest: score above 0.7 from the value, its residual from the 20-value ' +
				'average and its change. Each record is scored as it arrives by a forest trained on ' +
				'up to 5,000 records before it, the first after 64 records.'
		],
		[
			{ detector: 'ensemble', zThreshold: 3, iqrK: 1.5, forestThreshold: 0.65 },
			'Streaming ensemble: score at or above its built-in threshold 0.098, records scored as they arrive.'
		]
	] as const)('describeDetector states the rule of %o', (settings, expected) => {
		expect(describeDetector(settings)).toBe(expected);
	});
});

describe('describeRule', () => {
	const rule = {
		id: 'r1',
		series: 'temp',
		enabled: true,
		cooldownSeconds: 60,
		kind: 'anomaly-rate',
		percent: 5,
		records: 100
	} as const;

	it('describeRule names the detector of an anomaly-rate rule', () => {
		expect(describeRule(rule, 'IQR')).toBe(
			'temp IQR anomaly rate above 5 % of the last 100 records'
		);
	});

	it('describeRule leaves the detector out when none is given', () => {
		expect(describeRule(rule)).toBe('temp anomaly rate above 5 % of the last 100 records');
	});
});
