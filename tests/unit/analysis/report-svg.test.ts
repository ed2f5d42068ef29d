import { scaleUtc } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import {
	HALF_CHART,
	timeAxisLabels,
	timeChartSvg,
	timeTickLabels
} from '../../../src/lib/analysis/report-svg';

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

	it('shows only the date for ticks at midnight', () => {
		const ticks = [0, 24, 48].map((h) => new Date(Date.UTC(2024, 4, 1) + h * 3_600_000));
		expect(timeTickLabels(ticks).map((t) => t.label)).toEqual([
			'2024-05-01',
			'2024-05-02',
			'2024-05-03'
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

	it('labels an axis of record numbers', () => {
		const x = Array.from({ length: 600 }, (_, i) => i + 1);
		const svg = timeChartSvg(
			'records',
			[{ label: 'value', x, y: x, color: '#000' }],
			[],
			undefined,
			'record'
		);
		const labels = xLabels(svg);
		expect(labels[0]).toBe('record 100');
		expect(labels.slice(1)).toEqual(['200', '300', '400', '500', '600']);
		expect(svg).not.toContain('1970');
	});

	it('groups the digits of large record numbers', () => {
		const x = [1, 2_500_000];
		const svg = timeChartSvg(
			'records',
			[{ label: 'value', x, y: x, color: '#000' }],
			[],
			undefined,
			'record'
		);
		const labels = xLabels(svg);
		expect(labels[0]).toBe('record 500,000');
		expect(labels.slice(1)).toEqual(['1,000,000', '1,500,000', '2,000,000', '2,500,000']);
	});
});

describe('half-width charts', () => {
	/** Reads every x-axis label of a chart of `height`, with its anchor and x. */
	function placed(svg: string, height: number) {
		const pattern = new RegExp(
			`<text x="([\\d.]+)" y="${height - 8}" text-anchor="(\\w+)">([^<]*)<`,
			'g'
		);
		return [...svg.matchAll(pattern)].map((m) => ({ x: Number(m[1]), anchor: m[2], label: m[3] }));
	}

	it('draws a viewBox of the half size with labels that do not touch', () => {
		// Five seconds of records: the first label carries the date and is three times as long.
		const x = Array.from({ length: 5_000 }, (_, i) => start + i);
		const svg = timeChartSvg(
			'five seconds',
			[{ label: 'value', x, y: x, color: '#000' }],
			[],
			HALF_CHART
		);
		expect(svg).toContain('viewBox="0 0 460 220"');
		const labels = placed(svg, 220);
		expect(labels.length).toBeGreaterThanOrEqual(2);
		expect(labels[0].label).toMatch(/^2024-05-01 /);
		const spans = labels.map(({ x: at, anchor, label }) => {
			const width = label.length * 6.5;
			const shift = { start: 0, middle: width / 2, end: width }[anchor] ?? NaN;
			return [at - shift, at - shift + width];
		});
		for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1]);
		expect(spans.at(-1)![1]).toBeLessThanOrEqual(460);
	});

	it('spaces the time labels evenly', () => {
		const scale = scaleUtc()
			.domain([Date.UTC(2026, 11, 5, 17, 40, 27), Date.UTC(2026, 11, 5, 17, 40, 33)])
			.range([56, 444]);
		const labels = timeAxisLabels(scale, 3, 460);

		expect(labels.length).toBeGreaterThanOrEqual(2);
		expect(labels[0].label).toMatch(/^2026-12-05 /);
		const steps = labels.slice(1).map((label, i) => label.x - labels[i].x);
		for (const step of steps) expect(step).toBeCloseTo(steps[0], 6);
		for (let i = 1; i < labels.length; i++) {
			expect(labels[i].left).toBeGreaterThan(labels[i - 1].right);
		}
	});

	it('gives a label after a day change its date', () => {
		// Ten hours across midnight: the first label and the first of the next day carry the date.
		const day = Date.UTC(2024, 4, 1);
		const scale = scaleUtc()
			.domain([day + 20 * 3_600_000, day + 30 * 3_600_000])
			.range([20, 440]);
		const labels = timeAxisLabels(scale, 6, 460).map((p) => p.label);

		expect(labels).toEqual(['2024-05-01 21:00', '2024-05-02 00:00', '03:00', '06:00']);
	});
});

describe('lines with gaps', () => {
	it('dots a point alone between two gaps', () => {
		const x = Array.from({ length: 7 }, (_, i) => start + i * 60_000);
		const svg = timeChartSvg('gaps', [
			{ label: 'v', x, y: [1, 2, NaN, 3, NaN, 5, 6], color: '#123456' }
		]);
		// Only the 3 is alone between gaps. The 1 and 2, and the 5 and 6, are drawn as lines.
		const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="[\d.]+" r="2.2" fill="#123456"\/>/g)];
		expect(dots).toHaveLength(1);
		const path = svg.match(/<path d="([^"]*)" fill="none" stroke="#123456"/)?.[1] ?? '';
		expect(path.match(/M/g)).toHaveLength(3);
	});
});

describe('bands', () => {
	/** Returns the y of each point of the first band's path. */
	function bandYs(svg: string): number[] {
		const path = svg.match(/<path d="([^"]*)" fill="#e08a00" fill-opacity/)?.[1] ?? '';
		return [...path.matchAll(/-?[\d.]+,(-?[\d.]+)/g)].map((m) => Number(m[1]));
	}

	/** Returns the y of each gridline, top first. */
	function gridYs(svg: string): number[] {
		return [...svg.matchAll(/<line x1="56" x2="444" y1="([\d.]+)"/g)]
			.map((m) => Number(m[1]))
			.sort((a, b) => a - b);
	}

	it('keeps a forecast band between the gridlines', () => {
		// Values up to 85 and a band down to −130: a domain made nice for ten ticks would end
		// at −140, below the lowest of five gridlines at −100.
		const x = Array.from({ length: 40 }, (_, i) => start + i * 60_000);
		const values = x.map((_, i) => 40 + 45 * Math.sin(i / 3));
		const ahead = Array.from({ length: 10 }, (_, h) => start + (40 + h) * 60_000);
		const svg = timeChartSvg(
			'forecast',
			[{ label: 'value', x, y: values, color: '#2f7ed8' }],
			[
				{
					x: ahead,
					low: ahead.map((_, h) => 20 - 15 * h),
					high: ahead.map((_, h) => 60 + 2 * h),
					color: '#e08a00'
				}
			],
			HALF_CHART
		);
		const grid = gridYs(svg);
		const band = bandYs(svg);

		expect(band).toHaveLength(20);
		expect(Math.min(...band)).toBeGreaterThanOrEqual(grid[0]);
		expect(Math.max(...band)).toBeLessThanOrEqual(grid.at(-1)!);
		expect(grid.at(-1)).toBe(192);
	});

	it('clips the marks to the plot area', () => {
		const x = [start, start + 60_000];
		const svg = timeChartSvg(
			'clipped',
			[{ label: 'v', x, y: [1, 2], color: '#000' }],
			[],
			HALF_CHART
		);
		const nested = svg.match(/<svg x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/);

		expect(nested).not.toBeNull();
		const [left, top, width, height] = nested!.slice(1).map(Number);
		// The plot area spans x 56…444 and y 24…192, with 4 units for the edges of marks.
		expect(left).toBe(52);
		expect(top).toBe(20);
		expect(left + width).toBe(448);
		expect(top + height).toBe(196);
		expect(svg.indexOf('<path')).toBeGreaterThan(nested!.index!);
	});
});

describe('legend', () => {
	it('wraps entries on a narrow chart', () => {
		const x = [start, start + 60_000];
		const labels = ['value', 'SMA 20', 'EMA 20', 'ensemble anomalies'];
		const svg = timeChartSvg(
			'narrow',
			labels.map((label) => ({ label, x, y: [1, 2], color: '#123456' })),
			[],
			{ width: 350, height: 240 }
		);
		const entries = [
			...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" fill="#123456">● ([^<]*)</g)
		].map((m) => ({ x: Number(m[1]), y: Number(m[2]), label: m[3] }));

		expect(entries.map((entry) => entry.label)).toEqual(labels);
		for (const entry of entries) {
			expect(entry.x + (entry.label.length + 2) * 6.5).toBeLessThanOrEqual(350);
		}
		expect(entries.at(-1)!.y).toBe(28);
		// The plot starts one legend row lower, 4 units of bleed above its top at 38.
		expect(svg).toMatch(/<svg x="52" y="34" /);
	});
});
