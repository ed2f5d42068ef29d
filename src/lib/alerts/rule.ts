/** Conditions an alert rule can watch for in one series. */
export type AlertKind = 'above' | 'below' | 'anomaly-rate' | 'no-data';

export const ALERT_KINDS: readonly AlertKind[] = ['above', 'below', 'anomaly-rate', 'no-data'];

/** Fields every rule has, whatever it watches for. */
export interface AlertRuleBase {
	id: string;
	/** Name of the value series the rule watches, as the dashboard's legend shows it. */
	series: string;
	enabled: boolean;
	/** Seconds after a firing during which the rule does not fire again. */
	cooldownSeconds: number;
}

/** A value above `level` (strictly greater). */
export interface AboveRule extends AlertRuleBase {
	kind: 'above';
	level: number;
}

/** A value below `level` (strictly less). */
export interface BelowRule extends AlertRuleBase {
	kind: 'below';
	level: number;
}

/**
 * More than `percent` % of the newest `records` records flagged by the detector the dashboard
 * runs (z-score, IQR or ensemble), whichever is chosen when the digest is taken.
 */
export interface AnomalyRateRule extends AlertRuleBase {
	kind: 'anomaly-rate';
	percent: number;
	records: number;
}

/** No finite value of the series for `seconds` seconds while a source is open. */
export interface NoDataRule extends AlertRuleBase {
	kind: 'no-data';
	seconds: number;
}

export type AlertRule = AboveRule | BelowRule | AnomalyRateRule | NoDataRule;

/** One firing of a rule. */
export interface AlertEvent {
	/** Unique among the events of one page. */
	id: number;
	ruleId: string;
	series: string;
	kind: AlertKind;
	/** The rule as text, as `describeRule` returns it. */
	rule: string;
	/**
	 * The value that met the condition: the highest or lowest new value, the anomaly rate in
	 * percent, or the seconds without data.
	 */
	value: number;
	/**
	 * Record time (epoch ms, from the stream's time field) of the data behind `value`: the record
	 * with the highest or lowest new value (the first of equal ones), or the newest record of an
	 * anomaly-rate window. Null for a no-data event, which no record caused.
	 */
	recordTime: number | null;
	/** Wall-clock time of the check that fired, epoch ms. */
	time: number;
}

/**
 * Returns the rule's condition as a short sentence, e.g. "temp above 52". With `detector`, an
 * anomaly-rate rule names the detector whose flags it counts.
 */
export function describeRule(rule: AlertRule, detector?: string): string {
	switch (rule.kind) {
		case 'above':
			return `${rule.series} above ${rule.level}`;
		case 'below':
			return `${rule.series} below ${rule.level}`;
		case 'anomaly-rate':
			return (
				`${rule.series} ${detector === undefined ? '' : `${detector} `}anomaly rate above ` +
				`${rule.percent} % of the last ${rule.records} records`
			);
		case 'no-data':
			return `${rule.series} has no data for ${rule.seconds} s`;
	}
}

/**
 * Returns the words that introduce an event's record time: "record" for the record of a value
 * above or below a level, "records up to" for an anomaly rate. Null when the event has no record
 * time.
 */
export function recordTimeLabel(event: Pick<AlertEvent, 'kind' | 'recordTime'>): string | null {
	if (event.recordTime === null || !Number.isFinite(event.recordTime)) return null;
	return event.kind === 'anomaly-rate' ? 'records up to' : 'record';
}

/** Returns an event's value with its unit, e.g. "53.2", "12 %" or "31 s". */
export function formatEventValue(event: Pick<AlertEvent, 'kind' | 'value'>): string {
	const value = Number(event.value.toPrecision(6));
	if (event.kind === 'anomaly-rate') return `${value} %`;
	if (event.kind === 'no-data') return `${Math.floor(event.value)} s`;
	return String(value);
}

/**
 * Returns an event as one line of text for a notification, e.g. "temp reached 57 (record
 * 2024-03-01 10:00:12.000), checked at 2026-12-06 05:40:01.123".
 *
 * @param formatTime - Formats epoch ms for a reader, in the zone the page shows times in.
 */
export function formatEventText(event: AlertEvent, formatTime: (ms: number) => string): string {
	const label = recordTimeLabel(event);
	const record =
		label === null || event.recordTime === null
			? ''
			: ` (${label} ${formatTime(event.recordTime)})`;
	return `${event.series} reached ${formatEventValue(event)}${record}, checked at ${formatTime(event.time)}`;
}
