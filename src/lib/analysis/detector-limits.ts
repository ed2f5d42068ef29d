/**
 * Limits of the live detectors' settings and the ensemble's built-in threshold. They sit apart
 * from the detectors so that the page can show them without bundling the detectors' code.
 */

/** Smallest fence multiplier k the live IQR detector accepts. */
export const IQR_K_MIN = 0.5;

/** Largest fence multiplier k the live IQR detector accepts. */
export const IQR_K_MAX = 5;

/**
 * Score at or above which the ensemble detector flags a record. It is the standard NAB profile's
 * swept threshold on eight NAB series (0.09886, docs/accuracy.md), rounded down.
 */
export const ENSEMBLE_THRESHOLD = 0.098;
