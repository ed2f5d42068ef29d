import type { LiveDetector } from '../protocol';
import type { EnsembleDetector } from './ensemble-detector';
import type { LiveForest } from './live-forest';

let ensembleClass: (new () => EnsembleDetector) | null = null;
let forestClass: (new (threshold: number) => LiveForest) | null = null;

/**
 * Loads the module of a live detector that the analysis worker does not bundle: the ensemble
 * and the isolation forest (with ml-isolation-forest) are chunks of their own, fetched only when
 * the dashboard first chooses them. Bundled, the two would add about 5.5 KB (gzipped: 2.2 and
 * 3.2 KB) to every cold load, which has a 150 KB budget. The other detectors need nothing.
 */
export async function loadLiveDetector(detector: LiveDetector): Promise<void> {
	if (detector === 'ensemble' && ensembleClass === null) {
		ensembleClass = (await import('./ensemble-detector')).EnsembleDetector;
	}
	if (detector === 'iforest' && forestClass === null) {
		forestClass = (await import('./live-forest')).LiveForest;
	}
}

/** Tests whether `detector` can be created: its module is loaded or it needs none. */
export function isLiveDetectorLoaded(detector: LiveDetector): boolean {
	if (detector === 'ensemble') return ensembleClass !== null;
	if (detector === 'iforest') return forestClass !== null;
	return true;
}

/** Builds the error for a detector chosen before {@link loadLiveDetector} has finished. */
export function notLoadedError(detector: LiveDetector): Error {
	return new Error(
		`${detector} detector not loaded: await loadLiveDetector('${detector}') before choosing it`
	);
}

/** Creates an ensemble detector with its defaults. Throws until its module is loaded. */
export function createEnsembleDetector(): EnsembleDetector {
	if (ensembleClass === null) throw notLoadedError('ensemble');
	return new ensembleClass();
}

/** Creates a live isolation forest flagging scores above `threshold`. Throws until loaded. */
export function createLiveForest(threshold: number): LiveForest {
	if (forestClass === null) throw notLoadedError('iforest');
	return new forestClass(threshold);
}
