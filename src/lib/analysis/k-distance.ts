/** The k-distance curve and the eps it suggests for DBSCAN. */
export interface KDistanceResult {
	k: number;
	/** Distance from each sampled point to its k-th nearest other point, ascending. */
	distances: Float64Array;
	/** Distance at the knee of the curve. */
	suggestedEps: number;
	/** Index of the knee in `distances`. */
	kneeIndex: number;
}

/**
 * Computes each point's distance to its k-th nearest neighbour (itself excluded), sorts them,
 * and takes the knee as the point farthest from the straight line joining the first and last
 * points of the curve (the "kneedle" idea). Above the knee distances grow fast: those points
 * are sparse, so the knee's distance is a sensible eps with minPts = k + 1.
 *
 * Brute force against every point, for at most `maxSampled` points taken at an even stride
 * (all of them below that), so the cost is O(maxSampled · n · d). Hand-written for the same
 * reason as DBSCAN.
 */
export function kDistance(points: number[][], k: number, maxSampled = 1000): KDistanceResult {
	const n = points.length;
	if (n <= k) {
		return { k, distances: new Float64Array(0), suggestedEps: NaN, kneeIndex: -1 };
	}
	const stride = Math.max(1, Math.ceil(n / maxSampled));
	const sampled = Math.ceil(n / stride);
	const distances = new Float64Array(sampled);
	const nearest = new Float64Array(k);
	for (let s = 0; s < sampled; s++) {
		const i = s * stride;
		nearest.fill(Infinity);
		const p = points[i];
		for (let j = 0; j < n; j++) {
			if (j === i) continue;
			let d2 = 0;
			for (let d = 0; d < p.length; d++) d2 += (p[d] - points[j][d]) ** 2;
			if (d2 >= nearest[k - 1]) continue;
			let s = k - 1;
			while (s > 0 && nearest[s - 1] > d2) {
				nearest[s] = nearest[s - 1];
				s--;
			}
			nearest[s] = d2;
		}
		distances[s] = Math.sqrt(nearest[k - 1]);
	}
	distances.sort();

	const last = sampled - 1;
	const rise = distances[last] - distances[0];
	let kneeIndex = 0;
	let best = -Infinity;
	for (let i = 0; i < sampled; i++) {
		// Distance to the chord, in units where both axes run 0 to 1.
		const x = last > 0 ? i / last : 0;
		const y = rise > 0 ? (distances[i] - distances[0]) / rise : 0;
		const gap = x - y;
		if (gap > best) {
			best = gap;
			kneeIndex = i;
		}
	}
	return { k, distances, suggestedEps: distances[kneeIndex], kneeIndex };
}
