import { describe, expect, it } from 'vitest';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';

/** Logical contents of the time column, oldest first. */
function times(ring: ColumnRing): number[] {
	return Array.from({ length: ring.length }, (_, i) => ring.timeAt(i));
}

/** Logical contents of one value column, oldest first. */
function values(ring: ColumnRing, series: number): number[] {
	return Array.from({ length: ring.length }, (_, i) => ring.valueAt(series, i));
}

/** Appends records whose time is `t` and whose series-0 value is `t * 10`. */
function appendTimes(ring: ColumnRing, t: number[]): void {
	const time = Float64Array.from(t);
	const value = Float64Array.from(t, (x) => x * 10);
	ring.append(t.length, time, [value]);
}

function range(start: number, end: number): number[] {
	return Array.from({ length: end - start }, (_, i) => start + i);
}

describe('ColumnRing', () => {
	it('ColumnRing append within capacity keeps order', () => {
		const ring = new ColumnRing(10, 1);
		appendTimes(ring, [1, 2, 3]);
		appendTimes(ring, [4, 5]);

		expect(ring.length).toBe(5);
		expect(times(ring)).toEqual([1, 2, 3, 4, 5]);
		expect(values(ring, 0)).toEqual([10, 20, 30, 40, 50]);
		expect(ring.dropped).toBe(0);
	});

	it.each([
		{ batches: [3, 3, 3], capacity: 5 },
		{ batches: [4, 4, 4, 4], capacity: 5 },
		{ batches: [1, 1, 1, 1, 1, 1, 1], capacity: 3 },
		{ batches: [5, 5], capacity: 5 },
		{ batches: [2, 9], capacity: 4 },
		{ batches: [12], capacity: 5 }
	])('ColumnRing wrap-around keeps newest: $batches into $capacity', ({ batches, capacity }) => {
		const ring = new ColumnRing(capacity, 1);
		let next = 0;
		for (const size of batches) {
			appendTimes(ring, range(next, next + size));
			next += size;
		}

		const kept = Math.min(next, capacity);
		expect(ring.length).toBe(kept);
		expect(times(ring)).toEqual(range(next - kept, next));
		expect(values(ring, 0)).toEqual(range(next - kept, next).map((t) => t * 10));
		expect(ring.dropped).toBe(next - kept);
	});

	it('ColumnRing physical index wraps', () => {
		const ring = new ColumnRing(4, 1);
		appendTimes(ring, [0, 1, 2, 3]);
		appendTimes(ring, [4, 5]);

		// 4 and 5 overwrote physical slots 0 and 1, so the oldest kept record (2) sits at slot 2.
		expect([0, 1, 2, 3].map((i) => ring.physical(i))).toEqual([2, 3, 0, 1]);
		expect(Array.from(ring.time)).toEqual([4, 5, 2, 3]);
	});

	it('ColumnRing extra columns follow records', () => {
		const ring = new ColumnRing(3, 1, { score: 'float32', flag: 'uint8', category: 'int32' });
		ring.append(2, Float64Array.of(1, 2), [Float64Array.of(10, 20)], {
			score: Float32Array.of(0.5, 1.5),
			flag: Uint8Array.of(0, 1),
			category: Int32Array.of(7, 8)
		});
		ring.append(2, Float64Array.of(3, 4), [Float64Array.of(30, 40)], {
			score: Float32Array.of(2.5, 3.5),
			flag: Uint8Array.of(1, 0),
			category: Int32Array.of(9, 10)
		});

		const logical = (name: string) =>
			Array.from({ length: ring.length }, (_, i) => ring.column(name)[ring.physical(i)]);
		expect(logical('score')).toEqual([1.5, 2.5, 3.5]);
		expect(logical('flag')).toEqual([1, 1, 0]);
		expect(logical('category')).toEqual([8, 9, 10]);
	});

	it('ColumnRing fills missing extras with defaults', () => {
		const ring = new ColumnRing(4, 1, { score: 'float64', flag: 'uint8', category: 'int32' });
		ring.append(2, Float64Array.of(1, 2), [Float64Array.of(10, 20)]);

		const physical = ring.physical(1);
		expect(ring.column('score')[physical]).toBeNaN();
		expect(ring.column('flag')[physical]).toBe(0);
		expect(ring.column('category')[physical]).toBe(-1);
	});

	it('ColumnRing resize shrink keeps newest', () => {
		const ring = new ColumnRing(5, 1, { flag: 'uint8' });
		appendTimes(ring, range(0, 7));
		ring.resize(3);

		expect(ring.capacity).toBe(3);
		expect(times(ring)).toEqual([4, 5, 6]);
		expect(values(ring, 0)).toEqual([40, 50, 60]);
		expect(ring.dropped).toBe(4);
	});

	it('ColumnRing resize grow keeps all', () => {
		const ring = new ColumnRing(4, 1);
		appendTimes(ring, range(0, 6));
		ring.resize(8);
		appendTimes(ring, range(6, 10));

		expect(ring.capacity).toBe(8);
		expect(times(ring)).toEqual(range(2, 10));
		expect(ring.dropped).toBe(2);
	});

	it('ColumnRing resize keeps extra columns', () => {
		const ring = new ColumnRing(4, 1, { flag: 'uint8' });
		ring.append(6, Float64Array.from(range(0, 6)), [new Float64Array(6)], {
			flag: Uint8Array.of(1, 0, 1, 0, 0, 1)
		});
		ring.resize(2);

		const flags = Array.from(
			{ length: ring.length },
			(_, i) => ring.column('flag')[ring.physical(i)]
		);
		expect(flags).toEqual([0, 1]);
	});

	it('ColumnRing clear empties everything', () => {
		const ring = new ColumnRing(3, 1);
		appendTimes(ring, [5, 4, 3, 2]);
		ring.clear();

		expect(ring.length).toBe(0);
		expect(ring.dropped).toBe(0);
		expect(ring.sorted).toBe(true);
		appendTimes(ring, [1]);
		expect(times(ring)).toEqual([1]);
	});

	it.each([
		{ name: 'increasing', batches: [[1, 2, 3]], sorted: true },
		{ name: 'equal times', batches: [[1, 1, 1]], sorted: true },
		{ name: 'descent inside batch', batches: [[1, 3, 2]], sorted: false },
		{ name: 'descent across batches', batches: [[1, 5], [4]], sorted: false },
		{ name: 'NaN time', batches: [[1, NaN, 3]], sorted: false },
		// Found by the ring property test: a lone NaN has no pair to count as a descent.
		{ name: 'lone NaN time', batches: [[NaN]], sorted: false },
		{
			name: 'NaN pushed out',
			batches: [
				[NaN, 1, 2, 3],
				[4, 5, 6]
			],
			sorted: true
		},
		{
			name: 'descent pushed out',
			batches: [
				[5, 1, 2],
				[3, 4]
			],
			sorted: true
		},
		{ name: 'descent still kept', batches: [[1, 5, 2], [3]], sorted: false }
	])('ColumnRing sorted flag: $name', ({ batches, sorted }) => {
		const ring = new ColumnRing(4, 1);
		for (const batch of batches) appendTimes(ring, batch);

		expect(ring.sorted).toBe(sorted);
	});

	it('ColumnRing sorted flag: lone NaN at capacity 1', () => {
		// The exact input the ring property test shrank to.
		const ring = new ColumnRing(1, 1, { tag: 'int32' });
		ring.append(1, Float64Array.from([NaN]), [Float64Array.from([0])], {
			tag: Int32Array.from([0])
		});

		expect(ring.sorted).toBe(false);
	});

	it('ColumnRing resize restores sorted flag', () => {
		const ring = new ColumnRing(5, 1);
		appendTimes(ring, [9, 1, 2, 3, 4]);
		expect(ring.sorted).toBe(false);

		ring.resize(4);
		expect(ring.sorted).toBe(true);
	});

	it.each([
		{ time: -1, lower: 0, upper: 0 },
		{ time: 10, lower: 0, upper: 2 },
		{ time: 15, lower: 2, upper: 2 },
		{ time: 20, lower: 2, upper: 3 },
		{ time: 30, lower: 3, upper: 5 },
		{ time: 40, lower: 5, upper: 6 },
		{ time: 41, lower: 6, upper: 6 }
	])('ColumnRing lowerBound and upperBound at $time', ({ time, lower, upper }) => {
		// Capacity 6 with 8 records appended, so the search runs across the wrap point.
		const ring = new ColumnRing(6, 1);
		appendTimes(ring, [0, 5, 10, 10, 20, 30, 30, 40]);

		expect(ring.lowerBound(time)).toBe(lower);
		expect(ring.upperBound(time)).toBe(upper);
	});

	it('ColumnRing lowerBound rejects unsorted time', () => {
		const ring = new ColumnRing(4, 1);
		appendTimes(ring, [3, 1]);

		expect(() => ring.lowerBound(2)).toThrow(/non-decreasing/);
		expect(() => ring.upperBound(2)).toThrow(/non-decreasing/);
	});

	it.each([
		{ name: 'sorted', t: [1, 2, 3, 4], min: 1, max: 4 },
		{ name: 'unsorted', t: [3, 9, 1, 4], min: 1, max: 9 }
	])('ColumnRing minTime and maxTime: $name', ({ t, min, max }) => {
		const ring = new ColumnRing(8, 1);
		appendTimes(ring, t);

		expect(ring.minTime()).toBe(min);
		expect(ring.maxTime()).toBe(max);
	});

	it('ColumnRing minTime of empty ring', () => {
		const ring = new ColumnRing(8, 1);

		expect(ring.minTime()).toBeNaN();
		expect(ring.maxTime()).toBeNaN();
	});

	it.each([0, -3, 2.5, NaN, Infinity])('ColumnRing rejects capacity %s', (capacity) => {
		expect(() => new ColumnRing(capacity, 1)).toThrow(RangeError);
	});

	it('ColumnRing rejects wrong series count', () => {
		const ring = new ColumnRing(4, 2);

		expect(() => ring.append(1, Float64Array.of(1), [Float64Array.of(1)])).toThrow(
			/1 value columns but the ring has 2 series/
		);
	});

	it('ColumnRing rejects short columns', () => {
		const ring = new ColumnRing(4, 1, { flag: 'uint8' });

		expect(() => ring.append(2, Float64Array.of(1), [Float64Array.of(1, 2)])).toThrow(
			/time column/
		);
		expect(() => ring.append(2, Float64Array.of(1, 2), [Float64Array.of(1)])).toThrow(
			/value column 0/
		);
		expect(() =>
			ring.append(2, Float64Array.of(1, 2), [Float64Array.of(1, 2)], { flag: Uint8Array.of(1) })
		).toThrow(/extra column "flag"/);
	});

	it('ColumnRing rejects unknown extra column', () => {
		const ring = new ColumnRing(4, 1);

		expect(() =>
			ring.append(1, Float64Array.of(1), [Float64Array.of(1)], { flag: Uint8Array.of(1) })
		).toThrow(/not found/);
	});

	it('ColumnRing ignores empty append', () => {
		const ring = new ColumnRing(4, 1);
		appendTimes(ring, [1, 2]);
		ring.append(0, new Float64Array(0), [new Float64Array(0)]);

		expect(times(ring)).toEqual([1, 2]);
	});
});
