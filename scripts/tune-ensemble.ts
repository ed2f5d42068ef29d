/**
 * `npm run tune:ensemble -- DIR`: runs the ensemble detector over a grid of parameter sets on a
 * folder laid out like NAB (see `nab-corpus.ts`). For the standard profile it prints each set's
 * score with its threshold swept on the whole folder. Then it prints the nested leave-one-out
 * score, in which each series is scored with the set and threshold chosen on the other series
 * (the mean over the sets that tie there).
 */
import { EnsembleDetector, type EnsembleOptions } from '../src/lib/analysis/ensemble-detector';
import {
	type NabCandidate,
	type NabFileScores,
	nestedLeaveOneOut
} from '../src/lib/analysis/nab-evaluate';
import {
	NAB_PROFILES,
	nabBestThreshold,
	nabLayout,
	nabNormalise
} from '../src/lib/analysis/nab-score';
import { readNabCorpus } from './nab-corpus';

const USAGE = 'Usage: npm run tune:ensemble -- DIR';

/**
 * The grid searched: ramp 0 turns off the start-of-stream weight, peak span 0 keeps every score,
 * peak fraction 0 keeps the peak span fixed, and an empty list of weekly spans or shape steps
 * leaves out those features.
 */
const GRID = {
	history: [8000],
	ramp: [0, 500, 750, 1000],
	peakSpan: [0, 12, 50],
	peakFraction: [0, 0.025],
	weeklySpans: [[], [1, 2, 4, 8, 16], [2, 4, 8, 16], [3, 6, 12, 24]],
	shapeSteps: [[], [4, 5, 6, 7, 8]]
};

type GridOptions = Pick<
	EnsembleOptions,
	'history' | 'ramp' | 'peakSpan' | 'peakFraction' | 'weeklySpans' | 'shapeSteps'
>;

/** Every parameter set of the grid. */
function gridOptions(): GridOptions[] {
	let sets: GridOptions[] = [{} as GridOptions];
	for (const [key, choices] of Object.entries(GRID)) {
		sets = sets.flatMap((set) => choices.map((choice) => ({ ...set, [key]: choice })));
	}
	return sets;
}

/** Formats a list of hours or steps, or "none" for an empty one. */
function listText(values: number[]): string {
	return values.length === 0 ? 'none' : values.join(' ');
}

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

function main(): void {
	const args = process.argv.slice(2);
	if (args.length !== 1) fail(`expected one DIR, got ${args.length}`);
	const corpus = readNabCorpus(args[0], fail);
	if (corpus.length < 2) {
		fail(`leave-one-out needs at least 2 series, found ${corpus.length} in ${args[0]}`);
	}
	const layouts = corpus.map((file) => nabLayout(file.series.time, file.windows));
	const windowCount = layouts.reduce((sum, layout) => sum + layout.windowCount, 0);
	const profile = NAB_PROFILES.standard;

	const candidates: NabCandidate[] = [];
	console.log(
		'| history | ramp | peak span | peak fraction | weekly spans (h) | shape steps | score | threshold |'
	);
	console.log('|---:|---:|---:|---:|---|---|---:|---:|');
	for (const options of gridOptions()) {
		const files: NabFileScores[] = corpus.map((file, k) => {
			const detector = new EnsembleDetector(options);
			const { values, time } = file.series;
			const score = values.map((value, i) => detector.push(value, time[i]));
			return { name: file.name, layout: layouts[k], score };
		});
		const { history, ramp, peakSpan, peakFraction } = options;
		const weekly = listText(options.weeklySpans);
		const shape = listText(options.shapeSteps);
		const name =
			`history ${history}, ramp ${ramp}, peak span ${peakSpan}, peak fraction ${peakFraction}, ` +
			`weekly ${weekly}, shape ${shape}`;
		candidates.push({ name, files });
		const best = nabBestThreshold(files, profile);
		const score = nabNormalise(best.raw, windowCount, profile).toFixed(1);
		const cells = [history, ramp, peakSpan, peakFraction, weekly, shape, score];
		cells.push(best.threshold.toPrecision(4));
		console.log(`| ${cells.join(' | ')} |`);
	}

	const nested = nestedLeaveOneOut(candidates, profile);
	console.log(
		'\n| held-out series | first parameter set chosen on the others | threshold | sets tied |'
	);
	console.log('|---|---|---:|---:|');
	for (const { file, candidate, threshold, tied } of nested.choices) {
		console.log(`| ${file} | ${candidate} | ${threshold.toPrecision(4)} | ${tied} |`);
	}
	console.log(`\nNested leave-one-out score (standard profile): ${nested.score.toFixed(1)}`);
}

main();
