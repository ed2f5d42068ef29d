import { formatPath } from '../mapping/field-path';
import { formatCountWindow } from '../mapping/record-count';
import type { MappingChoice } from '../sources/record-pipeline';
import type { DashboardConfig } from './url-config';
import { writeViewParams } from './view-params';

/**
 * Writes a dashboard setup as URL parameters, the inverse of `readUrlConfig`. With `scope`
 * 'all', as for the saved settings and the address bar, every setting is written, those of the
 * other sources too, so that switching sources keeps each one's setup. Reading the result back
 * gives an equal setup.
 *
 * With 'source', as for a shared link, only the settings that the chosen source reads are
 * written. These are the simulator's pattern and rate, or a network source's endpoint and its
 * own option (`event=`, `interval=` or `topic=`). The field mapping is written for every source
 * but the simulator, whose records have fixed fields. Reading the result back gives an equal
 * setup for that source, with the defaults for the settings of the others.
 *
 * A mapping field the user left to inference is left out; `time=` or `category=` with no value
 * means "none". An empty list of value fields is left out too, and reads back as inference, or
 * as no value field beside a record count (`count=`).
 *
 * @returns The query string without its leading `?`.
 */
export function writeUrlConfig(config: DashboardConfig, scope: 'all' | 'source' = 'all'): string {
	const params = new URLSearchParams();
	params.set('source', config.source);
	if (scope === 'all') {
		writeAllSourceParams(config, params);
		writeMappingParams(config.choice, params);
	} else {
		writeSourceParams(config, params);
		if (config.capacity !== null) params.set('capacity', String(config.capacity));
		if (config.source !== 'simulator') writeMappingParams(config.choice, params);
	}
	writeViewParams(config, params);
	return readableQuery(params);
}

/** Writes the settings of every source, and the buffer's capacity. */
function writeAllSourceParams(config: DashboardConfig, params: URLSearchParams): void {
	params.set('url', config.url);
	params.set('pattern', config.pattern);
	params.set('rate', String(config.rate));
	if (config.capacity !== null) params.set('capacity', String(config.capacity));
	params.set('event', config.eventType);
	params.set('interval', String(config.interval));
	params.set('topic', config.topic);
}

/** Writes the settings that only the chosen source reads. */
function writeSourceParams(config: DashboardConfig, params: URLSearchParams): void {
	if (config.source === 'simulator') {
		params.set('pattern', config.pattern);
		params.set('rate', String(config.rate));
		return;
	}
	if (config.source === 'file') return;
	params.set('url', config.url);
	if (config.source === 'sse') params.set('event', config.eventType);
	if (config.source === 'http') params.set('interval', String(config.interval));
	if (config.source === 'mqtt') params.set('topic', config.topic);
}

/**
 * Writes the field mapping, the derived fields, the record count, the filter and the reading
 * options.
 */
export function writeMappingParams(choice: MappingChoice, params: URLSearchParams): void {
	const { time, values, category } = choice;
	if (time !== undefined) params.set('time', time === null ? '' : formatPath(time));
	for (const path of values ?? []) params.append('value', formatPath(path));
	if (category !== undefined) params.set('category', category === null ? '' : formatPath(category));
	// No split is the default, so `split=` is left out rather than written empty.
	const split = choice.split;
	if (split) params.set('split', formatPath(split));
	for (const field of choice.derived ?? []) {
		params.append('derive', `${field.name}=${field.expression}`);
	}
	if (choice.countWindowMs !== undefined) {
		params.set('count', formatCountWindow(choice.countWindowMs));
	}
	if (choice.filter !== undefined) params.set('filter', choice.filter);
	// Without a unit each epoch time is read in the unit its size suggests, so none is written.
	if (choice.timeUnit !== undefined) params.set('time-unit', choice.timeUnit);
	// The reading options are written only when they differ from their defaults, as time-unit is.
	if (choice.lenient) params.set('lenient', '1');
	if (choice.duplicates !== undefined) params.set('duplicates', choice.duplicates);
	if (choice.booleansAsNumbers) params.set('booleans', '1');
}

/**
 * Writes the address of a replay of session `sessionId` at `speed` (Infinity for as fast as
 * possible), as `readUrlConfig`'s caller reads `replay=` and `speed=`.
 *
 * @returns The query string without its leading `?`.
 */
export function writeReplayQuery(sessionId: string, speed: number): string {
	const params = new URLSearchParams();
	params.set('replay', sessionId);
	params.set('speed', speed === Infinity ? 'max' : String(speed));
	return readableQuery(params);
}

/**
 * Serialises parameters with `:`, `/` and `,` left as they are, which a query may hold (RFC 3986,
 * section 3.4), so that an endpoint stays readable in the link. Everything else is escaped as
 * `encodeURIComponent` does, `+` included, because URLSearchParams reads `+` as a space.
 */
function readableQuery(params: URLSearchParams): string {
	const parts: string[] = [];
	for (const [name, value] of params) {
		const escaped = encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2F/g, '/');
		parts.push(`${encodeURIComponent(name)}=${escaped.replace(/%2C/g, ',')}`);
	}
	return parts.join('&');
}
