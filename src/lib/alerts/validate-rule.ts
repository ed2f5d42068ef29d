import { ALERT_KINDS, type AlertKind, type AlertRule } from './rule';

/** Maximum cooldown and no-data duration, in seconds (one day). */
export const MAX_ALERT_SECONDS = 86_400;

/** Maximum records an anomaly-rate rule counts over, because the worker counts no further. */
export const MAX_ANOMALY_RECORDS = 100_000;

/** Maximum length of a series name. */
const MAX_SERIES_LENGTH = 500;

export type RuleCheck = { rule: AlertRule } | { error: string };

/**
 * Checks a rule from the editor or from storage and returns a clean copy, or an error that
 * names the first invalid field, the value found and what is accepted.
 */
export function validateRule(input: unknown): RuleCheck {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { error: `a rule must be an object, got ${show(input)}` };
	}
	const fields = input as Record<string, unknown>;

	const { id, series, kind, enabled } = fields;
	if (typeof id !== 'string' || id === '') {
		return { error: `id must be a non-empty text, got ${show(id)}` };
	}
	if (typeof series !== 'string' || series.trim() === '' || series.length > MAX_SERIES_LENGTH) {
		return { error: `series must name a value field, got ${show(series)}` };
	}
	if (!ALERT_KINDS.includes(kind as AlertKind)) {
		return { error: `kind must be one of ${ALERT_KINDS.join(', ')}, got ${show(kind)}` };
	}
	if (typeof enabled !== 'boolean') {
		return { error: `enabled must be true or false, got ${show(enabled)}` };
	}
	const cooldown = checkNumber(fields.cooldownSeconds, 'cooldown', 0, MAX_ALERT_SECONDS, 's');
	if (typeof cooldown === 'string') return { error: cooldown };
	const base = { id, series, enabled, cooldownSeconds: cooldown };

	switch (kind as AlertKind) {
		case 'above':
		case 'below': {
			const level = checkNumber(fields.level, 'level', -Infinity, Infinity, '');
			if (typeof level === 'string') return { error: level };
			return { rule: { ...base, kind: kind as 'above' | 'below', level } };
		}
		case 'anomaly-rate': {
			const percent = checkNumber(fields.percent, 'anomaly rate', 0, 100, '%');
			if (typeof percent === 'string') return { error: percent };
			if (percent === 100) {
				return { error: 'anomaly rate must be below 100 %, because no rate can exceed 100 %' };
			}
			const records = checkNumber(fields.records, 'records', 1, MAX_ANOMALY_RECORDS, '');
			if (typeof records === 'string') return { error: records };
			if (!Number.isInteger(records)) {
				return { error: `records must be a whole number, got ${records}` };
			}
			return { rule: { ...base, kind: 'anomaly-rate', percent, records } };
		}
		case 'no-data': {
			const seconds = checkNumber(fields.seconds, 'no-data time', 1, MAX_ALERT_SECONDS, 's');
			if (typeof seconds === 'string') return { error: seconds };
			return { rule: { ...base, kind: 'no-data', seconds } };
		}
	}
}

/** Returns `value` when it is a number within [min, max], else an error message. */
function checkNumber(
	value: unknown,
	label: string,
	min: number,
	max: number,
	unit: string
): number | string {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return `${label} must be a number, got ${show(value)}`;
	}
	if (value < min || value > max) {
		const suffix = unit === '' ? '' : ` ${unit}`;
		return `${label} must be from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${suffix}, got ${value}`;
	}
	return value;
}

/** Shows a bad value in a message: JSON where it has a form, else its type. */
function show(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (typeof value === 'number') return String(value);
	const json = JSON.stringify(value);
	if (json === undefined) return typeof value;
	return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
