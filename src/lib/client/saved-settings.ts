import {
	hasSettingParams,
	readUrlConfig,
	type DashboardConfig,
	type ParamProblem
} from './url-config';

/** localStorage key of the settings of the last visit, stored as a query string. */
export const SETTINGS_KEY = 'streamlens.settings';

/** Origin of the dashboard's starting setup. */
export type SettingsOrigin = 'url' | 'saved' | 'default';

/** A setting that could not be used: a URL parameter, a saved field or a field picker choice. */
export interface SettingsProblem extends ParamProblem {
	origin: 'url' | 'saved' | 'picker';
}

/**
 * Picks the starting setup: the URL's settings when it carries any, else those saved on the
 * last visit, else the defaults. Saved settings are read like URL parameters, so a saved field
 * that is no longer valid is reported under its parameter name and left at its default while
 * the others apply.
 *
 * @param search - The page's query string, with or without its `?`.
 * @param saved - The stored query string, or null when nothing is stored.
 */
export function pickSettings(
	search: string,
	saved: string | null
): { config: DashboardConfig; problems: SettingsProblem[]; origin: SettingsOrigin } {
	const params = new URLSearchParams(search);
	if (hasSettingParams(params)) return readFrom(params, 'url');
	if (saved !== null) return readFrom(new URLSearchParams(saved), 'saved');
	return { config: readUrlConfig(params).config, problems: [], origin: 'default' };
}

function readFrom(params: URLSearchParams, origin: 'url' | 'saved') {
	const read = readUrlConfig(params);
	const problems = read.problems.map((problem) => ({ ...problem, origin }));
	return { config: read.config, problems, origin };
}

/** Reads the saved settings; null when none are stored or storage cannot be read. */
export function loadSavedSettings(): string | null {
	try {
		return localStorage.getItem(SETTINGS_KEY);
	} catch (error) {
		// Storage can be blocked (a privacy setting, an opaque origin); the page then starts
		// from the URL or the defaults.
		console.warn('settings: could not read saved settings:', error);
		return null;
	}
}
