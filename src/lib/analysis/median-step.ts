/** Returns the median difference between consecutive times, or 0 for fewer than two times. */
export function medianStep(times: number[]): number {
	if (times.length < 2) return 0;
	const gaps = times
		.slice(1)
		.map((t, i) => t - times[i])
		.sort((a, b) => a - b);
	return gaps[gaps.length >> 1];
}
