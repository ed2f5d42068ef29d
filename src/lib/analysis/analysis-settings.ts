import type { AnalysisSettings } from '../protocol';
import { MIN_HISTORY } from './rolling-zscore';

/** Settings used for any field that the caller leaves out. */
export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = {
	maWindow: 20,
	zThreshold: 3,
	zWindow: 100,
	capacity: 200_000
};

/**
 * Throws a RangeError naming the first invalid field of `settings`. Valid values: maWindow an
 * integer from 5 to 50, zThreshold from 1 to 4, zWindow an integer of at least MIN_HISTORY,
 * capacity an integer of at least 1. Fields left out or undefined are not checked.
 */
export function validateAnalysisSettings(settings: Partial<AnalysisSettings>): void {
	const { maWindow, zThreshold, zWindow, capacity } = settings;
	if (maWindow !== undefined && !(Number.isInteger(maWindow) && maWindow >= 5 && maWindow <= 50)) {
		throw new RangeError(`invalid maWindow ${maWindow}: expected an integer from 5 to 50`);
	}
	if (zThreshold !== undefined && !(zThreshold >= 1 && zThreshold <= 4)) {
		throw new RangeError(`invalid zThreshold ${zThreshold}: expected a number from 1 to 4`);
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
