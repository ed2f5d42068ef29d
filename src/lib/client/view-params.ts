import { DEFAULT_ANALYSIS_SETTINGS, LIVE_DETECTORS } from '../analysis/analysis-settings';
import {
	FOREST_THRESHOLD_MAX,
	FOREST_THRESHOLD_MIN,
	IQR_K_MAX,
	IQR_K_MIN
} from '../analysis/detector-limits';
import type { LiveDetector } from '../protocol';
import { formatSeriesList, parseSeriesList } from './right-axis';

/**
 * Display and analysis settings of the dashboard: window, refresh, moving average, detector,
 * band, right value axis.
 */
export interface ViewSettings {
	/** Newest time span shown, in ms; 0 for everything. Used when `points` is 0 (`span=`, s). */
	spanMs: number;
	/** Newest records shown; 0 to use `spanMs` (`points=`). */
	points: number;
	/** Redraw interval in ms; 0 for every animation frame (`refresh=`, s). */
	refreshMs: number;
	/** Moving-average window in points (`ma=`). */
	maWindow: number;
	/** Detector that flags anomalies (`detector=`). */
	detector: LiveDetector;
	/** Z-score threshold in standard deviations (`z=`). */
	zThreshold: number;
	/** IQR fence multiplier k (`iqr-k=`). */
	iqrK: number;
	/** Isolation-forest score above which a record is flagged (`forest=`). */
	forestThreshold: number;
	/** Whether the chart shows the rolling band (`band=on|off`). */
	band: boolean;
	/** Half-width of the band in standard deviations (`band-k=`). */
	bandK: number;
	/** Names of the series scaled to the chart's right value axis (`right=`, comma-separated). */
	rightAxis: string[];
}

/** Returns the time span a source starts with: the last minute for the simulator, else 0 (all). */
export function defaultSpanMs(source: string): number {
	return source === 'simulator' ? 60_000 : 0;
}

export const defaultViewSettings: Readonly<Omit<ViewSettings, 'spanMs'>> = {
	points: 0,
	refreshMs: 0,
	maWindow: DEFAULT_ANALYSIS_SETTINGS.maWindow,
	detector: DEFAULT_ANALYSIS_SETTINGS.detector,
	zThreshold: DEFAULT_ANALYSIS_SETTINGS.zThreshold,
	iqrK: DEFAULT_ANALYSIS_SETTINGS.iqrK,
	forestThreshold: DEFAULT_ANALYSIS_SETTINGS.forestThreshold,
	band: false,
	bandK: 2,
	rightAxis: []
};

/** Longest `span=` accepted, in seconds: 365 days. */
export const MAX_SPAN_SECONDS = 31_536_000;

/** Largest `points=` accepted, the largest buffer capacity. */
export const MAX_POINTS = 20_000_000;

/** A parameter that could not be used, and why. */
interface Problem {
	param: string;
	message: string;
}

/** Reads one number parameter; an unusable one is reported and leaves `apply` uncalled. */
function readNumber(
	params: URLSearchParams,
	name: string,
	isValid: (value: number) => boolean,
	expected: string,
	problems: Problem[],
	apply: (value: number) => void
): void {
	const text = params.get(name);
	if (text === null) return;
	const value = Number(text);
	if (text.trim() !== '' && Number.isFinite(value) && isValid(value)) apply(value);
	else problems.push({ param: name, message: `invalid ${name} "${text}": expected ${expected}` });
}

/**
 * Reads the view parameters (`span`, `points`, `refresh`, `ma`, `detector`, `z`, `iqr-k`,
 * `forest`, `band`, `band-k`, `right`) into `settings`. A parameter that cannot be used is
 * reported in `problems` and leaves its field as it was. The names in `right` are checked only
 * once the stream's series are known, by `checkRightAxis`.
 */
export function readViewParams(
	params: URLSearchParams,
	settings: ViewSettings,
	problems: Problem[]
): void {
	readNumber(
		params,
		'span',
		(v) => v >= 0 && v <= MAX_SPAN_SECONDS,
		`seconds from 0 (everything) to ${MAX_SPAN_SECONDS}`,
		problems,
		(v) => (settings.spanMs = Math.round(v * 1000))
	);
	readNumber(
		params,
		'points',
		(v) => Number.isInteger(v) && v >= 0 && v <= MAX_POINTS,
		`a whole number of records from 0 (use span) to ${MAX_POINTS}`,
		problems,
		(v) => (settings.points = v)
	);
	readNumber(
		params,
		'refresh',
		(v) => v === 0 || (v >= 0.5 && v <= 10),
		'0 (every frame) or seconds from 0.5 to 10',
		problems,
		(v) => (settings.refreshMs = Math.round(v * 1000))
	);
	readNumber(
		params,
		'ma',
		(v) => Number.isInteger(v) && v >= 5 && v <= 50,
		'a whole number of points from 5 to 50',
		problems,
		(v) => (settings.maWindow = v)
	);
	readNumber(
		params,
		'z',
		(v) => v >= 1 && v <= 4,
		'standard deviations from 1 to 4',
		problems,
		(v) => (settings.zThreshold = v)
	);
	readNumber(
		params,
		'iqr-k',
		(v) => v >= IQR_K_MIN && v <= IQR_K_MAX,
		`an IQR multiple from ${IQR_K_MIN} to ${IQR_K_MAX}`,
		problems,
		(v) => (settings.iqrK = v)
	);
	readNumber(
		params,
		'forest',
		(v) => v >= FOREST_THRESHOLD_MIN && v <= FOREST_THRESHOLD_MAX,
		`an isolation-forest score from ${FOREST_THRESHOLD_MIN} to ${FOREST_THRESHOLD_MAX}`,
		problems,
		(v) => (settings.forestThreshold = v)
	);
	readNumber(
		params,
		'band-k',
		(v) => v >= 1 && v <= 4,
		'standard deviations from 1 to 4',
		problems,
		(v) => (settings.bandK = v)
	);

	const detector = params.get('detector');
	const known = LIVE_DETECTORS.find((name) => name === detector);
	if (known !== undefined) settings.detector = known;
	else if (detector !== null) {
		problems.push({
			param: 'detector',
			message: `invalid detector "${detector}": expected one of ${LIVE_DETECTORS.join(', ')}`
		});
	}

	const band = params.get('band');
	if (band === 'on' || band === 'off') settings.band = band === 'on';
	else if (band !== null) {
		problems.push({ param: 'band', message: `invalid band "${band}": expected on or off` });
	}

	// Several right= parameters add up, as several value= do.
	const right = params.getAll('right');
	if (right.length > 0) settings.rightAxis = [...new Set(right.flatMap(parseSeriesList))];
}

/** Writes the view settings as parameters, in the form `readViewParams` reads back. */
export function writeViewParams(settings: ViewSettings, params: URLSearchParams): void {
	params.set('span', String(settings.spanMs / 1000));
	params.set('points', String(settings.points));
	params.set('refresh', String(settings.refreshMs / 1000));
	params.set('ma', String(settings.maWindow));
	params.set('detector', settings.detector);
	params.set('z', String(settings.zThreshold));
	params.set('iqr-k', String(settings.iqrK));
	params.set('forest', String(settings.forestThreshold));
	params.set('band', settings.band ? 'on' : 'off');
	params.set('band-k', String(settings.bandK));
	// No series on the right is the default, so `right=` is left out rather than written empty.
	if (settings.rightAxis.length > 0) params.set('right', formatSeriesList(settings.rightAxis));
}
