import type { SuiteResult } from '../protocol';

/**
 * Numbers the record of an anomaly as the charts' x axis does: by its number in the file when the
 * records have no times (with a split field, the lines share the file's numbers), else by its
 * place in the series analysed.
 */
export function anomalyRecord(
	result: Pick<SuiteResult, 'timed'>,
	anomaly: { index: number; time: number }
): number {
	return result.timed ? anomaly.index + 1 : anomaly.time;
}
