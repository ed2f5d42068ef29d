import { describe, expect, it } from 'vitest';
import {
	checkRightAxis,
	formatSeriesList,
	parseSeriesList,
	rightAxisFlags,
	rightAxisToggles
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

describe('rightAxisToggles', () => {
	const names = ['pressure', 'ratio', 'temp'];

	it('rightAxisToggles gives every shown series one', () => {
		expect(rightAxisToggles(names, [])).toEqual([true, true, true]);
		expect(rightAxisToggles(names, [true, true, true])).toEqual([true, true, true]);
	});

	it('rightAxisToggles keeps one for the new main series', () => {
		// With pressure switched off, ratio is the main series and keeps its toggle.
		expect(rightAxisToggles(names, [false, true, true])).toEqual([false, true, true]);
	});

	it('rightAxisToggles gives a series alone none', () => {
		expect(rightAxisToggles(names, [false, true, false])).toEqual([false, false, false]);
		expect(rightAxisToggles(['value'], [])).toEqual([false]);
	});

	it('rightAxisToggles gives none when nothing is shown', () => {
		expect(rightAxisToggles(names, [false, false, false])).toEqual([false, false, false]);
	});
});

describe('rightAxisFlags', () => {
	it('rightAxisFlags flags the named series', () => {
		expect(rightAxisFlags(['pressure', 'ratio', 'temp'], ['ratio'])).toEqual([false, true, false]);
	});

	it('rightAxisFlags flags the main series', () => {
		expect(rightAxisFlags(['ratio', 'temp'], ['ratio'])).toEqual([true, false]);
	});

	it('rightAxisFlags ignores names not drawn', () => {
		expect(rightAxisFlags(['pressure', 'temp'], ['ratio'])).toEqual([false, false]);
	});

	it('rightAxisFlags leaves a series alone on the left', () => {
		expect(rightAxisFlags(['ratio'], ['ratio'])).toEqual([false]);
		expect(rightAxisFlags([], ['ratio'])).toEqual([]);
	});

	it('rightAxisFlags keeps one axis when all are right', () => {
		const drawn = ['pressure', 'ratio', 'temp'];
		expect(rightAxisFlags(drawn, ['temp', 'ratio', 'pressure'])).toEqual([false, false, false]);
		expect(rightAxisFlags(['pressure', 'ratio'], ['pressure', 'ratio', 'gone'])).toEqual([
			false,
			false
		]);
	});

	it('rightAxisFlags splits again with one series left', () => {
		expect(rightAxisFlags(['pressure', 'ratio', 'temp'], ['pressure', 'ratio'])).toEqual([
			true,
			true,
			false
		]);
	});
});
