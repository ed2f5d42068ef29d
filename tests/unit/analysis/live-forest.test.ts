import { IsolationForest, type IsolationTreeNode } from 'ml-isolation-forest';
import { describe, expect, it } from 'vitest';
import {
	FOREST_FIRST_TRAINING,
	FOREST_TRAINING_WINDOW
} from '../../../src/lib/analysis/detector-limits';
import {
	flattenForest,
	isolationFeatures,
	scoreRow
} from '../../../src/lib/analysis/isolation-forest';
import { LiveForest } from '../../../src/lib/analysis/live-forest';
import { expectClose } from '../helpers/close';

/** Returns a slow wave with a small deterministic ripple, as in the isolation-forest tests. */
function wave(n: number): number[] {
	return Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 8) + ((i * 7919) % 101) / 500);
}

/** Pushes `values` one second apart and returns their scores. */
function scoresOf(forest: LiveForest, values: number[]): number[] {
	return values.map((v, i) => forest.push(v, i * 1000));
}

/** Trainings after `records` finite records: at 64, 128, 256, … 4096, 8192, then every 5,000. */
function expectedTrainings(records: number): number {
	let trainings = 0;
	for (let next = FOREST_FIRST_TRAINING; next <= records; trainings++) {
		next += Math.min(next, FOREST_TRAINING_WINDOW);
	}
	return trainings;
}

describe('LiveForest', () => {
	it('LiveForest scores nothing before its first forest', () => {
		const forest = new LiveForest();
		const scores = scoresOf(forest, wave(FOREST_FIRST_TRAINING + 1));

		expect(scores.slice(0, FOREST_FIRST_TRAINING).every(Number.isNaN)).toBe(true);
		expect(forest.trainings).toBe(1);
		expect(scores[FOREST_FIRST_TRAINING]).toBeGreaterThan(0);
		expect(scores[FOREST_FIRST_TRAINING]).toBeLessThan(1);
	});

	it('LiveForest trains at each doubling, then every 5,000 records', () => {
		const forest = new LiveForest();
		const counts: number[] = [];
		for (const [i, v] of wave(20_000).entries()) {
			forest.push(v, i);
			if ([63, 64, 127, 128, 4096, 8191, 8192, 13_191, 13_192, 18_192].includes(i + 1)) {
				counts.push(forest.trainings);
			}
		}

		expect(counts).toEqual([0, 1, 1, 2, 7, 7, 8, 8, 9, 10]);
		expect(forest.trainings).toBe(expectedTrainings(20_000));
	});

	it('LiveForest flags a spike beyond every value it was trained on', () => {
		const values = wave(3000);
		values[2000] = 25;
		const forest = new LiveForest();
		const scores = scoresOf(forest, values);
		const flagged = scores.flatMap((s, i) => (forest.isAnomaly(s) ? [i] : []));

		expect(Math.max(...scores.filter(Number.isFinite))).toBe(scores[2000]);
		expect(scores[2000]).toBeGreaterThan(0.9);
		expect(flagged).toEqual([2000]);
	});

	it('LiveForest flags a step off a constant series', () => {
		const values = new Array<number>(500).fill(4.2);
		values[300] = 4.3;
		const forest = new LiveForest();
		const scores = scoresOf(forest, values);

		expect(scores[300]).toBeGreaterThan(0.9);
		expect(forest.isAnomaly(scores[300])).toBe(true);
		expect(forest.isAnomaly(scores[299])).toBe(false);
		expect(forest.isAnomaly(scores[200])).toBe(false);
	});

	it('LiveForest skips values that are not finite', () => {
		const values = wave(400);
		const gappy = [...values.slice(0, 150), NaN, Infinity, -Infinity, ...values.slice(150)];
		const clean = scoresOf(new LiveForest(), values);
		const withGaps = scoresOf(new LiveForest(), gappy);

		expect(withGaps.slice(150, 153).every(Number.isNaN)).toBe(true);
		expect([...withGaps.slice(0, 150), ...withGaps.slice(153)]).toEqual(clean);
	});

	it('LiveForest gives the same scores for the same records', () => {
		const values = wave(6000);
		expect(scoresOf(new LiveForest(), values)).toEqual(scoresOf(new LiveForest(), values));
	});

	it('LiveForest flags above its threshold, compared as float32', () => {
		const forest = new LiveForest(0.7);
		expect(forest.isAnomaly(0.7)).toBe(false);
		expect(forest.isAnomaly(Math.fround(0.7) + 1e-7)).toBe(true);
		forest.threshold = 0.6;
		expect(forest.isAnomaly(0.65)).toBe(true);
	});
});

describe('scoreRow', () => {
	it('scoreRow equals the library predict on the training rows', () => {
		const { rows } = isolationFeatures(wave(300), 20);
		const training = rows.slice(0, 128);
		const forest = new IsolationForest({ nEstimators: 20 });
		forest.train(training);
		const expected = forest.predict(training);
		const flat = flattenForest(forest.forest, 128);
		training.forEach((row, i) => {
			expectClose(scoreRow(flat, row), expected[i], 1e-12, `row ${i}`);
		});
	});

	it('scoreRow cuts off rows beyond the range', () => {
		// One tree on four rows: [0] | ([1] | [2], [2]), split at 0.5 and then 1.5.
		const tree = {
			splitColumn: 0,
			splitValue: 0.5,
			left: { trainingSet: [[0]] },
			right: {
				splitColumn: 0,
				splitValue: 1.5,
				left: { trainingSet: [[1]] },
				right: { trainingSet: [[2], [2]] }
			}
		} as unknown as IsolationTreeNode;
		const flat = flattenForest([tree], 4);
		// Row 5: cut at the root with chance (5 − 2) / (5 − 0) = 0.6 (depth 1); else at the second
		// node with chance (5 − 2) / (5 − 1) = 0.75 (depth 2); else the leaf of two rows at depth 2,
		// path 2 + c(2) = 3. Expected path 0.6·1 + 0.4·0.75·2 + 0.4·0.25·3 = 1.5.
		const c4 = 2 * Math.log(3) + 0.57721 - 1.5;
		expectClose(scoreRow(flat, [5]), 2 ** (-1.5 / c4), 1e-12, 'row 5');
		// Row −1: cut at the root with chance 1 / 3; else it goes left to the leaf of [0], path 1.
		expectClose(scoreRow(flat, [-1]), 2 ** (-1 / c4), 1e-12, 'row −1');
		// Row 1.2 lies inside both ranges: the plain path, 2 + c(1) = 2.
		expectClose(scoreRow(flat, [1.2]), 2 ** (-2 / c4), 1e-12, 'row 1.2');
	});
});
