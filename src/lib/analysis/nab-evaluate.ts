import {
	NAB_PROFILES,
	type NabLayout,
	type NabProfile,
	nabBestThreshold,
	nabNormalise,
	nabScoreFile
} from './nab-score';

/** One corpus file with its layout and a detector's score per record. */
export interface NabFileScores {
	name: string;
	layout: NabLayout;
	score: ArrayLike<number>;
	/** The detector's own flags (1 = anomaly) at its default threshold, when it has them. */
	flags?: ArrayLike<number>;
}

/** A detector's result on one profile. */
export interface NabProfileResult {
	profile: string;
	/** Normalised score with one threshold tuned on the whole corpus, as NAB reports it. */
	score: number;
	threshold: number;
	tp: number;
	fp: number;
	fn: number;
	/**
	 * Normalised score when each file is scored with the threshold tuned on the other files
	 * (leave-one-out), which estimates how the threshold carries over to unseen series.
	 */
	leaveOneOut: number;
	/** Normalised score of the detector's own flags, with no threshold tuning; NaN without flags. */
	ownFlags: number;
}

/** Scores one detector's output on a corpus under every NAB profile. */
export function evaluateNab(files: NabFileScores[]): NabProfileResult[] {
	const windowCount = files.reduce((sum, file) => sum + file.layout.windowCount, 0);
	return Object.entries(NAB_PROFILES).map(([name, profile]) => {
		const { threshold } = nabBestThreshold(files, profile);
		let raw = 0;
		let tp = 0;
		let fp = 0;
		let fn = 0;
		for (const file of files) {
			const counts = nabScoreFile(file.layout, file.score, threshold, profile);
			raw += counts.raw;
			tp += counts.tp;
			fp += counts.fp;
			fn += counts.fn;
		}

		let heldOutRaw = 0;
		files.forEach((file, k) => {
			const others = files.filter((_, j) => j !== k);
			const tuned = nabBestThreshold(others, profile).threshold;
			heldOutRaw += nabScoreFile(file.layout, file.score, tuned, profile).raw;
		});
		let flagsRaw = 0;
		for (const file of files) {
			if (file.flags) flagsRaw += nabScoreFile(file.layout, file.flags, 1, profile).raw;
		}
		const hasFlags = files.every((file) => file.flags !== undefined);
		return {
			profile: name,
			ownFlags: hasFlags ? nabNormalise(flagsRaw, windowCount, profile) : NaN,
			score: nabNormalise(raw, windowCount, profile),
			threshold,
			tp,
			fp,
			fn,
			leaveOneOut: nabNormalise(heldOutRaw, windowCount, profile)
		};
	});
}

/** One parameter set of a detector, with its output on every corpus file (same order). */
export interface NabCandidate {
	name: string;
	files: NabFileScores[];
}

/** Outcome of choosing a parameter set and threshold without the file being scored. */
export interface NabNestedResult {
	/**
	 * Normalised score of the held-out files, each scored with what the others chose. Where
	 * several candidates tie on the others, a file contributes the mean of their held-out scores.
	 */
	score: number;
	/**
	 * For each held-out file: the first of the tied candidates and its threshold, and how many
	 * candidates tied.
	 */
	choices: { file: string; candidate: string; threshold: number; tied: number }[];
}

/**
 * Raw scores closer than this are a tie. Summing the same detections in another order can move a
 * raw score by about 1e-15, which must not decide between two candidates.
 */
const TIE_TOLERANCE = 1e-9;

/**
 * Scores a family of parameter sets by nested leave-one-out: for each file, the candidate and
 * threshold with the best raw score on the other files are chosen, then applied to that file.
 * Unlike the threshold-only leave-one-out of `evaluateNab`, this also charges for choosing
 * among the candidates, so it estimates the score on series that took no part in the choice.
 *
 * Candidates that tie on the other files are equally good choices as far as those files show, so
 * the held-out file scores the mean over them, the expected score of a random pick. Otherwise the
 * order of the candidates would decide the score.
 */
export function nestedLeaveOneOut(
	candidates: NabCandidate[],
	profile: NabProfile
): NabNestedResult {
	const files = candidates[0].files;
	const windowCount = files.reduce((sum, file) => sum + file.layout.windowCount, 0);
	const choices: NabNestedResult['choices'] = [];
	let raw = 0;
	files.forEach((file, k) => {
		const tuned = candidates.map((candidate) => {
			const others = candidate.files.filter((_, j) => j !== k);
			return { candidate, ...nabBestThreshold(others, profile) };
		});
		const best = Math.max(...tuned.map((t) => t.raw));
		const tied = tuned.filter((t) => t.raw >= best - TIE_TOLERANCE);
		let heldOutRaw = 0;
		for (const { candidate, threshold } of tied) {
			const heldOut = candidate.files[k];
			heldOutRaw += nabScoreFile(heldOut.layout, heldOut.score, threshold, profile).raw;
		}
		raw += heldOutRaw / tied.length;
		const { candidate, threshold } = tied[0];
		choices.push({ file: file.name, candidate: candidate.name, threshold, tied: tied.length });
	});
	return { score: nabNormalise(raw, windowCount, profile), choices };
}
