/**
 * The Numenta Anomaly Benchmark (NAB) scorer, written from the description in NAB v1.1's
 * `nab/sweeper.py` and `nab/runner.py` (github.com/numenta/NAB):
 *
 * - The first min(⌊0.15 · n⌋, 750) records of a file are probationary and not scored.
 * - A detection inside an anomaly window earns σ(p) · tp / σ(−1), with the scaled sigmoid
 *   σ(p) = 2 / (1 + e^{5p}) − 1 and p = −(right − i + 1) / width, so the first record of a
 *   window earns the full tp weight. Only the best (earliest) detection of a window counts.
 * - A window with no detection costs −fn.
 * - Every detection outside the windows costs σ(p) · fp, where p is the distance past the
 *   previous window's right edge in units of (that width − 1), or p = 3 (σ = −1) before the
 *   first window. σ is −1 from p = 3 on.
 * - The corpus score is normalised as 100 · (raw − null) / (perfect − null), where null is the
 *   raw score of never detecting and perfect is tp times the number of windows.
 */

/** Weights of one NAB application profile. */
export interface NabProfile {
	tp: number;
	fp: number;
	fn: number;
}

/** NAB's three profiles, with the weights of NAB v1.1's config/profiles.json. */
export const NAB_PROFILES: Record<string, NabProfile> = {
	standard: { tp: 1, fp: 0.11, fn: 1 },
	reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
	reward_low_FN_rate: { tp: 1, fp: 0.11, fn: 2 }
};

/** Probationary share of each file, and its cap in records. */
export const PROBATION_SHARE = 0.15;
export const PROBATION_CAP = 750;

/** Where each record of one file stands relative to its anomaly windows. */
export interface NabLayout {
	/** Window index per record, −1 outside windows, −2 in the probationary period. */
	window: Int32Array;
	/**
	 * Unweighted position credit per record: σ(p) / σ(−1) inside a window (multiply by tp),
	 * σ(p) outside (multiply by fp).
	 */
	credit: Float64Array;
	/** Number of windows that have at least one scored record. */
	windowCount: number;
}

/** A labelled anomaly window, as epoch milliseconds of its first and last record. */
export type NabWindow = [start: number, end: number];

/** Scaled sigmoid of a relative position, as NAB defines it. */
export function scaledSigmoid(position: number): number {
	if (position >= 3) return -1;
	return 2 / (1 + Math.exp(5 * position)) - 1;
}

/**
 * Lays out one file: which window each record falls in and the credit a detection there gets.
 * Windows must be in time order, and their ends must be times of records in the file: like
 * NAB, a window starts at the first record whose time equals its start, and its right edge is
 * the first record with its end time.
 *
 * @throws Error when a window's start or end is not the time of any record.
 */
export function nabLayout(time: ArrayLike<number>, windows: NabWindow[]): NabLayout {
	const n = time.length;
	const firstIndex = new Map<number, number>();
	for (let i = n - 1; i >= 0; i--) firstIndex.set(time[i], i);
	for (const [start, end] of windows) {
		for (const edge of [start, end]) {
			if (!firstIndex.has(edge)) {
				throw new Error(`window edge ${new Date(edge).toISOString()} is not the time of a record`);
			}
		}
	}

	const probation = Math.min(Math.floor(PROBATION_SHARE * n), PROBATION_CAP);
	const maxTp = scaledSigmoid(-1);
	const window = new Int32Array(n);
	const credit = new Float64Array(n);
	const scoredWindows = new Set<number>();
	let next = 0;
	let current = -1;
	let right = -1;
	let width = 0;
	let previousRight = -1;
	let previousWidth = 0;
	for (let i = 0; i < n; i++) {
		if (current < 0 && next < windows.length && time[i] === windows[next][0]) {
			current = next++;
			right = firstIndex.get(windows[current][1])!;
			width = right - firstIndex.get(windows[current][0])! + 1;
		}
		if (current >= 0) {
			credit[i] = scaledSigmoid(-(right - i + 1) / width) / maxTp;
		} else {
			const position = previousRight < 0 ? 3 : Math.abs(previousRight - i) / (previousWidth - 1);
			credit[i] = scaledSigmoid(position);
		}
		window[i] = i < probation ? -2 : current;
		if (i >= probation && current >= 0) scoredWindows.add(current);

		if (current >= 0 && time[i] === windows[current][1]) {
			previousRight = i;
			previousWidth = width;
			current = -1;
		}
	}
	return { window, credit, windowCount: scoredWindows.size };
}

/** Outcome of scoring detections on one file or a corpus. */
export interface NabCounts {
	/** Raw NAB score: window credits, minus missed windows, minus false-positive costs. */
	raw: number;
	/** Windows detected. */
	tp: number;
	/** Detections outside windows. */
	fp: number;
	/** Windows missed. */
	fn: number;
}

/** Scores the records with `score ≥ threshold` as detections on one laid-out file. */
export function nabScoreFile(
	layout: NabLayout,
	score: ArrayLike<number>,
	threshold: number,
	profile: NabProfile
): NabCounts {
	const best = new Map<number, number>();
	let fpCost = 0;
	let fp = 0;
	for (let i = 0; i < score.length; i++) {
		const w = layout.window[i];
		if (w === -2 || !(score[i] >= threshold)) continue;
		if (w === -1) {
			fpCost += layout.credit[i] * profile.fp;
			fp++;
		} else {
			best.set(w, Math.max(best.get(w) ?? -Infinity, layout.credit[i] * profile.tp));
		}
	}
	let raw = fpCost;
	for (const credit of best.values()) raw += Math.max(credit, -profile.fn);
	const fn = layout.windowCount - best.size;
	raw -= fn * profile.fn;
	return { raw, tp: best.size, fp, fn };
}

/** Normalises a corpus raw score: never detecting gives 0, detecting every window first gives 100. */
export function nabNormalise(raw: number, windowCount: number, profile: NabProfile): number {
	const nullScore = -profile.fn * windowCount;
	const perfect = profile.tp * windowCount;
	return (100 * (raw - nullScore)) / (perfect - nullScore);
}

/** One file prepared for threshold search: its layout and the detector's scores. */
export interface NabScoredFile {
	layout: NabLayout;
	score: ArrayLike<number>;
}

/**
 * Finds the threshold that maximises the corpus raw score, as NAB's optimiser does, by sweeping
 * every distinct score from the highest down. Non-finite scores never count as detections.
 * Returns the best threshold (Infinity when never detecting is best) and its raw score.
 */
export function nabBestThreshold(
	files: NabScoredFile[],
	profile: NabProfile
): { threshold: number; raw: number } {
	type Point = { score: number; file: number; window: number; gain: number };
	const points: Point[] = [];
	let raw = 0;
	files.forEach(({ layout, score }, file) => {
		raw -= layout.windowCount * profile.fn;
		for (let i = 0; i < score.length; i++) {
			const w = layout.window[i];
			if (w === -2 || !Number.isFinite(score[i])) continue;
			const gain = w === -1 ? layout.credit[i] * profile.fp : layout.credit[i] * profile.tp;
			points.push({ score: score[i], file, window: w, gain });
		}
	});
	points.sort((a, b) => b.score - a.score);

	const windowCredit = new Map<string, number>();
	let best = { threshold: Infinity, raw };
	for (let k = 0; k < points.length; k++) {
		const p = points[k];
		if (p.window === -1) {
			raw += p.gain;
		} else {
			const key = `${p.file}:${p.window}`;
			const previous = windowCredit.get(key) ?? -profile.fn;
			if (p.gain > previous) {
				raw += p.gain - previous;
				windowCredit.set(key, p.gain);
			}
		}
		const lastOfThreshold = k + 1 === points.length || points[k + 1].score !== p.score;
		if (lastOfThreshold && raw > best.raw) best = { threshold: p.score, raw };
	}
	return best;
}
