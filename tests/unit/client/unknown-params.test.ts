import { describe, expect, it } from 'vitest';
import {
	ANALYSIS_PARAMS,
	closestKnownParam,
	editDistance,
	findUnknownParams,
	KNOWN_PARAMS
} from '../../../src/lib/client/unknown-params';
import { readUrlConfig } from '../../../src/lib/client/url-config';

describe('findUnknownParams', () => {
	it('findUnknownParams names typos with the parameter meant', () => {
		const params = new URLSearchParams('sourc=ws&windw=1h&rate=5&Source=sse&sourc=x');
		expect(findUnknownParams(params)).toEqual([
			{ name: 'sourc', suggestion: 'source' },
			{ name: 'windw', suggestion: null },
			{ name: 'Source', suggestion: 'source' }
		]);
	});

	it('findUnknownParams accepts every parameter the dashboard reads', () => {
		const query = KNOWN_PARAMS.map((name) => `${name}=1`).join('&');
		expect(findUnknownParams(new URLSearchParams(query))).toEqual([]);
	});

	it('findUnknownParams accepts what writeUrlConfig-style links carry', () => {
		const query =
			'source=file&value=a&value=b&derive=f%3Da*2&lenient=1&duplicates=all&booleans=1' +
			'&time-unit=ms&replay=abc&speed=max&continue=x&band-k=2';
		expect(findUnknownParams(new URLSearchParams(query))).toEqual([]);
	});

	it('findUnknownParams checks the analysis page against its own parameters', () => {
		const params = new URLSearchParams('sesion=abc&value=v&time-unit=ms&source=file');
		expect(findUnknownParams(params, ANALYSIS_PARAMS)).toEqual([
			{ name: 'sesion', suggestion: 'session' },
			{ name: 'source', suggestion: null }
		]);
	});

	it('findUnknownParams knows every parameter readUrlConfig checks', () => {
		// A parameter readUrlConfig reads reports a problem for a bad value; each must be known.
		for (const name of ['lenient', 'duplicates', 'booleans', 'time-unit', 'band', 'span']) {
			const { problems } = readUrlConfig(new URLSearchParams(`${name}=%3F%3F`));
			expect(problems.map((problem) => problem.param)).toContain(name);
			expect(KNOWN_PARAMS).toContain(name);
		}
	});
});

describe('closestKnownParam', () => {
	it.each([
		['vale', 'value'],
		['rat', 'rate'],
		['timeUnit', 'time-unit'],
		['bandk', 'band-k'],
		['lenietn', 'lenient'],
		['ur', 'url'],
		['x', null],
		['window', null],
		['colour', null]
	])('closestKnownParam of %s', (name, expected) => {
		expect(closestKnownParam(name)).toBe(expected);
	});
});

describe('editDistance', () => {
	it.each([
		['', '', 0],
		['abc', '', 3],
		['source', 'sourc', 1],
		['span', 'sapn', 1],
		['kitten', 'sitting', 3]
	])('editDistance of %s and %s', (a, b, expected) => {
		expect(editDistance(a, b)).toBe(expected);
		expect(editDistance(b, a)).toBe(expected);
	});
});
