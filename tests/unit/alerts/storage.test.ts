import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../src/lib/alerts/rule';
import { parseSavedRules, serializeRules } from '../../../src/lib/alerts/storage';

const rules: AlertRule[] = [
	{ id: 'a', series: 'temp', enabled: true, cooldownSeconds: 60, kind: 'above', level: 52 },
	{ id: 'b', series: 'temp', enabled: false, cooldownSeconds: 0, kind: 'no-data', seconds: 30 },
	{
		id: 'c',
		series: 'metadata.load',
		enabled: true,
		cooldownSeconds: 5,
		kind: 'anomaly-rate',
		percent: 2.5,
		records: 200
	},
	{ id: 'd', series: 'x', enabled: true, cooldownSeconds: 1, kind: 'below', level: -1e-3 }
];

describe('saved alert rules', () => {
	it('parseSavedRules reads what serializeRules wrote', () => {
		const text = serializeRules(rules);
		expect(JSON.parse(text).version).toBe(1);
		expect(parseSavedRules(text)).toEqual({ rules, problems: [] });
	});

	it('parseSavedRules with nothing saved', () => {
		expect(parseSavedRules(null)).toEqual({ rules: [], problems: [] });
	});

	it('parseSavedRules keeps good rules beside bad ones', () => {
		const saved = {
			version: 1,
			rules: [rules[0], { ...rules[1], seconds: 'soon' }, 42, rules[2], { ...rules[3], id: 'a' }]
		};
		const parsed = parseSavedRules(JSON.stringify(saved));
		expect(parsed.rules).toEqual([rules[0], rules[2]]);
		expect(parsed.problems).toEqual([
			'Saved alert rule 2 was dropped: no-data time must be a number, got "soon".',
			'Saved alert rule 3 was dropped: a rule must be an object, got 42.',
			'Saved alert rule 5 was dropped: its id repeats an earlier rule.'
		]);
	});

	it.each([
		['invalid JSON', '{"version":1,', /not valid JSON/],
		['no version', '{"rules":[]}', /no format version/],
		['a bare list', '[]', /no format version/],
		['null', 'null', /no format version/],
		['a later version', '{"version":2,"rules":[]}', /format version 2, .* reads version 1/],
		['rules not a list', '{"version":1,"rules":{}}', /no list of rules/]
	])('parseSavedRules reports %s', (_, text, message) => {
		const parsed = parseSavedRules(text);
		expect(parsed.rules).toEqual([]);
		expect(parsed.problems).toHaveLength(1);
		expect(parsed.problems[0]).toMatch(message);
	});

	it('parseSavedRules quotes no control bytes', () => {
		const saved = parseSavedRules('\u0001\u0002\ufffd{"version":1}');

		expect(saved.rules).toEqual([]);
		expect(saved.problems).toHaveLength(1);
		expect(saved.problems[0]).not.toMatch(/[\p{Cc}\uFFFD]/u);
		expect(saved.problems[0]).toMatch(
			/^Saved alert rules are not valid JSON \(.*\\u0001.*\); none loaded\.$/
		);
	});
});
