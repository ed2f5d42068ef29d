import { describe, expect, it } from 'vitest';
import { formatEventText, recordTimeLabel, type AlertEvent } from '../../../src/lib/alerts/rule';

/** Formats epoch ms as ISO 8601, so that the expected text does not depend on the time zone. */
const iso = (ms: number) => new Date(ms).toISOString();

const RECORD = Date.UTC(2024, 2, 1, 10, 0, 12);
const CHECK = Date.UTC(2026, 11, 6, 5, 40, 1);

function eventOf(fields: Pick<AlertEvent, 'kind' | 'value' | 'recordTime'>): AlertEvent {
	return { id: 1, ruleId: 'r', series: 'temp', rule: 'temp rule', time: CHECK, ...fields };
}

describe('recordTimeLabel', () => {
	it.each([
		['above', RECORD, 'record'],
		['below', RECORD, 'record'],
		['anomaly-rate', RECORD, 'records up to'],
		['no-data', null, null],
		['above', NaN, null]
	] as const)('recordTimeLabel %s at %s', (kind, recordTime, expected) => {
		expect(recordTimeLabel({ kind, recordTime })).toBe(expected);
	});
});

describe('formatEventText', () => {
	it('formatEventText names record and check times', () => {
		const text = formatEventText(eventOf({ kind: 'above', value: 57, recordTime: RECORD }), iso);
		expect(text).toBe(
			'temp reached 57 (record 2024-03-01T10:00:12.000Z), checked at 2026-12-06T05:40:01.000Z'
		);
	});

	it('formatEventText of an anomaly rate', () => {
		const event = eventOf({ kind: 'anomaly-rate', value: 12, recordTime: RECORD });
		expect(formatEventText(event, iso)).toBe(
			'temp reached 12 % (records up to 2024-03-01T10:00:12.000Z), ' +
				'checked at 2026-12-06T05:40:01.000Z'
		);
	});

	it('formatEventText of no data has no record time', () => {
		const event = eventOf({ kind: 'no-data', value: 31.4, recordTime: null });
		expect(formatEventText(event, iso)).toBe(
			'temp reached 31 s, checked at 2026-12-06T05:40:01.000Z'
		);
	});
});
