import { formatPath } from '../mapping/field-path';
import type { SessionInfo } from '../protocol';

/**
 * Builds the dashboard query that restarts a session's source and continues recording into it,
 * or returns null for a source that cannot be restarted from settings (a file).
 */
export function continueQuery(session: SessionInfo): string | null {
	const settings = session.settings;
	if (settings === null) return null;
	const params = new URLSearchParams({ source: settings.kind });
	if (settings.kind === 'simulator' && settings.sim) {
		params.set('pattern', settings.sim.pattern);
		params.set('rate', String(settings.sim.rate));
	} else if (settings.kind === 'websocket' && settings.url) {
		params.set('url', settings.url);
	} else return null;
	const choice = settings.choice ?? {};
	if (choice.time !== undefined) params.set('time', choice.time ? formatPath(choice.time) : '');
	for (const path of choice.values ?? []) params.append('value', formatPath(path));
	if (choice.category !== undefined) {
		params.set('category', choice.category ? formatPath(choice.category) : '');
	}
	if (choice.split !== undefined) params.set('split', choice.split ? formatPath(choice.split) : '');
	if (choice.lenient) params.set('lenient', '1');
	if (choice.duplicates) params.set('duplicates', choice.duplicates);
	params.set('continue', session.id);
	return `?${params}`;
}

/** Formats a byte count with a binary unit, e.g. "1.5 MiB". */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Formats an epoch-ms time as `YYYY-MM-DD HH:MM:SS` in UTC, or a dash when there is none. */
export function formatTime(time: number): string {
	if (!Number.isFinite(time)) return '–';
	return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}
