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
	/** Wall-clock time of the firing, epoch ms. */
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

/** Returns an event's value with its unit, e.g. "53.2", "12 %" or "31 s". */
export function formatEventValue(event: Pick<AlertEvent, 'kind' | 'value'>): string {
	const value = Number(event.value.toPrecision(6));
	if (event.kind === 'anomaly-rate') return `${value} %`;
	if (event.kind === 'no-data') return `${Math.floor(event.value)} s`;
	return String(value);
}
