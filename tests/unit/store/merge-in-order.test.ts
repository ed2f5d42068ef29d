import { describe, expect, it } from 'vitest';
import {
	MergeOutcome,
	mergeInOrder,
	type RecordColumns
} from '../../../src/lib/store/merge-in-order';

function columns(time: number[], value: number[], category?: number[]): RecordColumns {
	return {
		count: time.length,
		time: Float64Array.from(time),
		values: [Float64Array.from(value)],
		category: Int32Array.from(category ?? time.map(() => -1))
	};
}

const empty = columns([], []);

describe('mergeInOrder', () => {
	it('mergeInOrder sorts late records in', () => {
		const merged = mergeInOrder(columns([1, 3], [10, 30]), columns([2, 4, 0], [20, 40, 0]));

		expect(Array.from(merged.time)).toEqual([0, 1, 2, 3, 4]);
		expect(Array.from(merged.values[0])).toEqual([0, 10, 20, 30, 40]);
		expect(merged.late).toBe(2);
		expect(Array.from(merged.outcome)).toEqual([1, 1, 1]);
	});

	it('mergeInOrder last replaces buffered record', () => {
		const merged = mergeInOrder(columns([1, 2], [10, 20]), columns([2], [21]));

		expect(Array.from(merged.values[0])).toEqual([10, 21]);
		expect(merged.replaced).toEqual([1]);
		expect(merged.outcome[0]).toBe(MergeOutcome.Replaced);
		expect(merged.conflicts).toBe(1);
	});

	it('mergeInOrder drops exact duplicates', () => {
		const merged = mergeInOrder(columns([1], [10]), columns([1, 1], [10, 10]));

		expect(merged.count).toBe(1);
		expect(merged.exactDuplicates).toBe(2);
		expect(Array.from(merged.outcome)).toEqual([MergeOutcome.Dropped, MergeOutcome.Dropped]);
	});

	it('mergeInOrder keys on category', () => {
		const merged = mergeInOrder(empty, columns([5, 5, 5], [1, 2, 3], [0, 1, 0]));

		expect(Array.from(merged.values[0])).toEqual([3, 2]);
		expect(Array.from(merged.category)).toEqual([0, 1]);
		expect(Array.from(merged.outcome)).toEqual([0, 1, 1]);
	});

	it('mergeInOrder all keeps conflicting records', () => {
		const merged = mergeInOrder(empty, columns([5, 5, 5], [1, 2, 1]), 'all');

		expect(Array.from(merged.values[0])).toEqual([1, 2]);
		expect(merged.exactDuplicates).toBe(1);
		expect(merged.conflicts).toBe(0);
	});

	it('mergeInOrder none keeps every record', () => {
		const merged = mergeInOrder(columns([5], [1]), columns([5, 4], [1, 2]), 'none');

		expect(Array.from(merged.time)).toEqual([4, 5, 5]);
		expect(Array.from(merged.values[0])).toEqual([2, 1, 1]);
		expect(merged.exactDuplicates).toBe(0);
	});
});
