import type { TimeRange } from '../history/export-format';

/** `YYYY-MM-DD`, then optionally `HH:MM`, `:SS` and a fraction, with a space or `T`, then `Z`. */
const TIME_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?Z?$/;

/**
 * Parses a range field written as `YYYY-MM-DD HH:MM:SS` in UTC. The seconds, or the whole time of
 * day, may be left out, and ISO 8601's `T` and trailing `Z` are accepted. Returns undefined for a
 * blank field, and NaN for any other text, a date that does not exist (February 30) included.
 */
export function parseRangeTime(text: string): number | undefined {
	return parseRangePeriod(text)?.start;
}

/**
 * Parses a range field as `parseRangeTime` does, but returns the last millisecond of the period
 * written, because a To field includes it: `10:05:00` ends at 10:05:00.999, `10:05` at
 * 10:05:59.999 and a date alone at 23:59:59.999 of that day.
 */
export function parseRangeEnd(text: string): number | undefined {
	const period = parseRangePeriod(text);
	return period === undefined ? undefined : period.start + period.length - 1;
}

/** Start of the period a range field writes, epoch ms, and its length in ms (its precision). */
function parseRangePeriod(text: string): { start: number; length: number } | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const match = TIME_PATTERN.exec(trimmed);
	if (match === null) return { start: NaN, length: 1 };

	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const fraction = match[7] ?? '';
	const milliseconds = Number(fraction.padEnd(3, '0'));
	const time = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	// Date.UTC rolls an out-of-range part over into the next one, so read the parts back.
	const date = new Date(time);
	const exists =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second;
	return { start: exists ? time : NaN, length: periodLength(match) };
}

/** Length in ms of the last part a range field writes: a day, a minute, a second or less. */
function periodLength(match: RegExpExecArray): number {
	if (match[4] === undefined) return 86_400_000;
	if (match[6] === undefined) return 60_000;
	if (match[7] === undefined) return 1000;
	return 10 ** (3 - match[7].length);
}

/** The range fields read as epoch ms, or a message that names the field and value at fault. */
export type RangeFieldsResult = { range: TimeRange } | { error: string };

/**
 * Reads a session's From and To fields into a time range. A blank field leaves that end open, so
 * the range starts at the session's start or ends at its end. To includes the whole period it
 * writes, so From and To of the same second give the records of that second.
 */
export function readRangeFields(fromText: string, toText: string): RangeFieldsResult {
	const from = parseRangeTime(fromText);
	const to = parseRangeEnd(toText);
	if (Number.isNaN(from)) {
		return { error: invalidTimeMessage('From', fromText, 'start at the beginning of the session') };
	}
	if (Number.isNaN(to)) {
		return { error: invalidTimeMessage('To', toText, 'end at the end of the session') };
	}
	if (from !== undefined && to !== undefined && from > to) {
		return {
			error:
				`Invalid range: From "${fromText.trim()}" is after To "${toText.trim()}". ` +
				'Make From the earlier time, or swap the two.'
		};
	}
	return { range: { from, to } };
}

function invalidTimeMessage(field: 'From' | 'To', text: string, blank: string): string {
	return (
		`Invalid ${field} "${text.trim()}": write a time as YYYY-MM-DD HH:MM:SS in UTC, ` +
		`or leave ${field} blank to ${blank}.`
	);
}
