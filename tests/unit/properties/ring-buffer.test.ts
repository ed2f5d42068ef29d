import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';
import { fuzzRuns } from '../helpers/fuzz-runs';

interface Row {
	time: number;
	value: number;
	tag: number;
}

type Operation =
	| { kind: 'append'; rows: Row[] }
	| { kind: 'appendWithoutTag'; rows: Row[] }
	| { kind: 'resize'; capacity: number }
	| { kind: 'clear' };

/** Times mostly rising, with repeats, descents and NaN mixed in. */
const timeArbitrary = fc.oneof(
	{ weight: 8, arbitrary: fc.integer({ min: 0, max: 1000 }) },
	{ weight: 1, arbitrary: fc.constant(NaN) }
);
const rowArbitrary = fc.record({
	time: timeArbitrary,
	value: fc.double(),
	tag: fc.integer({ min: -5, max: 100 })
});
const rowsArbitrary = fc.array(rowArbitrary, { maxLength: 20 });

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
	{ weight: 6, arbitrary: rowsArbitrary.map((rows) => ({ kind: 'append' as const, rows })) },
	{
		weight: 1,
		arbitrary: rowsArbitrary.map((rows) => ({ kind: 'appendWithoutTag' as const, rows }))
	},
	{
		weight: 2,
		arbitrary: fc.integer({ min: 1, max: 24 }).map((capacity) => ({
			kind: 'resize' as const,
			capacity
		}))
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) }
);

/** Tests whether times are non-decreasing with no NaN, the ring's definition of sorted. */
function isSorted(rows: Row[]): boolean {
	return rows.every(
		(row, i) => !Number.isNaN(row.time) && (i === 0 || row.time >= rows[i - 1].time)
	);
}

function readRows(ring: ColumnRing): Row[] {
	const tags = ring.column('tag');
	return Array.from({ length: ring.length }, (_, i) => ({
		time: ring.timeAt(i),
		value: ring.valueAt(0, i),
		tag: tags[ring.physical(i)]
	}));
}

test('ColumnRing matches an array model', () => {
	fc.assert(
		fc.property(
			fc.integer({ min: 1, max: 24 }),
			fc.array(operationArbitrary, { maxLength: 30 }),
			fc.integer({ min: -10, max: 1010 }),
			(initialCapacity, operations, probe) => {
				const ring = new ColumnRing(initialCapacity, 1, { tag: 'int32' });
				let model: Row[] = [];
				let capacity = initialCapacity;
				let dropped = 0;

				for (const operation of operations) {
					if (operation.kind === 'clear') {
						ring.clear();
						model = [];
						dropped = 0;
					} else if (operation.kind === 'resize') {
						ring.resize(operation.capacity);
						capacity = operation.capacity;
						dropped += Math.max(0, model.length - capacity);
						model = model.slice(Math.max(0, model.length - capacity));
					} else {
						const rows = operation.rows;
						const extras =
							operation.kind === 'append'
								? { tag: Int32Array.from(rows, (row) => row.tag) }
								: undefined;
						ring.append(
							rows.length,
							Float64Array.from(rows, (row) => row.time),
							[Float64Array.from(rows, (row) => row.value)],
							extras
						);
						// Rows appended without the extra column read back its fill value, -1.
						const stored =
							operation.kind === 'append' ? rows : rows.map((row) => ({ ...row, tag: -1 }));
						const all = [...model, ...stored];
						dropped += Math.max(0, all.length - capacity);
						model = all.slice(Math.max(0, all.length - capacity));
					}

					expect(ring.capacity).toBe(capacity);
					expect(ring.length).toBe(model.length);
					expect(ring.length).toBeLessThanOrEqual(ring.capacity);
					expect(ring.dropped).toBe(dropped);
					expect(ring.sorted).toBe(isSorted(model));
					expect(readRows(ring)).toEqual(model);
				}

				if (ring.sorted) {
					const lower = model.findIndex((row) => row.time >= probe);
					const upper = model.findIndex((row) => row.time > probe);
					expect(ring.lowerBound(probe)).toBe(lower === -1 ? model.length : lower);
					expect(ring.upperBound(probe)).toBe(upper === -1 ? model.length : upper);
				}
				const finiteTimes = model.map((row) => row.time).filter((t) => !Number.isNaN(t));
				if (model.length > 0 && ring.sorted) {
					expect(ring.minTime()).toBe(Math.min(...finiteTimes));
					expect(ring.maxTime()).toBe(Math.max(...finiteTimes));
				}
			}
		),
		{ numRuns: fuzzRuns() }
	);
});
