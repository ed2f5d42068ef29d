import { parsePath } from '../mapping/field-path';
import type { SimOptions, SimPattern, SourceKind } from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';

const sources: SourceKind[] = ['simulator', 'websocket', 'sse', 'http', 'mqtt', 'file'];
const patterns: SimPattern[] = ['sine', 'random', 'trending', 'sawtooth'];

/** The dashboard setup a URL describes. */
export interface DashboardConfig {
	source: SourceKind;
	url: string;
	pattern: SimPattern;
	rate: number;
	/** Buffer capacity in points, or null for the analysis default. */
	capacity: number | null;
	choice: MappingChoice;
}

/** Smallest and largest buffer capacity the `capacity=` parameter accepts, in points. */
export const CAPACITY_RANGE = { min: 1_000, max: 20_000_000 } as const;

/** A URL parameter that could not be used, and why. */
export interface ParamProblem {
	param: string;
	message: string;
}

export const defaultConfig: DashboardConfig = {
	source: 'simulator',
	url: 'ws://127.0.0.1:8765',
	pattern: 'sine',
	rate: 20,
	capacity: null,
	choice: {}
};

/**
 * Reads the dashboard setup from URL parameters. A parameter that cannot be used is reported
 * and left at its default, so a bad link still opens a working page.
 */
export function readUrlConfig(params: URLSearchParams): {
	config: DashboardConfig;
	problems: ParamProblem[];
} {
	const config: DashboardConfig = { ...defaultConfig, choice: {} };
	const problems: ParamProblem[] = [];

	const source = params.get('source');
	if (source !== null) {
		if ((sources as string[]).includes(source)) config.source = source as SourceKind;
		else
			problems.push({
				param: 'source',
				message: `unknown source "${source}": expected one of ${sources.join(', ')}`
			});
	}

	const url = params.get('url');
	if (url !== null) {
		const problem = checkEndpoint(url, config.source);
		if (problem) problems.push({ param: 'url', message: problem });
		else config.url = url;
	}

	const pattern = params.get('pattern');
	if (pattern !== null) {
		if ((patterns as string[]).includes(pattern)) config.pattern = pattern as SimPattern;
		else
			problems.push({
				param: 'pattern',
				message: `unknown pattern "${pattern}": expected one of ${patterns.join(', ')}`
			});
	}

	const rate = params.get('rate');
	if (rate !== null) {
		const value = Number(rate);
		if (rate.trim() !== '' && Number.isFinite(value) && value >= 0.1 && value <= 1_000_000)
			config.rate = value;
		else
			problems.push({
				param: 'rate',
				message: `invalid rate "${rate}": expected records per second from 0.1 to 1000000`
			});
	}

	const capacity = params.get('capacity');
	if (capacity !== null) {
		const value = Number(capacity);
		const { min, max } = CAPACITY_RANGE;
		if (capacity.trim() !== '' && Number.isInteger(value) && value >= min && value <= max)
			config.capacity = value;
		else
			problems.push({
				param: 'capacity',
				message: `invalid capacity "${capacity}": expected a whole number of points from ${min} to ${max}`
			});
	}

	const time = params.get('time');
	if (time !== null) config.choice.time = time === '' ? null : parsePath(time);
	const values = params.getAll('value').filter((v) => v !== '');
	if (values.length > 0) config.choice.values = values.map(parsePath);
	const category = params.get('category');
	if (category !== null) config.choice.category = category === '' ? null : parsePath(category);

	return { config, problems };
}

/** Says what is wrong with an endpoint URL for a source, or returns null when it is usable. */
export function checkEndpoint(url: string, source: SourceKind): string | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `invalid URL "${url}": expected an absolute address such as ws://127.0.0.1:8765`;
	}
	const wanted =
		source === 'websocket' || source === 'mqtt' ? ['ws:', 'wss:'] : ['http:', 'https:'];
	if (source === 'simulator' || source === 'file') return null;
	if (!wanted.includes(parsed.protocol)) {
		return `invalid URL "${url}" for ${source}: expected ${wanted.map((p) => p + '//').join(' or ')}`;
	}
	return null;
}

/** Defaults for the simulator, with the URL's pattern and rate. */
export function simOptionsFor(config: DashboardConfig, seed: number): SimOptions {
	return {
		pattern: config.pattern,
		rate: config.rate,
		base: 50,
		noise: 2,
		anomalyRate: 0.01,
		seed
	};
}
