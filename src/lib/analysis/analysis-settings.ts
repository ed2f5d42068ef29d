import type { AnalysisSettings, LiveDetector } from '../protocol';
import {
	FOREST_LIVE_THRESHOLD,
	FOREST_THRESHOLD_MAX,
	FOREST_THRESHOLD_MIN,
	IQR_K_MAX,
	IQR_K_MIN
} from './detector-limits';
import { MIN_HISTORY } from './rolling-zscore';

/** Detectors the live dashboard can run, in the order its select lists them. */
export const LIVE_DETECTORS: readonly LiveDetector[] = ['zscore', 'iqr', 'iforest', 'ensemble'];

/** Settings used for any field that the caller leaves out. */
export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = {
	maWindow: 20,
	detector: 'zscore',
	zThreshold: 3,
	iqrK: 1.5,
	forestThreshold: FOREST_LIVE_THRESHOLD,
	zWindow: 100,
	capacity: 200_000
};

/**
 * Throws a RangeError naming the first invalid field of `settings`. Valid values: maWindow an
 * integer from 5 to 50, detector one of LIVE_DETECTORS, zThreshold from 1 to 4, iqrK from
 * IQR_K_MIN to IQR_K_MAX, forestThreshold from FOREST_THRESHOLD_MIN to FOREST_THRESHOLD_MAX,
 * zWindow an integer of at least MIN_HISTORY, capacity an integer of at least 1. Fields left out
 * or undefined are not checked.
 */
export function validateAnalysisSettings(settings: Partial<AnalysisSettings>): void {
	const { maWindow, detector, zThreshold, iqrK, forestThreshold, zWindow, capacity } = settings;
	if (maWindow !== undefined && !(Number.isInteger(maWindow) && maWindow >= 5 && maWindow <= 50)) {
		throw new RangeError(`invalid maWindow ${maWindow}: expected an integer from 5 to 50`);
	}
	if (zThreshold !== undefined && !(zThreshold >= 1 && zThreshold <= 4)) {
		throw new RangeError(`invalid zThreshold ${zThreshold}: expected a number from 1 to 4`);
	}
	if (detector !== undefined && !LIVE_DETECTORS.includes(detector)) {
		throw new RangeError(
			`invalid detector "${detector}": expected one of ${LIVE_DETECTORS.join(', ')}`
		);
	}
	if (iqrK !== undefined && !(iqrK >= IQR_K_MIN && iqrK <= IQR_K_MAX)) {
		throw new RangeError(
			`invalid iqrK ${iqrK}: expected a number from ${IQR_K_MIN} to ${IQR_K_MAX}`
		);
	}
	if (
		forestThreshold !== undefined &&
		!(forestThreshold >= FOREST_THRESHOLD_MIN && forestThreshold <= FOREST_THRESHOLD_MAX)
	) {
		throw new RangeError(
			`invalid forestThreshold ${forestThreshold}: expected a number from ` +
				`${FOREST_THRESHOLD_MIN} to ${FOREST_THRESHOLD_MAX}`
		);
	}
	if (zWindow !== undefined && !(Number.isInteger(zWindow) && zWindow >= MIN_HISTORY)) {
		throw new RangeError(
			`invalid zWindow ${zWindow}: expected an integer of at least ${MIN_HISTORY}`
		);
	}
	if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 1)) {
		throw new RangeError(`invalid capacity ${capacity}: expected an integer of at least 1`);
	}
}
