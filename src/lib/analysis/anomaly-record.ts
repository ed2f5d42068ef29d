import type { SuiteResult } from '../protocol';

/**
 * Numbers the record of an anomaly as the charts' x axis does. Records without times get their
 * number in the file, which the lines of a split field share. Timed records get their place in
 * the series analysed.
 */
export function anomalyRecord(
	result: Pick<SuiteResult, 'timed'>,
	anomaly: { index: number; time: number }
): number {
	return result.timed ? anomaly.index + 1 : anomaly.time;
}
