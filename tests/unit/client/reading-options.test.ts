import { describe, expect, it } from 'vitest';
import {
	readAnalysisOptions,
	readBooleansParam,
	readTimeUnitParam
} from '../../../src/lib/client/reading-options';

const TIME_UNIT_PROBLEM =
	'expected s, ms, us or ns for epoch seconds, milliseconds, microseconds or nanoseconds, or ' +
	'none to tell each value by its size';
const BOOLEANS_PROBLEM =
	'expected 1 to read true and false as 1 and 0 in value fields, or 0 to count them as gaps';

describe('readTimeUnitParam', () => {
	it.each(['s', 'ms', 'us', 'ns'] as const)('readTimeUnitParam reads %s', (unit) => {
		expect(readTimeUnitParam(unit)).toEqual({ value: unit });
	});

	it.each([null, ''])('readTimeUnitParam leaves %j to the size rule', (text) => {
		expect(readTimeUnitParam(text)).toEqual({ value: undefined });
	});

	it.each(['sec', 'MS', 'µs', ' s'])('readTimeUnitParam rejects %j', (text) => {
		expect(readTimeUnitParam(text)).toEqual({
			problem: `invalid time-unit "${text}": ${TIME_UNIT_PROBLEM}`
		});
	});
});

describe('readBooleansParam', () => {
	it.each<[string | null, boolean]>([
		['1', true],
		['true', true],
		['0', false],
		['false', false],
		[null, false]
	])('readBooleansParam reads %j', (text, expected) => {
		expect(readBooleansParam(text)).toEqual({ value: expected });
	});

	it.each(['yes', '', '2'])('readBooleansParam rejects %j', (text) => {
		expect(readBooleansParam(text)).toEqual({
			problem: `invalid booleans "${text}": ${BOOLEANS_PROBLEM}`
		});
	});
});

describe('readAnalysisOptions', () => {
	const read = (query: string) => readAnalysisOptions(new URLSearchParams(query));

	it('readAnalysisOptions defaults', () => {
		expect(read('')).toEqual({
			options: { lenient: false, timeUnit: undefined, booleansAsNumbers: false },
			problems: []
		});
	});

	it('readAnalysisOptions reads every option', () => {
		const { options, problems } = read('lenient=1&time-unit=ms&booleans=1&value=v');
		expect(problems).toEqual([]);
		expect(options).toEqual({ lenient: true, timeUnit: 'ms', booleansAsNumbers: true });
	});

	it('readAnalysisOptions names each invalid parameter', () => {
		const { options, problems } = read('lenient=maybe&time-unit=hours&booleans=on');
		expect(problems).toEqual([
			'invalid lenient "maybe": expected 1 to read NaN and Infinity, or 0',
			`invalid time-unit "hours": ${TIME_UNIT_PROBLEM}`,
			`invalid booleans "on": ${BOOLEANS_PROBLEM}`
		]);
		expect(options).toEqual({ lenient: false, timeUnit: undefined, booleansAsNumbers: false });
	});

	it('readAnalysisOptions keeps valid options beside an invalid one', () => {
		const { options, problems } = read('time-unit=s&booleans=yes');
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain('invalid booleans "yes"');
		expect(options.timeUnit).toBe('s');
		expect(options.booleansAsNumbers).toBe(false);
	});
});
