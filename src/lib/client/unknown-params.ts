import { SETTING_PARAMS } from './url-config';

/**
 * Parameters the dashboard reads besides the settings: a session to replay, its speed, and an
 * interrupted session to continue.
 */
const SESSION_PARAMS: readonly string[] = ['replay', 'speed', 'continue'];

/** Every parameter name the dashboard reads. */
export const KNOWN_PARAMS: readonly string[] = [...SETTING_PARAMS, ...SESSION_PARAMS];

/** A URL parameter that the dashboard does not read, and the known one it is closest to. */
export interface UnknownParam {
	name: string;
	/** Known parameter within a typo's distance of `name`, or null when none is close. */
	suggestion: string | null;
}

/** Every parameter name the analysis page reads. */
export const ANALYSIS_PARAMS: readonly string[] = [
	'session',
	'line',
	'from',
	'to',
	'split',
	'value',
	'time',
	'lenient',
	'time-unit',
	'booleans',
	'dbscan-feature'
];

/**
 * Lists the parameters of `params` that are not in `known` (by default the dashboard's), each
 * once and in order, with the known name that is probably meant.
 */
export function findUnknownParams(
	params: URLSearchParams,
	known: readonly string[] = KNOWN_PARAMS
): UnknownParam[] {
	const names = new Set(params.keys());
	return [...names]
		.filter((name) => !known.includes(name))
		.map((name) => ({ name, suggestion: closestKnownParam(name, known) }));
}

/**
 * Returns the parameter of `known` nearest to `name` by edit distance, or null when even the
 * nearest needs more edits than a typo. A typo is no edit for a single character, 1 for names of
 * up to 4 characters and 2 for longer ones. Case and word separators (`-`, `_`) count as no edit,
 * so `Source` suggests `source` and `timeUnit` suggests `time-unit`.
 */
export function closestKnownParam(
	name: string,
	known: readonly string[] = KNOWN_PARAMS
): string | null {
	const lower = name.toLowerCase();
	const joined = lower.replace(/[-_]/g, '');
	let allowed = 2;
	if (lower.length <= 1) allowed = 0;
	else if (lower.length <= 4) allowed = 1;
	let best: string | null = null;
	let bestDistance = allowed + 1;
	for (const candidate of known) {
		const distance = Math.min(
			editDistance(lower, candidate),
			editDistance(joined, candidate.replace(/-/g, ''))
		);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

/**
 * Returns the optimal string alignment distance of `a` and `b`: the fewest insertions, deletions,
 * substitutions and swaps of two neighbouring characters that turn one into the other.
 */
export function editDistance(a: string, b: string): number {
	// rows[i][j] is the distance between the first i characters of a and the first j of b.
	const rows = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
	for (let i = 0; i <= a.length; i++) rows[i][0] = i;
	for (let j = 0; j <= b.length; j++) rows[0][j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let distance = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				distance = Math.min(distance, rows[i - 2][j - 2] + 1);
			}
			rows[i][j] = distance;
		}
	}
	return rows[a.length][b.length];
}
