import { describe, expect, it } from 'vitest';
import { chartAxes } from '../../../src/lib/chart/chart-axes';
import type { BandSeries, ChartData } from '../../../src/lib/protocol';

const from = Date.parse('2024-01-20T10:00:00Z');
const to = Date.parse('2024-01-20T11:00:00Z');

/** Chart data over the hour from 10:00 UTC with `values` spread evenly across it. */
function chartData(values: number[], band?: BandSeries): ChartData {
	const time = Float64Array.from(values, (_, i) => from + (i * (to - from)) / values.length);
	const line = { time, value: Float64Array.from(values) };
	const none = { time: new Float64Array(0), value: new Float64Array(0) };
	return {
		from,
		to,
		buffered: values.length,
		line,
		movingAverage: line,
		anomalies: none,
		extraLines: [],
		band,
		gaps: []
	};
}

// The test script pins TZ=UTC, so tick labels read in UTC. An 800 × 300 canvas leaves a plot of
// 728 × 262 CSS pixels inside the margins.
describe('chartAxes', () => {
	it('chartAxes ticks the hour every 15 minutes', () => {
		const axes = chartAxes(chartData([3, 97]), 800, 300);
		expect(axes.x.domain).toEqual([from, to]);
		expect(axes.x.range).toEqual([0, 728]);
		expect(axes.x.ticks.map((tick) => tick.label)).toEqual([
			'10:00',
			'10:15',
			'10:30',
			'10:45',
			'11:00'
		]);
		expect(axes.x.ticks[1].value).toBe(from + 900_000);
	});

	it('chartAxes makes the value domain nice', () => {
		const axes = chartAxes(chartData([3, 97]), 800, 300);
		expect(axes.y.domain).toEqual([0, 100]);
		expect(axes.y.range).toEqual([256, 6]);
		expect(axes.y.ticks.map((tick) => tick.label)).toEqual(['0', '20', '40', '60', '80', '100']);
	});

	it('chartAxes labels negatives with a minus sign', () => {
		const axes = chartAxes(chartData([-1.4, 1.3]), 800, 300);
		expect(axes.y.domain).toEqual([-1.4, 1.4]);
		expect(axes.y.ticks.map((tick) => tick.label)).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
	});

	it('chartAxes labels thousands with commas', () => {
		const axes = chartAxes(chartData([1200, 5900]), 800, 300);
		expect(axes.y.ticks.map((tick) => tick.label)).toEqual([
			'1,000',
			'2,000',
			'3,000',
			'4,000',
			'5,000',
			'6,000'
		]);
	});

	it('chartAxes widens the value domain to the band', () => {
		const time = Float64Array.of(from, to);
		const band = { time, lower: Float64Array.of(-30, NaN), upper: Float64Array.of(130, 40) };
		const axes = chartAxes(chartData([3, 97], band), 800, 300);
		expect(axes.y.domain).toEqual([-40, 140]);
	});

	it('chartAxes centres a flat series', () => {
		const axes = chartAxes(chartData([5, 5, 5]), 800, 300);
		expect(axes.y.domain).toEqual([4, 6]);
	});

	it('chartAxes spans 0 to 1 without values', () => {
		const axes = chartAxes(chartData([NaN]), 800, 300);
		expect(axes.y.domain).toEqual([0, 1]);
	});

	it('chartAxes keeps a plot of at least one pixel', () => {
		const axes = chartAxes(chartData([3, 97]), 10, 10);
		expect(axes.x.range).toEqual([0, 1]);
		expect(axes.x.ticks.length).toBeGreaterThan(0);
	});
});
