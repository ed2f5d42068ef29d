/**
 * Limits of the live detectors' settings and the ensemble's built-in threshold. They sit apart
 * from the detectors so that the page can show them without bundling the detectors' code.
 */

/** Smallest fence multiplier k the live IQR detector accepts. */
export const IQR_K_MIN = 0.5;

/** Largest fence multiplier k the live IQR detector accepts. */
export const IQR_K_MAX = 5;

/** Lowest isolation-forest threshold the live detector accepts: 0.5 is an ordinary record. */
export const FOREST_THRESHOLD_MIN = 0.5;

/** Highest isolation-forest threshold the live detector accepts. */
export const FOREST_THRESHOLD_MAX = 0.9;

/**
 * Score above which the live isolation forest flags a record unless the user sets another. It is
 * the standard NAB profile's swept threshold on eight NAB series (0.8634, docs/accuracy.md),
 * rounded down. Its scores run higher than the analysis page's forest (threshold 0.65), because
 * it scores records beyond the range it was trained on as cut off early (`scoreRow`).
 */
export const FOREST_LIVE_THRESHOLD = 0.85;

/** Values in the moving average whose residual is an isolation-forest feature. */
export const FOREST_FEATURE_WINDOW = 20;

/** Finite records the live isolation forest waits for before its first training. */
export const FOREST_FIRST_TRAINING = 64;

/** Newest records the live forest trains on, and the most records between two trainings. */
export const FOREST_TRAINING_WINDOW = 5_000;

/**
 * Score at or above which the ensemble detector flags a record. It is the standard NAB profile's
 * swept threshold on eight NAB series (0.09886, docs/accuracy.md), rounded down.
 */
export const ENSEMBLE_THRESHOLD = 0.098;
