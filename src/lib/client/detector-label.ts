import { DEFAULT_ANALYSIS_SETTINGS } from '../analysis/analysis-settings';
import {
	ENSEMBLE_THRESHOLD,
	FOREST_FEATURE_WINDOW,
	FOREST_FIRST_TRAINING,
	FOREST_TRAINING_WINDOW
} from '../analysis/detector-limits';
import type { AnalysisSettings, LiveDetector } from '../protocol';

/** The settings that decide which records a live detector flags. */
export type DetectorSettings = Pick<
	AnalysisSettings,
	'detector' | 'zThreshold' | 'iqrK' | 'forestThreshold'
>;

/** Short name of each live detector, for labels. */
export const DETECTOR_NAMES: Readonly<Record<LiveDetector, string>> = {
	zscore: 'z-score',
	iqr: 'IQR',
	iforest: 'isolation forest',
	ensemble: 'ensemble'
};

/**
 * Returns the rule by which the chosen detector flags a record, as a sentence for the anomaly
 * list and the legend, e.g. "Rolling z-score: |z| above 3 σ over the previous 100 values."
 */
export function describeDetector(
	settings: DetectorSettings & Partial<Pick<AnalysisSettings, 'zWindow'>>
): string {
	const window = settings.zWindow ?? DEFAULT_ANALYSIS_SETTINGS.zWindow;
	switch (settings.detector) {
		case 'zscore':
			return `Rolling z-score: |z| above ${settings.zThreshold} σ over the previous ${window} values.`;
		case 'iqr': {
			const k = settings.iqrK;
			return `IQR: outside Q1 − ${k}·IQR to Q3 + ${k}·IQR of the previous ${window} values.`;
		}
		case 'iforest': {
			const newest = FOREST_TRAINING_WINDOW.toLocaleString('en');
			return (
				`Isolation forest: score above ${settings.forestThreshold} from the value, its residual ` +
				`from the ${FOREST_FEATURE_WINDOW}-value average and its change. Each record is ` +
				`scored as it arrives by a forest trained on up to ${newest} records before it, ` +
				`the first after ${FOREST_FIRST_TRAINING} records.`
			);
		}
		case 'ensemble':
			return `Streaming ensemble: score at or above its built-in threshold ${ENSEMBLE_THRESHOLD}, records scored as they arrive.`;
	}
}
