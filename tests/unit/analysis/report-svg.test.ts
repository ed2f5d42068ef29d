import { describe, expect, it } from 'vitest';
import { timeChartSvg, timeTickLabels } from '../../../src/lib/analysis/report-svg';

const start = Date.UTC(2024, 4, 1, 10, 0, 0);

/** Returns the text of every x-axis label, in order. */
function xLabels(svg: string): string[] {
	return [...svg.matchAll(/<text [^>]*y="252"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('timeTickLabels', () => {
	it('shows seconds when ticks fall between minutes', () => {
		const ticks = [0, 30, 60, 90].map((s) => new Date(start + s * 1000));
		expect(timeTickLabels(ticks).map((t) => t.label)).toEqual([
			'2024-05-01 10:00:00',
			'10:00:30',
			'10:01:00',
			'10:01:30'
		]);
	});

	it('shows milliseconds when ticks fall between seconds', () => {
		const ticks = [0, 500, 1000].map((ms) => new Date(start + ms));
		expect(timeTickLabels(ticks).map((t) => t.label)).toEqual([
			'2024-05-01 10:00:00.000',
			'10:00:00.500',
			'10:00:01.000'
		]);
	});

	it('repeats the date on a new day', () => {
		const ticks = [0, 12, 24].map((h) => new Date(start + h * 3_600_000));
		expect(timeTickLabels(ticks).map((t) => t.label)).toEqual([
			'2024-05-01 10:00',
			'22:00',
			'2024-05-02 10:00'
		]);
	});
});

describe('timeChartSvg', () => {
	it('gives three minutes distinct time labels', () => {
		const x = Array.from({ length: 181 }, (_, i) => start + i * 1000);
		const svg = timeChartSvg('three minutes', [
			{ label: 'value', x, y: x.map((_, i) => Math.sin(i / 10)), color: '#000' }
		]);
		const labels = xLabels(svg);
		expect(labels.length).toBeGreaterThan(2);
		expect(new Set(labels).size).toBe(labels.length);
	});

	it('keeps the last label inside the chart', () => {
		const x = Array.from({ length: 181 }, (_, i) => start + i * 1000);
		const svg = timeChartSvg('three minutes', [{ label: 'value', x, y: x, color: '#000' }]);
		const last = [...svg.matchAll(/<text x="([\d.]+)" y="252" text-anchor="(\w+)">/g)].at(-1);
		expect(last?.[1]).toBe('884.0');
		expect(last?.[2]).toBe('end');
	});
});
