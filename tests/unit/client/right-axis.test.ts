import { describe, expect, it } from 'vitest';
import {
	checkRightAxis,
	formatSeriesList,
	parseSeriesList
} from '../../../src/lib/client/right-axis';

describe('parseSeriesList', () => {
	it.each([
		['one name', 'temp', ['temp']],
		['two names', 'temp,rh', ['temp', 'rh']],
		['escaped comma', 'a\\,b,c', ['a,b', 'c']],
		['escaped backslash before a comma', 'a\\\\,b', ['a\\', 'b']],
		['other backslash kept', 'a\\b', ['a\\b']],
		['trailing backslash kept', 'a\\', ['a\\']],
		['empty names dropped', ',temp,,rh,', ['temp', 'rh']],
		['repeats dropped', 'rh,temp,rh', ['rh', 'temp']],
		['spaces kept', ' temp · s1', [' temp · s1']],
		['empty list', '', []]
	])('parseSeriesList reads %s', (_, text, names) => {
		expect(parseSeriesList(text)).toEqual(names);
	});

	it.each([[['temp', 'rh']], [['a,b', 'c\\', '\\,', 'temp · s1']], [['x\\y,z']]])(
		'formatSeriesList round-trips %j',
		(names) => {
			expect(parseSeriesList(formatSeriesList(names))).toEqual(names);
		}
	);
});

describe('checkRightAxis', () => {
	it('checkRightAxis accepts names of the series', () => {
		expect(checkRightAxis(['rh'], ['temp', 'rh'])).toEqual({ known: ['rh'], problem: null });
	});

	it('checkRightAxis reports an unknown name', () => {
		const checked = checkRightAxis(['rh', 'presure'], ['temp', 'rh', 'pressure']);

		expect(checked.known).toEqual(['rh']);
		expect(checked.problem?.param).toBe('right');
		expect(checked.problem?.message).toBe(
			'unknown series "presure" in right, ignored: expected names from the legend ' +
				'(temp, rh, pressure), separated by commas'
		);
	});

	it('checkRightAxis names every unknown name', () => {
		const checked = checkRightAxis(['a', 'b'], ['temp']);

		expect(checked.known).toEqual([]);
		expect(checked.problem?.message).toContain('unknown series names "a", "b" in right');
	});
});
