/**
 * Describes why a rule on `name` cannot fire on the running stream, or returns null when it can.
 * A rule is kept even so, because rules outlive a stream and a series may still appear, such as
 * a line of a split whose value has not arrived yet.
 *
 * @param series - Series names of the running stream; empty before any stream has records,
 *   when nothing can be checked.
 */
export function checkRuleSeries(name: string, series: readonly string[]): string | null {
	if (series.length === 0 || series.includes(name)) return null;
	const names = series.map((known) => `"${known}"`).join(', ');
	return `This stream has no series "${name}", so the rule fires only if one appears. Its series: ${names}.`;
}
