/**
 * Returns the number of generated cases per property: FUZZ_RUNS when set, else `defaultRuns`.
 * `npm test` uses the moderate default, and `npm run fuzz` sets FUZZ_RUNS to 100,000.
 */
export function fuzzRuns(defaultRuns = 500): number {
	const fromEnv = Number(process.env.FUZZ_RUNS);
	return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}
