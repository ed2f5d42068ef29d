import { DETECTORS } from './detectors';

/** A detector's output for NAB: a score per record, larger meaning more anomalous, and flags. */
export interface NabDetection {
	/** NAB sweeps a threshold over it, so only the order of the scores matters. */
	score: Float64Array;
	/** The detector's own decision at its default threshold. */
	flags: Uint8Array;
}

export type NabDetector = (values: Float64Array, time: Float64Array) => NabDetection;

function magnitude(name: string): NabDetector {
	return (values, time) => {
		const detection = DETECTORS[name](values, time);
		return { score: detection.score.map((s) => Math.abs(s)), flags: detection.anomaly };
	};
}

/** Detectors scored by `npm run eval:nab`, by name. */
export const NAB_DETECTORS: Record<string, NabDetector> = Object.fromEntries(
	Object.keys(DETECTORS).map((name) => [name, magnitude(name)])
);
