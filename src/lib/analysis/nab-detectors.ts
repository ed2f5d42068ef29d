import { DETECTORS } from './detectors';

/**
 * A detector's anomaly score per record for NAB, where larger means more anomalous. NAB
 * sweeps a threshold over it, so only the order of the scores matters.
 */
export type NabDetector = (values: Float64Array, time: Float64Array) => Float64Array;

function magnitude(name: string): NabDetector {
	return (values, time) => DETECTORS[name](values, time).score.map((s) => Math.abs(s));
}

/** Detectors scored by `npm run eval:nab`, by name. */
export const NAB_DETECTORS: Record<string, NabDetector> = {
	zscore: magnitude('zscore'),
	iqr: magnitude('iqr'),
	iforest: magnitude('iforest')
};
