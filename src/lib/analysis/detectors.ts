import { EnsembleDetector } from './ensemble-detector';
import { iqrDetect } from './iqr-detector';
import { FOREST_FIRST_TRAINING } from './detector-limits';
import { ISOLATION_FOREST_MIN_ROWS, isolationForestDetect } from './isolation-forest';
import { LiveForest } from './live-forest';
import { RecordExceedance } from './record-exceedance';
import { RollingZScore } from './rolling-zscore';

/** Score and flag per record from one detector. */
export interface Detection {
	/** Detector-specific score; larger magnitude is more anomalous, NaN for none. */
	score: Float64Array;
	/** 1 for an anomaly, else 0. */
	anomaly: Uint8Array;
	/** The reason the scores are rough or missing, when they are, as a sentence. */
	note?: string;
}

/** A detector run over a whole series: values with their epoch-millisecond times. */
export type Detector = (values: Float64Array, time: Float64Array) => Detection;

/** Rolling z-score with the live dashboard's defaults: window 100, threshold 3. */
function zscore(values: Float64Array): Detection {
	const detector = new RollingZScore(100, 3);
	const score = new Float64Array(values.length);
	const anomaly = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		score[i] = detector.push(values[i]);
		anomaly[i] = detector.isAnomaly(score[i]) ? 1 : 0;
	}
	return { score, anomaly };
}

/** A streaming detector that scores one record at a time and flags a score. */
interface StreamingDetector {
	push(value: number, time: number): number;
	isAnomaly(score: number): boolean;
}

/** Runs a streaming detector over a whole series, record by record. */
function runStreaming(detector: StreamingDetector, values: Float64Array, time: Float64Array) {
	const score = new Float64Array(values.length);
	const anomaly = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		score[i] = detector.push(values[i], time[i]);
		anomaly[i] = detector.isAnomaly(score[i]) ? 1 : 0;
	}
	return { score, anomaly };
}

/** The streaming record-exceedance detector with its defaults. */
function recordExceedance(values: Float64Array, time: Float64Array): Detection {
	return runStreaming(new RecordExceedance(), values, time);
}

/** Runs the streaming ensemble detector with its defaults. */
function ensemble(values: Float64Array, time: Float64Array): Detection {
	return runStreaming(new EnsembleDetector(), values, time);
}

/** Runs the analysis page's isolation forest, with a note when it had few values to learn from. */
function isolationForest(values: Float64Array): Detection {
	const result = isolationForestDetect(values);
	if (result.issue === 'insufficient-data') {
		return { ...result, note: 'fewer than 3 finite values, so the forest scored none' };
	}
	if (result.lowConfidence) {
		const note = `fewer than ${ISOLATION_FOREST_MIN_ROWS} finite values, so the scores are rough`;
		return { ...result, note };
	}
	return result;
}

/** Runs the dashboard's isolation forest, trained again as records arrive, at its threshold. */
function liveForest(values: Float64Array, time: Float64Array): Detection {
	const detection = runStreaming(new LiveForest(), values, time);
	if (values.filter(Number.isFinite).length > FOREST_FIRST_TRAINING) return detection;
	const note =
		`the live forest scores records only after its first ${FOREST_FIRST_TRAINING} finite ` +
		'values, so it scored none; iforest scores short series';
	return { ...detection, note };
}

/** Detectors by the name the analyze command and the page use. */
export const DETECTORS: Record<string, Detector> = {
	zscore,
	iqr: (values) => iqrDetect(values, 1.5),
	iforest: isolationForest,
	'iforest-live': liveForest,
	record: recordExceedance,
	ensemble
};

/** Name of the detector used when none is chosen. */
export const DEFAULT_DETECTOR = 'zscore';
