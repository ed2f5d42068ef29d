import { expect, test } from 'vitest';
import { anomalySummary } from '../../../src/lib/client/anomaly-summary';

test.each([
	['none', 0, 0, 'ensemble: no anomalies'],
	['one', 1, 1, 'ensemble: 1 anomaly'],
	['two', 2, 2, 'ensemble: 2 anomalies'],
	['all listed', 100, 100, 'ensemble: 100 anomalies'],
	['table cut', 500, 1234, 'ensemble: first 100 of 1,234 anomalies'],
	['list cut', 40, 60, 'ensemble: first 40 of 60 anomalies']
])('anomalySummary %s', (_name, listed, flagged, expected) => {
	expect(anomalySummary('ensemble', listed, flagged)).toBe(expected);
});
