import { describe, expect, it } from 'vitest';
import {
	estimateTickWidth,
	MAX_AXIS_MARGIN,
	rememberWidths,
	valueAxisMargin,
	timeLabelCentre
} from '../../../src/lib/chart/plot-area';

/** Measures text at 6 px a character. */
const sixPerCharacter = (text: string) => text.length * 6;

describe('valueAxisMargin', () => {
	it('valueAxisMargin keeps the base for short labels', () => {
		expect(valueAxisMargin(['0', '1,000', '−2,500'], 56, 800, sixPerCharacter)).toBe(56);
	});

	it('valueAxisMargin fits the widest label', () => {
		// 14 characters of 6 px, 8 px to the plot and 4 px to the canvas edge.
		const labels = ['1.49999999998T', '1.5T', '1.50000000002T'];

		expect(valueAxisMargin(labels, 56, 800, sixPerCharacter)).toBe(14 * 6 + 8 + 4);
	});

	it('valueAxisMargin rounds a fractional width up', () => {
		expect(valueAxisMargin(['x'], 10, 800, () => 50.2)).toBe(63);
	});

	it('valueAxisMargin stops at the maximum', () => {
		expect(valueAxisMargin(['wide'], 56, 2000, () => 500)).toBe(MAX_AXIS_MARGIN);
	});

	it('valueAxisMargin stops at a third of a narrow canvas', () => {
		expect(valueAxisMargin(['wide'], 56, 360, () => 500)).toBe(120);
	});

	it('valueAxisMargin keeps the base on a tiny canvas', () => {
		expect(valueAxisMargin(['wide'], 56, 120, () => 500)).toBe(56);
	});

	it('valueAxisMargin keeps the base without labels', () => {
		expect(valueAxisMargin([], 16, 800, sixPerCharacter)).toBe(16);
	});
});

describe('estimateTickWidth', () => {
	it('estimateTickWidth counts characters, not UTF-16 units', () => {
		expect(estimateTickWidth('1,000')).toBe(35);
		expect(estimateTickWidth('−1.5')).toBe(28);
		expect(estimateTickWidth('')).toBe(0);
		// U+1D7D9, one character in two UTF-16 units.
		expect(estimateTickWidth('\u{1d7d9}0')).toBe(14);
	});
});

describe('rememberWidths', () => {
	it('rememberWidths measures each label once', () => {
		const measured: string[] = [];
		const measure = rememberWidths((text) => {
			measured.push(text);
			return text.length * 7;
		});
		expect([measure('10'), measure('100'), measure('10')]).toEqual([14, 21, 14]);
		expect(measured).toEqual(['10', '100']);
	});

	it('rememberWidths drops widths past its limit', () => {
		let calls = 0;
		const measure = rememberWidths(() => ++calls, 2);
		measure('a');
		measure('b');
		measure('c');
		expect(measure('a')).toBe(4);
	});
});

describe('timeLabelCentre', () => {
	const margin = { top: 12, right: 16, bottom: 26, left: 56 };

	it('timeLabelCentre keeps a label on its tick inside the plot', () => {
		expect(timeLabelCentre(300, 40, 728, margin)).toBe(300);
	});

	it('timeLabelCentre moves end labels inward to stay on the canvas', () => {
		// The canvas spans plot x −56 to 744; a label 80 px wide keeps 2 px from either edge.
		expect(timeLabelCentre(-50, 40, 728, margin)).toBe(-14);
		expect(timeLabelCentre(728, 40, 728, margin)).toBe(702);
	});
});
