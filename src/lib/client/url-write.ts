import { formatPath } from '../mapping/field-path';
import type { DashboardConfig } from './url-config';
import { writeViewParams } from './view-params';

/**
 * Writes a dashboard setup as URL parameters, the inverse of `readUrlConfig`: reading the result
 * back gives an equal setup. Every setting is written, those of other sources too, so a link
 * does not depend on the defaults of the version that opens it.
 *
 * A mapping field the user left to inference is left out; `time=` or `category=` with no value
 * means "none". An empty list of value fields is left out too, and reads back as inference.
 *
 * @returns The query string without its leading `?`.
 */
export function writeUrlConfig(config: DashboardConfig): string {
	const params = new URLSearchParams();
	params.set('source', config.source);
	params.set('url', config.url);
	params.set('pattern', config.pattern);
	params.set('rate', String(config.rate));
	if (config.capacity !== null) params.set('capacity', String(config.capacity));
	params.set('event', config.eventType);
	params.set('interval', String(config.interval));
	params.set('topic', config.topic);

	const { time, values, category } = config.choice;
	if (time !== undefined) params.set('time', time === null ? '' : formatPath(time));
	for (const path of values ?? []) params.append('value', formatPath(path));
	if (category !== undefined) params.set('category', category === null ? '' : formatPath(category));
	// No split is the default, so `split=` is left out rather than written empty.
	const split = config.choice.split;
	if (split) params.set('split', formatPath(split));
	for (const field of config.choice.derived ?? []) {
		params.append('derive', `${field.name}=${field.expression}`);
	}
	if (config.choice.filter !== undefined) params.set('filter', config.choice.filter);
	// Without a unit each epoch time is read in the unit its size suggests, so none is written.
	if (config.choice.timeUnit !== undefined) params.set('time-unit', config.choice.timeUnit);
	// The reading options are written only when they differ from their defaults, as time-unit is.
	if (config.choice.lenient) params.set('lenient', '1');
	if (config.choice.duplicates !== undefined) params.set('duplicates', config.choice.duplicates);
	if (config.choice.booleansAsNumbers) params.set('booleans', '1');

	writeViewParams(config, params);
	return readableQuery(params);
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
