import { describe, expect, it } from 'vitest';
import { fitAxisLabels, fitSideBySide, LABEL_GAP } from '../../../src/lib/chart/axis-label-fit';

/** Labels 40 units wide centred on each tick, on an axis of 1 unit per tick value. */
const place = (ticks: number[]) => ticks.map((t) => ({ t, left: t - 20, right: t + 20 }));

/** `n` ticks from 0 to 200, evenly spaced: more ticks than room, as D3 can return. */
const evenTicks = (n: number) => Array.from({ length: n }, (_, i) => (i * 200) / (n - 1));

describe('fitSideBySide', () => {
	it('needs the gap between neighbours', () => {
		expect(
			fitSideBySide([
				{ left: 0, right: 40 },
				{ left: 40 + LABEL_GAP, right: 90 }
			])
		).toBe(true);
		expect(
			fitSideBySide([
				{ left: 0, right: 40 },
				{ left: 39 + LABEL_GAP, right: 90 }
			])
		).toBe(false);
	});
});

describe('fitAxisLabels', () => {
	it('lowers the count until the labels fit', () => {
		// 5 ticks are 50 apart, 40 wide each: 10 left between them, under the gap of 12. 4 fit.
		const placed = fitAxisLabels(evenTicks, place, 5);
		expect(placed.map((p) => p.t)).toEqual(evenTicks(4));
	});

	it('thins the ticks when no count fits', () => {
		// Whatever the count asked, this axis returns 9 ticks 25 apart: every third one fits.
		const nine = () => evenTicks(9);
		const placed = fitAxisLabels(nine, place, 6);
		expect(placed.map((p) => p.t)).toEqual([0, 75, 150]);
	});

	it('keeps the first label alone when none fit', () => {
		const placed = fitAxisLabels(() => [0, 10], place, 4);
		expect(placed.map((p) => p.t)).toEqual([0]);
	});
});
