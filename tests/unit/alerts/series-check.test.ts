import { describe, expect, it } from 'vitest';
import { checkRuleSeries } from '../../../src/lib/alerts/series-check';

describe('checkRuleSeries', () => {
	it('checkRuleSeries accepts a series of the stream', () => {
		expect(checkRuleSeries('temp', ['temp', 'rh'])).toBeNull();
	});

	it('checkRuleSeries names an unknown series and the known ones', () => {
		expect(checkRuleSeries('nosuch', ['value'])).toBe(
			'This stream has no series "nosuch", so the rule fires only if one appears. ' +
				'Its series: "value".'
		);
	});

	it('checkRuleSeries checks nothing without series', () => {
		expect(checkRuleSeries('nosuch', [])).toBeNull();
	});

	it('checkRuleSeries matches names exactly', () => {
		expect(checkRuleSeries('Value', ['value'])).not.toBeNull();
		expect(checkRuleSeries('value ', ['value'])).not.toBeNull();
	});
});
