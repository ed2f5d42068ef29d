import { IsolationForest, type IsolationTreeNode } from 'ml-isolation-forest';
import { createSeededRandom } from '../sim/seeded-random';
import { simpleMovingAverage } from './moving-averages';
import { requireInteger } from './finite';

/** Options of the isolation-forest detector. */
export interface IsolationForestOptions {
	/** Trees in the forest. */
	trees: number;
	/** Rows each tree is trained on, drawn without replacement (256 in the original paper). */
	sampleSize: number;
	/** Moving-average window for the residual feature. */
	window: number;
	/** Score above which a record is an anomaly (0.5 is average, near 1 is isolated fast). */
	threshold: number;
	/** Seed of the subsample and of the trees' random splits. */
	seed: number;
}

export const DEFAULT_ISOLATION_FOREST: IsolationForestOptions = {
	trees: 100,
	sampleSize: 256,
	window: 20,
	threshold: 0.65,
	seed: 1
};

/** Below this many rows the forest still runs, but the result is marked low-confidence. */
export const ISOLATION_FOREST_MIN_ROWS = 32;

/** Scores of the isolation-forest detector over one series. */
export interface IsolationForestResult {
	issue?: 'insufficient-data';
	/** Fewer than ISOLATION_FOREST_MIN_ROWS finite rows: scores are rough. */
	lowConfidence: boolean;
	/** Rows the forest was trained on. */
	trainedOn: number;
	/** Anomaly score 0 to 1 per record, NaN where the value is not finite. */
	score: Float64Array;
	anomaly: Uint8Array;
}

/**
 * Builds the feature rows: value, residual from the simple moving average and rate of change
 * (difference from the previous finite value), each standardised so no unit dominates the
 * random splits. Returns the rows and the record index of each.
 */
export function isolationFeatures(
	values: ArrayLike<number>,
	window: number
): { rows: number[][]; index: number[] } {
	const average = simpleMovingAverage(values, window).values;
	const raw: number[][] = [];
	const index: number[] = [];
	let previous = NaN;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		const rate = Number.isFinite(previous) ? v - previous : 0;
		raw.push([v, v - average[i], rate]);
		index.push(i);
		previous = v;
	}
	const columns = raw.length > 0 ? raw[0].length : 0;
	for (let c = 0; c < columns; c++) {
		let mean = 0;
		for (const row of raw) mean += row[c] / raw.length;
		let variance = 0;
		for (const row of raw) variance += (row[c] - mean) ** 2 / raw.length;
		const std = Math.sqrt(variance);
		for (const row of raw) row[c] = std > 0 ? (row[c] - mean) / std : 0;
	}
	return { rows: raw, index };
}

/**
 * Trains ml-isolation-forest on a seeded subsample of the feature rows and scores every record.
 *
 * ml-isolation-forest 0.1 draws its splits from Math.random and has no seed option, so
 * Math.random is replaced by a seeded generator for the duration of the synchronous training
 * call and restored afterwards. Prediction uses no randomness. The same seed therefore gives
 * the same scores. It also trains each tree on every row it is given, so the subsample keeps
 * the cost at O(trees · sampleSize · log sampleSize) for training.
 *
 * Scoring walks the library's trees flattened into typed arrays, with the library's formula
 * (score = 2^(−mean path / c(sampleSize))). Its own `predict` recurses through node objects for
 * every row and tree, which the flat arrays avoid.
 */
export function isolationForestDetect(
	values: ArrayLike<number>,
	options: Partial<IsolationForestOptions> = {}
): IsolationForestResult {
	const o = { ...DEFAULT_ISOLATION_FOREST, ...options };
	requireInteger('isolation forest trees', o.trees, 1);
	requireInteger('isolation forest sample size', o.sampleSize, 2);
	requireInteger('isolation forest window', o.window, 1);
	const score = new Float64Array(values.length).fill(NaN);
	const anomaly = new Uint8Array(values.length);
	const { rows, index } = isolationFeatures(values, o.window);
	if (rows.length < 3) {
		return { issue: 'insufficient-data', lowConfidence: true, trainedOn: 0, score, anomaly };
	}

	const random = createSeededRandom(o.seed);
	const sample = seededSample(rows, Math.min(o.sampleSize, rows.length), random.uniform);
	const forest = new IsolationForest({ nEstimators: o.trees });
	const original = Math.random;
	Math.random = random.uniform;
	try {
		forest.train(sample);
	} finally {
		Math.random = original;
	}

	const scores = scoreRows(forest, sample.length, rows);
	for (let j = 0; j < index.length; j++) {
		score[index[j]] = scores[j];
		anomaly[index[j]] = scores[j] > o.threshold ? 1 : 0;
	}
	return {
		lowConfidence: rows.length < ISOLATION_FOREST_MIN_ROWS,
		trainedOn: sample.length,
		score,
		anomaly
	};
}

/** Draws `k` rows without replacement (partial Fisher–Yates on a copy). */
function seededSample<T>(rows: T[], k: number, uniform: () => number): T[] {
	const copy = rows.slice();
	for (let i = 0; i < k; i++) {
		const j = i + Math.floor(uniform() * (copy.length - i));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy.slice(0, k);
}

/**
 * Scores `rows` with a trained forest: the same figures as its `predict`, computed on the trees
 * flattened into typed arrays. `trainedOn` is the number of rows the forest was trained on.
 *
 * The loop runs tree by tree over all rows, so one tree's arrays stay in cache, and each row's
 * path lengths are still added in tree order, which keeps the sums bit for bit the same.
 */
export function scoreRows(
	forest: IsolationForest,
	trainedOn: number,
	rows: number[][]
): Float64Array {
	const flat = flattenForest(forest.forest);
	const dims = rows.length > 0 ? rows[0].length : 0;
	const data = new Float64Array(rows.length * dims);
	rows.forEach((row, j) => data.set(row, j * dims));

	const { column, split, child, leafPath } = flat;
	const totals = new Float64Array(rows.length);
	for (const root of flat.roots) {
		for (let j = 0; j < rows.length; j++) {
			const offset = j * dims;
			let node = root;
			let c = column[node];
			while (c >= 0) {
				// The right child follows the left one, so the comparison picks the index.
				node = child[node] + (data[offset + c] < split[node] ? 0 : 1);
				c = column[node];
			}
			totals[j] += leafPath[node];
		}
	}

	const norm = averagePathLength(trainedOn);
	const trees = flat.roots.length;
	const scores = new Float64Array(rows.length);
	for (let j = 0; j < rows.length; j++) scores[j] = 2 ** (-totals[j] / trees / norm);
	return scores;
}

/**
 * Isolation trees in typed arrays, all trees in one set. Node i sends rows whose column[i] is
 * below split[i] to child[i] and the rest to child[i] + 1. A leaf has column −1.
 */
interface FlatForest {
	/** Index of each tree's root node. */
	roots: Int32Array;
	column: Int32Array;
	split: Float64Array;
	child: Int32Array;
	/** For a leaf: its depth plus c(rows in the leaf), the path length the library computes. */
	leafPath: Float64Array;
}

function flattenForest(roots: IsolationTreeNode[]): FlatForest {
	// Breadth-first order puts the two children of each node next to each other.
	const nodes: IsolationTreeNode[] = [];
	const depths: number[] = [];
	const rootIndex = new Int32Array(roots.length);
	const childIndex: number[] = [];
	roots.forEach((root, t) => {
		rootIndex[t] = nodes.length;
		nodes.push(root);
		depths.push(0);
		for (let i = rootIndex[t]; i < nodes.length; i++) {
			const node = nodes[i];
			if (node.left && node.right) {
				childIndex[i] = nodes.length;
				nodes.push(node.left, node.right);
				depths.push(depths[i] + 1, depths[i] + 1);
			}
		}
	});
	const forest: FlatForest = {
		roots: rootIndex,
		column: new Int32Array(nodes.length).fill(-1),
		split: new Float64Array(nodes.length),
		child: new Int32Array(nodes.length),
		leafPath: new Float64Array(nodes.length)
	};
	nodes.forEach((node, i) => {
		if (node.left && node.right) {
			forest.column[i] = node.splitColumn!;
			forest.split[i] = node.splitValue!;
			forest.child[i] = childIndex[i];
		} else {
			forest.leafPath[i] = depths[i] + averagePathLength(node.trainingSet?.length ?? 0);
		}
	});
	return forest;
}

/**
 * c(n), the average path length of an unsuccessful search in a binary search tree of n rows,
 * as ml-isolation-forest 0.1 computes it (Euler's constant rounded to 0.57721).
 */
function averagePathLength(n: number): number {
	if (n <= 1) return 0;
	if (n === 2) return 1;
	return 2 * Math.log(n - 1) + 0.57721 - (2 * (n - 1)) / n;
}
