import { describe, expect, it } from 'vitest';
import { matchesFieldFilter } from '../../../src/lib/client/field-filter';

describe('matchesFieldFilter', () => {
	it.each([
		['payload.ENERGY.Power', '', true],
		['payload.ENERGY.Power', '   ', true],
		['payload.ENERGY.Power', 'power', true],
		['payload.ENERGY.Power', 'ENERGY.po', true],
		['payload.ENERGY.Power', 'power energy', true],
		['payload.ENERGY.Power', ' power  ', true],
		['payload.ENERGY.Power', 'voltage', false],
		['payload.ENERGY.Power', 'power voltage', false],
		['event.data.entity_id', 'entity_id', true],
		['a\\.b', 'a.b', false],
		['a\\.b', 'a\\.b', true]
	])('matchesFieldFilter(%j, %j) is %s', (name, text, expected) => {
		expect(matchesFieldFilter(name, text)).toBe(expected);
	});
});
