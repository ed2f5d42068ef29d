import { requireInteger } from './finite';

/** Label of a noise point in `DbscanResult.labels`. */
export const NOISE = -1;

/** Clusters found by DBSCAN. */
export interface DbscanResult {
	/** Cluster index from 0 per point, NOISE for noise. */
	labels: Int32Array;
	clusterCount: number;
	/** Point indices labelled NOISE. */
	noise: number[];
	eps: number;
	minPts: number;
}

/**
 * DBSCAN (Ester et al., 1996) with Euclidean distance. A point with at least `minPts` points
 * (itself included) within `eps` is a core point. Clusters are the core points that reach each
 * other plus the border points they reach, and the rest is noise.
 *
 * Hand-written: the npm DBSCAN packages (density-clustering, last release 2017) are unmaintained
 * and search neighbours in O(n²). Here neighbours come from a grid of eps-sized cells over the
 * first two features, so a query only compares points in the 3 × 3 cells around its own.
 */
export function dbscan(points: number[][], eps: number, minPts: number): DbscanResult {
	if (!(eps > 0)) throw new RangeError(`invalid DBSCAN eps ${eps}: expected a positive number`);
	requireInteger('DBSCAN minPts', minPts, 1);
	const n = points.length;
	const labels = new Int32Array(n).fill(-2);
	const neighbours = createNeighbourSearch(points, eps);
	let clusterCount = 0;

	for (let i = 0; i < n; i++) {
		if (labels[i] !== -2) continue;
		const seeds = neighbours(i);
		if (seeds.length < minPts) {
			labels[i] = NOISE;
			continue;
		}
		const cluster = clusterCount++;
		labels[i] = cluster;
		// Each point enters the queue at most once: when it first joins the cluster. A point
		// already labelled noise is not core, so it joins as a border point and is not expanded.
		const queue: number[] = [];
		const claim = (points: number[]) => {
			for (const r of points) {
				if (labels[r] === NOISE) {
					labels[r] = cluster;
				} else if (labels[r] === -2) {
					labels[r] = cluster;
					queue.push(r);
				}
			}
		};
		claim(seeds);
		for (let q = 0; q < queue.length; q++) {
			const reach = neighbours(queue[q]);
			if (reach.length >= minPts) claim(reach);
		}
	}

	const noise: number[] = [];
	for (let i = 0; i < n; i++) if (labels[i] === NOISE) noise.push(i);
	return { labels, clusterCount, noise, eps, minPts };
}

/** Returns a function listing the indices within `eps` of point i, i included. */
function createNeighbourSearch(points: number[][], eps: number): (i: number) => number[] {
	const n = points.length;
	const dims = n > 0 ? points[0].length : 0;
	const cellOf = (p: number[], d: number) => (d < dims ? Math.floor(p[d] / eps) : 0);
	const grid = new Map<string, number[]>();
	for (let i = 0; i < n; i++) {
		const key = `${cellOf(points[i], 0)},${cellOf(points[i], 1)}`;
		const cell = grid.get(key);
		if (cell) cell.push(i);
		else grid.set(key, [i]);
	}
	const eps2 = eps * eps;
	return (i) => {
		const p = points[i];
		const cx = cellOf(p, 0);
		const cy = cellOf(p, 1);
		const found: number[] = [];
		for (let dx = -1; dx <= 1; dx++) {
			for (let dy = dims > 1 ? -1 : 0; dy <= (dims > 1 ? 1 : 0); dy++) {
				const cell = grid.get(`${cx + dx},${cy + dy}`);
				if (!cell) continue;
				for (const j of cell) {
					let d2 = 0;
					for (let d = 0; d < dims; d++) d2 += (p[d] - points[j][d]) ** 2;
					if (d2 <= eps2) found.push(j);
				}
			}
		}
		return found;
	};
}

/**
 * Standardises each feature column to mean 0 and population standard deviation 1 (as scikit-learn's
 * StandardScaler does), so eps means the same in every unit. A column with no variance becomes all
 * zeros. Rows with a non-finite value are dropped, and `index` gives the input row of each output
 * row.
 */
export function standardise(rows: number[][]): { rows: number[][]; index: number[] } {
	const index: number[] = [];
	const kept: number[][] = [];
	rows.forEach((row, i) => {
		if (row.every(Number.isFinite)) {
			kept.push(row.slice());
			index.push(i);
		}
	});
	const dims = kept.length > 0 ? kept[0].length : 0;
	for (let d = 0; d < dims; d++) {
		let mean = 0;
		for (const row of kept) mean += row[d];
		mean /= kept.length;
		let ss = 0;
		for (const row of kept) ss += (row[d] - mean) ** 2;
		const std = Math.sqrt(ss / kept.length);
		for (const row of kept) row[d] = std > 0 ? (row[d] - mean) / std : 0;
	}
	return { rows: kept, index };
}
