import { readFileSync } from 'node:fs';
import { expectClose } from './close';

/**
 * Figures computed with numpy and scipy by tests/fixtures/analysis/make-reference.py, with NaN
 * written as null.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const reference: any = JSON.parse(
	readFileSync(new URL('../../fixtures/analysis/reference.json', import.meta.url), 'utf8')
);

/** The reference input series, with null turned back into its non-finite value. */
export function referenceSeries(): Float64Array {
	const x = Float64Array.from(reference.series as (number | null)[], (v) => v ?? NaN);
	// JSON has no infinities: the generator put +Infinity at 51 and −Infinity at 120.
	x[51] = Infinity;
	x[120] = -Infinity;
	return x;
}

/** Asserts two series are equal within the default relative tolerance, null meaning NaN. */
export function expectSeriesClose(
	actual: ArrayLike<number>,
	expected: (number | null)[],
	label: string
): void {
	if (actual.length !== expected.length) {
		throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
	}
	for (let i = 0; i < expected.length; i++) {
		expectClose(actual[i], expected[i] ?? NaN, undefined, `${label}[${i}]`);
	}
}
