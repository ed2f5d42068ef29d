import type { EnsembleDetector } from './ensemble-detector';

let ensembleClass: (new () => EnsembleDetector) | null = null;

/**
 * Loads the ensemble detector's module. The analysis worker bundles it as a chunk of its own,
 * fetched only when the dashboard first chooses the ensemble. Otherwise it would add about 2 KB
 * (gzipped) to every cold load, and the cold load was then within 2 KB of its 150 KB budget.
 */
export async function loadEnsembleDetector(): Promise<void> {
	if (ensembleClass === null)
		ensembleClass = (await import('./ensemble-detector')).EnsembleDetector;
}

/** Tests whether {@link loadEnsembleDetector} has finished. */
export function isEnsembleLoaded(): boolean {
	return ensembleClass !== null;
}

/** Creates an ensemble detector with its defaults. Throws until the module is loaded. */
export function createEnsembleDetector(): EnsembleDetector {
	if (ensembleClass === null) {
		throw new Error(
			'ensemble detector not loaded: await loadEnsembleDetector() before choosing it'
		);
	}
	return new ensembleClass();
}
