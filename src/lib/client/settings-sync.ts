import { SETTING_PARAMS } from './url-config';
import { SETTINGS_KEY } from './saved-settings';

/**
 * Wait before a settings change is saved and written into the address bar, in ms. A slider
 * drag changes settings many times a second, and Chromium rejects more than about 200 history
 * updates in 10 s.
 */
export const SETTINGS_SYNC_DELAY_MS = 300;

let timer: ReturnType<typeof setTimeout> | undefined;
let warned = false;

/**
 * Saves a setup's query string for the next visit and puts it into the address bar, so that a
 * reload or a bookmark gives the same setup. Parameters that are not settings (`replay=`,
 * `speed=`, `continue=`) stay as they are. Calls within SETTINGS_SYNC_DELAY_MS are merged into
 * the last one.
 */
export function syncSettings(query: string): void {
	clearTimeout(timer);
	const page = location.pathname;
	timer = setTimeout(() => {
		try {
			localStorage.setItem(SETTINGS_KEY, query);
		} catch (error) {
			// Every later change would fail the same way, so only the first is logged.
			if (!warned) console.warn('settings: could not save settings for the next visit:', error);
			warned = true;
		}
		// After a navigation within the app the address is another page's, which keeps its own.
		if (location.pathname === page) {
			history.replaceState(history.state, '', `?${withOtherParams(query)}`);
		}
	}, SETTINGS_SYNC_DELAY_MS);
}

/** Appends the address bar's parameters that are not settings to `query`. */
function withOtherParams(query: string): string {
	const others = [...new URLSearchParams(location.search)].filter(
		([name]) => !SETTING_PARAMS.includes(name)
	);
	if (others.length === 0) return query;
	return `${query}&${new URLSearchParams(others)}`;
}
