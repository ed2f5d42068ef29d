import type { SessionInfo } from '../protocol';
import { writeMappingParams } from './url-write';

/**
 * Builds the dashboard query that restarts a session's source and continues recording into it,
 * or returns null for a source that cannot be restarted from settings (a file).
 */
export function continueQuery(session: SessionInfo): string | null {
	const settings = session.settings;
	if (settings === null) return null;
	const params = new URLSearchParams({ source: settings.kind });
	if (settings.kind === 'simulator') {
		if (!settings.sim) return null;
		params.set('pattern', settings.sim.pattern);
		params.set('rate', String(settings.sim.rate));
	} else if (settings.kind === 'file' || !settings.url) {
		return null;
	} else {
		params.set('url', settings.url);
		if (settings.kind === 'sse' && settings.eventType) params.set('event', settings.eventType);
		if (settings.kind === 'http' && settings.intervalMs !== undefined) {
			params.set('interval', String(settings.intervalMs / 1000));
		}
		if (settings.kind === 'mqtt' && settings.topic !== undefined)
			params.set('topic', settings.topic);
	}
	// Derived fields and the reading options decide the series, and a session whose series
	// differ is not continued, so they are written with the field mapping.
	writeMappingParams(settings.choice ?? {}, params);
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
