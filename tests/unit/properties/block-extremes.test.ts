import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { DecimatedSeries } from '../../../src/lib/protocol';
import { decimate, decimateByScan } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { selectFlagged } from '../../../src/lib/store/select-flagged';
import { fuzzRuns } from '../helpers/fuzz-runs';

/** One incoming record: the step from the previous record's time, a value, flag and category. */
interface Step {
	step: number;
	value: number;
	flag: number;
	category: number;
}

type Operation =
	| { kind: 'append'; steps: Step[]; back: number }
	| { kind: 'rewriteTail'; keep: number; steps: Step[] }
	| { kind: 'writeInPlace'; at: number; values: number[]; flags: number[] }
	| { kind: 'resize'; capacity: number }
	| { kind: 'clear' };

/** A view of the ring: window ends in hundredths of the data's span, which may lie outside it. */
interface Query {
	fromAt: number;
	toAt: number;
	width: number;
	limit: number;
	category: number;
	breakAtGaps: boolean;
}

/** Small integers often, so that equal values and ties between extremes are common. */
const valueArbitrary = fc.oneof(
	{ weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }) },
	{ weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) }
);

/** Steps of 0 (equal times) and 1 most often, a few larger ones and rare long gaps. */
const stepArbitrary = fc.oneof(
	{ weight: 200, arbitrary: fc.constantFrom(0, 1) },
	{ weight: 40, arbitrary: fc.integer({ min: 2, max: 5 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }) }
);

const stepsArbitrary = fc.array(
	fc.record({
		step: stepArbitrary,
		value: valueArbitrary,
		flag: fc.oneof(
			{ weight: 20, arbitrary: fc.constant(0) },
			{ weight: 1, arbitrary: fc.constant(1) }
		),
		category: fc.integer({ min: -1, max: 2 })
	}),
	{ maxLength: 300, size: 'max' }
);

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
	{
		weight: 8,
		arbitrary: fc
			.record({
				steps: stepsArbitrary,
				// Mostly 0, so the batch follows the newest record. Otherwise it starts earlier.
				back: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 30 }))
			})
			.map((fields) => ({ kind: 'append' as const, ...fields }))
	},
	{
		weight: 3,
		arbitrary: fc
			.record({ keep: fc.double({ min: 0, max: 1, noNaN: true }), steps: stepsArbitrary })
			.map((fields) => ({ kind: 'rewriteTail' as const, ...fields }))
	},
	{
		weight: 2,
		arbitrary: fc
			.record({
				at: fc.double({ min: 0, max: 1, noNaN: true }),
				values: fc.array(valueArbitrary, { maxLength: 100 }),
				flags: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 100 })
			})
			.map((fields) => ({ kind: 'writeInPlace' as const, ...fields }))
	},
	{
		weight: 1,
		arbitrary: fc
			.integer({ min: 1, max: 700 })
			.map((capacity) => ({ kind: 'resize' as const, capacity }))
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) }
);

const queryArbitrary: fc.Arbitrary<Query> = fc.record({
	// The whole data or more half the time, else any window, partly outside it too.
	fromAt: fc.oneof(fc.constantFrom(-10, 0), fc.integer({ min: -30, max: 130 })),
	toAt: fc.oneof(fc.constantFrom(100, 110), fc.integer({ min: -30, max: 130 })),
	// Few pixel columns most often, so that whole blocks fall in one of them.
	width: fc.oneof(
		{ weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) },
		{ weight: 2, arbitrary: fc.integer({ min: 9, max: 60 }) },
		{ weight: 1, arbitrary: fc.integer({ min: 61, max: 2000 }) }
	),
	limit: fc.integer({ min: 1, max: 60 }),
	category: fc.integer({ min: -1, max: 2 }),
	breakAtGaps: fc.boolean()
});

function newRing(capacity: number): ColumnRing {
	return new ColumnRing(capacity, 1, { ma: 'float64', flag: 'uint8', category: 'int32' });
}

/** Appends records whose times continue from `start` by their steps. */
function appendSteps(ring: ColumnRing, start: number, steps: Step[]): void {
	const time = new Float64Array(steps.length);
	let t = start;
	steps.forEach((step, i) => {
		t += step.step;
		time[i] = t;
	});
	const values = Float64Array.from(steps, (step) => step.value);
	ring.append(steps.length, time, [values], {
		// A second float64 column that differs from the first, like a moving average.
		ma: Float64Array.from(steps, (step, i) => (i % 3 === 0 ? NaN : step.value * 0.5 + i)),
		flag: Uint8Array.from(steps, (step) => step.flag),
		category: Int32Array.from(steps, (step) => step.category)
	});
}

function apply(ring: ColumnRing, operation: Operation): void {
	const newest = ring.length > 0 ? ring.maxTime() : 0;
	switch (operation.kind) {
		case 'append':
			appendSteps(ring, newest - operation.back, operation.steps);
			break;
		case 'rewriteTail': {
			// As the merge of late records does: cut the tail and append it again in order.
			const keep = Math.floor(operation.keep * ring.length);
			const start = keep > 0 ? ring.timeAt(keep - 1) : newest;
			ring.truncate(keep);
			appendSteps(ring, start, operation.steps);
			break;
		}
		case 'writeInPlace': {
			// As a rebuilt moving average or a new anomaly threshold does.
			const first = Math.floor(operation.at * ring.length);
			const values = ring.values(0);
			const flags = ring.column('flag');
			operation.values.forEach((v, k) => {
				if (first + k < ring.length) values[ring.physical(first + k)] = v;
			});
			operation.flags.forEach((flag, k) => {
				if (first + k < ring.length) flags[ring.physical(first + k)] = flag;
			});
			ring.markWritten(values);
			ring.markWritten(flags);
			break;
		}
		case 'resize':
			ring.resize(operation.capacity);
			break;
		case 'clear':
			ring.clear();
			break;
	}
}

/** Returns the newest `limit` flagged records in [from, to] of the category, by a plain logical scan. */
function flaggedByScan(
	ring: ColumnRing,
	from: number,
	to: number,
	limit: number,
	category?: number
): DecimatedSeries {
	const flags = ring.column('flag');
	const categories = ring.column('category');
	const points: [number, number][] = [];
	for (let i = ring.length - 1; i >= 0 && points.length < limit; i--) {
		const p = ring.physical(i);
		const t = ring.time[p];
		if (flags[p] === 0 || !(t >= from && t <= to)) continue;
		if (category !== undefined && categories[p] !== category) continue;
		points.unshift([t, ring.values(0)[p]]);
	}
	return {
		time: Float64Array.from(points, (point) => point[0]),
		value: Float64Array.from(points, (point) => point[1])
	};
}

/** Bytes of a series, so that NaN, -0 and every bit of each number are compared. */
function bits(series: DecimatedSeries): { time: number[]; value: number[] } {
	return {
		time: Array.from(new Uint8Array(series.time.buffer)),
		value: Array.from(new Uint8Array(series.value.buffer))
	};
}

function checkQuery(ring: ColumnRing, query: Query): void {
	if (ring.length === 0) return;
	const oldest = ring.minTime();
	const span = ring.maxTime() - oldest;
	const from = oldest + (Math.min(query.fromAt, query.toAt) / 100) * span;
	const to = oldest + (Math.max(query.fromAt, query.toAt) / 100) * span;
	const filter = { column: ring.column('category'), category: query.category };

	const { width, breakAtGaps } = query;
	for (const column of [ring.values(0), ring.column('ma')]) {
		const fast = decimate(ring, column, from, to, width, undefined, breakAtGaps);
		const scan = decimateByScan(ring, column, from, to, width, undefined, breakAtGaps);
		expect(bits(fast)).toEqual(bits(scan));
		const line = decimate(ring, column, from, to, width, filter, breakAtGaps);
		const lineScan = decimateByScan(ring, column, from, to, width, filter, breakAtGaps);
		expect(bits(line)).toEqual(bits(lineScan));
	}

	const flags = ring.column('flag');
	const flagged = selectFlagged(ring, flags, ring.values(0), from, to, query.limit);
	expect(bits(flagged)).toEqual(bits(flaggedByScan(ring, from, to, query.limit)));
	const lineFlagged = selectFlagged(ring, flags, ring.values(0), from, to, query.limit, filter);
	expect(bits(lineFlagged)).toEqual(
		bits(flaggedByScan(ring, from, to, query.limit, query.category))
	);
}

test('decimate with block summaries equals a scan', () => {
	fc.assert(
		fc.property(
			fc.integer({ min: 1, max: 900 }),
			fc.array(fc.tuple(operationArbitrary, queryArbitrary), { minLength: 1, maxLength: 12 }),
			(capacity, steps) => {
				const ring = newRing(capacity);
				// A query after every operation, so that summaries made earlier must follow the writes.
				for (const [operation, query] of steps) {
					apply(ring, operation);
					checkQuery(ring, query);
				}
			}
		),
		{ numRuns: fuzzRuns(300) }
	);
});
