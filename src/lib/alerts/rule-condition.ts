import type { SeriesDigest } from '../protocol';
import type { AlertRule } from './rule';

/** A rule's condition after one digest. */
export interface Condition {
	/** Whether the condition is true now. */
	met: boolean;
	/**
	 * The condition is known not to hold at the newest data, which re-arms the rule. Both `met`
	 * and `cleared` are true when a value crossed the level and came back within one digest;
	 * both are false when the digest brought nothing to judge by.
	 */
	cleared: boolean;
	/** The value that decided: see `AlertEvent.value`. */
	value: number;
	/** Record time of that value: see `AlertEvent.recordTime`. */
	recordTime: number | null;
}

const UNKNOWN: Condition = { met: false, cleared: false, value: NaN, recordTime: null };

/**
 * Evaluates a rule against its series' digest.
 *
 * @param digest - The series' digest, or undefined when the stream has no such series.
 * @param silentMs - Time since the series last had a finite value, or since the source was
 *   opened if later; null while no source is open, which never counts as missing data.
 */
export function evaluateCondition(
	rule: AlertRule,
	digest: SeriesDigest | undefined,
	silentMs: number | null
): Condition {
	switch (rule.kind) {
		case 'above':
			if (digest === undefined || digest.newValues === 0) return UNKNOWN;
			return {
				met: digest.newMax > rule.level,
				cleared: !(digest.last > rule.level),
				value: digest.newMax,
				recordTime: digest.newMaxTime
			};
		case 'below':
			if (digest === undefined || digest.newValues === 0) return UNKNOWN;
			return {
				met: digest.newMin < rule.level,
				cleared: !(digest.last < rule.level),
				value: digest.newMin,
				recordTime: digest.newMinTime
			};
		case 'anomaly-rate': {
			const counted = digest?.anomalies.find((entry) => entry.window === rule.records);
			// A rate over fewer records than the rule names would fire on the first flags of a stream.
			if (counted === undefined || counted.records < rule.records) return UNKNOWN;
			const percent = (counted.flagged / counted.records) * 100;
			const met = percent > rule.percent;
			return { met, cleared: !met, value: percent, recordTime: counted.newestTime };
		}
		case 'no-data': {
			if (silentMs === null) return { met: false, cleared: true, value: 0, recordTime: null };
			const seconds = silentMs / 1000;
			const met = seconds >= rule.seconds;
			return { met, cleared: !met, value: seconds, recordTime: null };
		}
	}
}
