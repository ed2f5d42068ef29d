import { describe, expect, it } from 'vitest';
import { validateRule } from '../../../src/lib/alerts/validate-rule';

const base = { id: 'r1', series: 'value', enabled: true, cooldownSeconds: 60 };

describe('validateRule', () => {
	it.each([
		[{ ...base, kind: 'above', level: 52 }],
		[{ ...base, kind: 'below', level: -3.5 }],
		[{ ...base, kind: 'anomaly-rate', percent: 5, records: 100 }],
		[{ ...base, kind: 'anomaly-rate', percent: 0, records: 1 }],
		[{ ...base, kind: 'no-data', seconds: 30 }],
		[{ ...base, cooldownSeconds: 0, kind: 'no-data', seconds: 1 }]
	])('validateRule accepts %j', (input) => {
		expect(validateRule(input)).toEqual({ rule: input });
	});

	it('validateRule drops unknown fields', () => {
		const checked = validateRule({ ...base, kind: 'above', level: 1, extra: 'x', seconds: 4 });
		expect(checked).toEqual({ rule: { ...base, kind: 'above', level: 1 } });
	});

	it.each([
		['a list', [], /a rule must be an object, got \[\]/],
		['null', null, /a rule must be an object, got null/],
		['no id', { ...base, id: '', kind: 'above', level: 1 }, /id must be a non-empty text/],
		['no series', { ...base, series: ' ', kind: 'above', level: 1 }, /series must name/],
		['unknown kind', { ...base, kind: 'equals', level: 1 }, /kind must be one of .*"equals"/],
		['enabled as text', { ...base, enabled: 'yes', kind: 'above', level: 1 }, /enabled must be/],
		['level as text', { ...base, kind: 'above', level: '52' }, /level must be a number, got "52"/],
		['missing level', { ...base, kind: 'below' }, /level must be a number, got nothing/],
		['infinite level', { ...base, kind: 'above', level: Infinity }, /level must be a number/],
		[
			'negative cooldown',
			{ ...base, cooldownSeconds: -1, kind: 'above', level: 1 },
			/cooldown must be from 0 to 86,400 s, got -1/
		],
		[
			'cooldown over a day',
			{ ...base, cooldownSeconds: 90_000, kind: 'above', level: 1 },
			/cooldown must be from 0 to 86,400 s/
		],
		[
			'rate of 100 %',
			{ ...base, kind: 'anomaly-rate', percent: 100, records: 10 },
			/anomaly rate must be below 100 %/
		],
		[
			'negative rate',
			{ ...base, kind: 'anomaly-rate', percent: -1, records: 10 },
			/anomaly rate must be from 0 to 100 %/
		],
		[
			'fractional records',
			{ ...base, kind: 'anomaly-rate', percent: 5, records: 2.5 },
			/records must be a whole number, got 2.5/
		],
		[
			'zero records',
			{ ...base, kind: 'anomaly-rate', percent: 5, records: 0 },
			/records must be from 1 to 100,000/
		],
		['no-data of 0 s', { ...base, kind: 'no-data', seconds: 0 }, /no-data time must be from 1/],
		['no-data as null', { ...base, kind: 'no-data', seconds: null }, /got null/]
	])('validateRule rejects %s', (_, input, message) => {
		const checked = validateRule(input);
		expect('error' in checked).toBe(true);
		expect((checked as { error: string }).error).toMatch(message);
	});
});
