import { checkTopicFilter } from '../ingest/topic-filter';
import { checkExpression } from '../mapping/expression';
import { formatPath, parsePath } from '../mapping/field-path';
import { COUNT_WINDOW_EXPECTED, parseCountWindow } from '../mapping/record-count';
import type { DerivedField, FieldPath, SimOptions, SimPattern, SourceKind } from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';
import {
	defaultSpanMs,
	defaultViewSettings,
	readViewParams,
	type ViewSettings
} from './view-params';
import { readBooleansParam, readTimeUnitParam } from './reading-options';

const sources: SourceKind[] = ['simulator', 'websocket', 'sse', 'http', 'mqtt', 'file'];
const patterns: SimPattern[] = ['sine', 'random', 'trending', 'sawtooth'];

/** The dashboard setup a URL describes: the source, the field mapping and the view settings. */
export interface DashboardConfig extends ViewSettings {
	source: SourceKind;
	url: string;
	pattern: SimPattern;
	rate: number;
	/** Buffer capacity in points, or null for the analysis default. */
	capacity: number | null;
	choice: MappingChoice;
	/** SSE event type that becomes records (`event=`); '' takes every type. */
	eventType: string;
	/** HTTP polling interval in seconds (`interval=`). */
	interval: number;
	/** MQTT topic filter (`topic=`). */
	topic: string;
}

/** Example endpoint of each network source, for an empty URL field. */
export const defaultUrls: Partial<Record<SourceKind, string>> = {
	websocket: 'ws://127.0.0.1:8765',
	sse: 'http://127.0.0.1:8766/events',
	http: 'http://127.0.0.1:8766/latest',
	mqtt: 'ws://127.0.0.1:9001'
};

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
	choice: {},
	eventType: '',
	interval: 1,
	topic: '#',
	capacity: null,
	spanMs: defaultSpanMs('simulator'),
	...defaultViewSettings
};

/**
 * Parameters that carry settings. A URL with none of them (`replay=`, `speed=` and `continue=`
 * are not settings) leaves the dashboard to the settings saved on the last visit.
 */
export const SETTING_PARAMS: readonly string[] = [
	'source',
	'url',
	'pattern',
	'rate',
	'capacity',
	'event',
	'interval',
	'topic',
	'time',
	'value',
	'category',
	'split',
	'derive',
	'count',
	'filter',
	'span',
	'points',
	'refresh',
	'ma',
	'detector',
	'z',
	'iqr-k',
	'forest',
	'band',
	'band-k',
	'right',
	'time-unit',
	'lenient',
	'duplicates',
	'booleans'
];

/** Tests whether `params` contains any of the SETTING_PARAMS. */
export function hasSettingParams(params: URLSearchParams): boolean {
	return SETTING_PARAMS.some((name) => params.has(name));
}

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

	if (config.source in defaultUrls) config.url = defaultUrls[config.source] ?? config.url;
	config.spanMs = defaultSpanMs(config.source);
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

	const eventType = params.get('event');
	if (eventType !== null) config.eventType = eventType;
	const topic = params.get('topic');
	if (topic !== null) {
		const problem = checkTopicFilter(topic);
		if (problem)
			problems.push({ param: 'topic', message: `invalid topic filter "${topic}": ${problem}` });
		else config.topic = topic;
	}
	const interval = params.get('interval');
	if (interval !== null) {
		const value = Number(interval);
		if (interval.trim() !== '' && Number.isFinite(value) && value >= 0.1 && value <= 3600)
			config.interval = value;
		else
			problems.push({
				param: 'interval',
				message: `invalid interval "${interval}": expected seconds from 0.1 to 3600`
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

	const lenient = params.get('lenient');
	if (lenient === '1' || lenient === 'true') config.choice.lenient = true;
	else if (lenient !== null && lenient !== '0' && lenient !== 'false')
		problems.push({
			param: 'lenient',
			message: `invalid lenient "${lenient}": expected 1 to read NaN and Infinity, or 0`
		});

	const duplicates = params.get('duplicates');
	if (duplicates === 'last' || duplicates === 'all') config.choice.duplicates = duplicates;
	else if (duplicates !== null)
		problems.push({
			param: 'duplicates',
			message: `invalid duplicates "${duplicates}": expected last or all`
		});

	const booleans = readBooleansParam(params.get('booleans'));
	if (booleans.problem !== undefined)
		problems.push({ param: 'booleans', message: booleans.problem });
	else if (booleans.value) config.choice.booleansAsNumbers = true;

	const timeUnit = readTimeUnitParam(params.get('time-unit'));
	if (timeUnit.problem !== undefined)
		problems.push({ param: 'time-unit', message: timeUnit.problem });
	else if (timeUnit.value !== undefined) config.choice.timeUnit = timeUnit.value;

	const time = params.get('time');
	if (time !== null) config.choice.time = time === '' ? null : parsePath(time);
	const values = params.getAll('value').filter((v) => v !== '');
	if (values.length > 0) config.choice.values = values.map(parsePath);
	const category = params.get('category');
	if (category !== null) config.choice.category = category === '' ? null : parsePath(category);
	readSplit(params, config.choice, problems);
	const derived: DerivedField[] = [];
	const valueNames = (config.choice.values ?? []).map(formatPath);
	for (const text of params.getAll('derive')) {
		const field = parseDerivedField(text, derived, valueNames);
		if (typeof field === 'string') problems.push({ param: 'derive', message: field });
		else derived.push(field);
	}
	if (derived.length > 0) config.choice.derived = derived;
	const count = params.get('count');
	if (count !== null && count !== '') {
		const windowMs = parseCountWindow(count);
		if (Number.isNaN(windowMs))
			problems.push({
				param: 'count',
				message: `invalid count "${count}": expected ${COUNT_WINDOW_EXPECTED}`
			});
		else config.choice.countWindowMs = windowMs;
	}
	const filter = params.get('filter');
	if (filter !== null && filter.trim() !== '') {
		const problem = checkExpression(filter);
		if (problem === null) config.choice.filter = filter;
		else problems.push({ param: 'filter', message: `invalid filter "${filter}": ${problem}` });
	}

	readViewParams(params, config, problems);
	return { config, problems };
}

/**
 * Reads `split=` into the choice: a field path, or none when empty. A split field is also the
 * category, so a `category=` naming another field is reported and replaced. A split field that
 * is the time or a value field is rejected, because its values would then be both the lines'
 * names and what they draw.
 */
function readSplit(params: URLSearchParams, choice: MappingChoice, problems: ParamProblem[]): void {
	const text = params.get('split');
	if (text === null) return;
	if (text === '') {
		choice.split = null;
		return;
	}
	const split = parsePath(text);
	const usedAs = splitClash(split, choice);
	if (usedAs !== null) {
		problems.push({
			param: 'split',
			message:
				`invalid split "${text}": it is also ${usedAs}; split by a field that names each ` +
				'line, such as a sensor id'
		});
		return;
	}
	const category = choice.category;
	if (category !== undefined && (category === null || formatPath(category) !== formatPath(split))) {
		const named = category === null ? 'none' : `"${formatPath(category)}"`;
		problems.push({
			param: 'category',
			message: `category ${named} is replaced by "${text}": a split field is also the category`
		});
	}
	choice.split = split;
	choice.category = split;
}

/** Names the other role a split field already has in the choice, or returns null. */
function splitClash(split: FieldPath, choice: MappingChoice): string | null {
	const id = formatPath(split);
	if ((choice.values ?? []).some((path) => formatPath(path) === id)) return 'a value field';
	if (choice.time && formatPath(choice.time) === id) return 'the time field';
	return null;
}

/**
 * Reads a derived field written as `name=expression`, or returns what is wrong with it. The
 * name runs to the first `=`, so an expression may contain `==`. A name already in `existing`,
 * or one of `fieldNames` (dotted field paths), is rejected, because the legend and the alert
 * rules could not tell two series of one name apart.
 */
export function parseDerivedField(
	text: string,
	existing: DerivedField[],
	fieldNames: readonly string[] = []
): DerivedField | string {
	const split = text.indexOf('=');
	const name = split < 0 ? '' : text.slice(0, split).trim();
	if (name === '') {
		return `invalid derived field "${text}": expected name=expression, such as f=temp * 9 / 5 + 32`;
	}
	if (existing.some((field) => field.name === name)) {
		return `invalid derived field "${text}": the name "${name}" is already used`;
	}
	if (fieldNames.includes(name)) {
		return (
			`invalid derived field "${text}": the name "${name}" is a field of the records; ` +
			'choose another name'
		);
	}
	const expression = text.slice(split + 1);
	const problem = checkExpression(expression);
	if (problem !== null) return `invalid derived field "${name}": ${problem}`;
	return { name, expression };
}

/** Names of the network sources as the source picker shows them, for messages. */
const endpointSourceNames: Partial<Record<SourceKind, string>> = {
	websocket: 'WebSocket',
	sse: 'SSE',
	http: 'HTTP',
	mqtt: 'MQTT'
};

/** Says what is wrong with an endpoint URL for a source, or returns null when it is usable. */
export function checkEndpoint(url: string, source: SourceKind): string | null {
	const fetched = source === 'sse' || source === 'http';
	const name = endpointSourceNames[source];
	const forSource = name === undefined ? '' : ` for ${name}`;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		const example = fetched
			? `http://127.0.0.1:8766/${source === 'sse' ? 'events' : 'latest'}`
			: 'ws://127.0.0.1:8765';
		return `invalid URL "${url}"${forSource}: expected an absolute address such as ${example}`;
	}
	if (name === undefined) return null;
	const wanted = fetched ? ['http:', 'https:'] : ['ws:', 'wss:'];
	if (!wanted.includes(parsed.protocol)) {
		return `invalid URL "${url}"${forSource}: expected ${wanted.map((p) => p + '//').join(' or ')}`;
	}
	return null;
}

/** Defaults for the simulator, with the URL's pattern and rate. */
export function simOptionsFor(
	config: Pick<DashboardConfig, 'pattern' | 'rate'>,
	seed: number
): SimOptions {
	return {
		pattern: config.pattern,
		rate: config.rate,
		base: 50,
		noise: 2,
		anomalyRate: 0.01,
		seed
	};
}

/** Loopback hosts, which browsers treat as secure, so they are never mixed content. */
function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host === '[::1]' ||
		/^127(?:\.\d{1,3}){3}$/.test(host)
	);
}

/**
 * Says why the browser will block `url` as mixed content on a page loaded over
 * `pageProtocol` (as `location.protocol` gives it), or returns null when it will not.
 *
 * A page served over https:// may not open ws:// or http:// connections, and browsers block
 * them without an error the page can read. Loopback hosts are exempt, as browsers treat them
 * as secure. An unparsable `url` returns null and is left to {@link checkEndpoint}.
 */
export function checkMixedContent(url: string, pageProtocol: string): string | null {
	if (pageProtocol !== 'https:') return null;

	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	const secureProtocols: Record<string, string> = { 'ws:': 'wss:', 'http:': 'https:' };
	const secure = secureProtocols[parsed.protocol];
	if (secure === undefined || isLoopback(parsed.hostname)) return null;

	return (
		`${url} is not encrypted, and this page was loaded over https://, so the browser blocks ` +
		`the connection as mixed content. Use a ${secure}// endpoint, or open Streamlens over ` +
		`http:// (for example with npm start on your own machine).`
	);
}
