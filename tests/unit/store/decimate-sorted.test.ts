import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAP_FACTOR, decimate } from '../../../src/lib/store/decimate';
import { ColumnRing } from '../../../src/lib/store/ring-buffer';

/**
 * Applies decimate's contract for a sorted window one record at a time: pixel columns by time,
 * and min and max per column in time order. A NaN break goes before a column when an empty
 * column and a gap over GAP_FACTOR median spacings separate it from the previous one.
 */
function expectedPoints(time: number[], value: number[], from: number, to: number, width: number) {
	const columns = Math.max(1, Math.floor(width));
	const inWindow = time.map((t, i) => i).filter((i) => time[i] >= from && time[i] <= to);
	const steps = inWindow
		.slice(1)
		.map((i, k) => time[i] - time[inWindow[k]])
		.filter((step) => step > 0)
		.sort((a, b) => a - b);
	const middle = steps.length >> 1;
	const spacing =
		steps.length === 0
			? Infinity
			: steps.length % 2 === 1
				? steps[middle]
				: (steps[middle - 1] + steps[middle]) / 2;

	const perColumn = new Map<number, { lo: number; loT: number; hi: number; hiT: number }>();
	const breaks = new Set<number>();
	let previousColumn = -1;
	let previousTime = NaN;
	const columnsPerMs = to > from ? columns / (to - from) : 0;
	for (const i of inWindow) {
		const v = value[i];
		if (!Number.isFinite(v)) continue;
		const c = Math.min(columns - 1, ((time[i] - from) * columnsPerMs) | 0);
		const entry = perColumn.get(c);
		if (entry === undefined) {
			perColumn.set(c, { lo: v, loT: time[i], hi: v, hiT: time[i] });
			const gap = time[i] - previousTime > GAP_FACTOR * spacing;
			if (previousColumn >= 0 && c > previousColumn + 1 && gap) breaks.add(c);
		} else if (v < entry.lo) {
			entry.lo = v;
			entry.loT = time[i];
		} else if (v > entry.hi) {
			entry.hi = v;
			entry.hiT = time[i];
		}
		previousColumn = c;
		previousTime = time[i];
	}

	const points: [number, number][] = [];
	for (const c of [...perColumn.keys()].sort((a, b) => a - b)) {
		const { lo, loT, hi, hiT } = perColumn.get(c)!;
		if (breaks.has(c)) points.push([(points[points.length - 1][0] + Math.min(loT, hiT)) / 2, NaN]);
		if (lo === hi) points.push([loT, lo]);
		else if (loT <= hiT) points.push([loT, lo], [hiT, hi]);
		else points.push([hiT, hi], [loT, lo]);
	}
	return points;
}

describe('decimate sorted window', () => {
	it('decimate matches a record-by-record reading', () => {
		const record = fc.record({
			step: fc.constantFrom(0, 1, 1, 1, 2, 40),
			value: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(NaN))
		});
		fc.assert(
			fc.property(
				fc.array(record, { minLength: 1, maxLength: 300 }),
				fc.integer({ min: 0, max: 120 }),
				fc.integer({ min: 1, max: 60 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(records, dropped, width, a, b) => {
					// Records that the ring drops move its head, so the window wraps around.
					const all = [
						...Array.from({ length: dropped }, () => ({ step: 1, value: 0 })),
						...records
					];
					const time: number[] = [];
					let t = 1000;
					for (const r of all) time.push((t += r.step));
					const value = all.map((r) => r.value);
					const ring = new ColumnRing(records.length, 1);
					ring.append(dropped, Float64Array.from(time.slice(0, dropped)), [
						Float64Array.from(value.slice(0, dropped))
					]);
					ring.append(records.length, Float64Array.from(time.slice(dropped)), [
						Float64Array.from(value.slice(dropped))
					]);

					const keptTimes = time.slice(dropped);
					const low = keptTimes[0];
					const span = keptTimes[keptTimes.length - 1] - low;
					const from = low + Math.min(a, b) * span;
					const to = low + Math.max(a, b) * span;
					const result = decimate(ring, ring.values(0), from, to, width);
					const points = Array.from(result.time, (time, i) => [time, result.value[i]]);
					expect(points).toEqual(expectedPoints(keptTimes, value.slice(dropped), from, to, width));
				}
			),
			{ numRuns: 300 }
		);
	});
});
