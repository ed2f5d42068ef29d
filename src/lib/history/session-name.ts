import { formatPath } from '../mapping/field-path';
import type { SessionInfo } from '../protocol';
import type { TimeRange } from './export-format';
import type { SplitLine } from './split-line';

/** Formats epoch ms as `YYYY-MM-DD HH:MM:SS` in UTC. */
export function utc(time: number): string {
	return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Names a session, or a time range of it, for results and reports, e.g.
 * `sine (2026-12-04 10:00:00 to 10:05:00, UTC)`.
 */
export function formatRangeName(session: Pick<SessionInfo, 'name'>, range: TimeRange): string {
	const { from, to } = range;
	if (from === undefined && to === undefined) return session.name;
	const start = from === undefined ? 'the start' : utc(from);
	let end = to === undefined ? 'the end' : utc(to);
	// The end drops its date when the range lies within one day.
	if (from !== undefined && to !== undefined && start.slice(0, 10) === end.slice(0, 10)) {
		end = end.slice(11);
	}
	return `${session.name} (${start} to ${end}, UTC)`;
}

/**
 * Names one line of a split session, as the dashboard's legend does: `Tank 4 · s1`, or
 * `Tank 4 · (no sensor)` for the records without a split value. Returns the session name when
 * `line` is undefined.
 */
export function formatLineName(
	session: Pick<SessionInfo, 'name' | 'mapping'>,
	line: SplitLine
): string {
	if (line === undefined) return session.name;
	if (line !== null) return `${session.name} · ${line}`;
	const split = session.mapping?.split;
	return `${session.name} · (no ${split ? formatPath(split) : 'category'})`;
}
