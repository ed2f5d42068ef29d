import { describe, expect, it } from 'vitest';
import {
	chartAxes,
	distinctTicks,
	splitValueSeries,
	valueAxis,
	wholeValues
} from '../../../src/lib/chart/chart-axes';
import { chartMargin, dualAxisMargin } from '../../../src/lib/chart/plot-area';
import type { BandSeries, ChartData, ExtraLine } from '../../../src/lib/protocol';

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

	it('chartAxes keeps millisecond labels apart', () => {
		// 1.8 s over the 728 px plot: the 6 ticks asked of D3 come back as 9, 200 ms or 81 px
		// apart, with labels of 84 px (12 characters of 7 px) that would overlap.
		const start = Date.parse('2024-01-20T07:28:03.100Z');
		const span = 1800;
		const data = { ...chartData([3, 97]), from: start, to: start + span };
		const axes = chartAxes(data, 800, 300);
		const labels = axes.x.ticks.map((tick) => tick.label);
		expect(labels).toEqual(['07:28:03.500', '07:28:04', '07:28:04.500']);
		const width = axes.x.range[1] - axes.x.range[0];
		const px = axes.x.ticks.map((tick) => ((tick.value - start) / span) * width);
		for (let i = 1; i < px.length; i++) {
			const half = ((labels[i].length + labels[i - 1].length) * 7) / 2;
			expect(px[i] - px[i - 1]).toBeGreaterThanOrEqual(half + 12);
		}
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

	it('chartAxes draws no right axis without right lines', () => {
		const data = { ...chartData([3, 97]), extraLines: [extraLine(1, [0.2, 0.5])] };
		const axes = chartAxes({ ...data, rightLines: [false] }, 800, 300);

		expect(axes.yRight).toBeUndefined();
		expect(axes.y.domain).toEqual([0, 100]);
		expect(axes.y.range).toEqual([256, 6]);
		expect(axes).toEqual(chartAxes(data, 800, 300));
	});
});

/** An empty anomaly series. */
const NO_ANOMALIES = { time: new Float64Array(0), value: new Float64Array(0) };

/** An extra line over the hour with `values` spread evenly across it. */
function extraLine(series: number, values: number[]): ExtraLine {
	const time = Float64Array.from(values, (_, i) => from + (i * (to - from)) / values.length);
	return {
		series,
		name: `s${series}`,
		line: { time, value: Float64Array.from(values) },
		anomalies: NO_ANOMALIES,
		anomalyScores: new Float64Array(0),
		anomalyCount: 0
	};
}

// With a right axis the margins are 56 px on either side and 30 px at the top, so an 800 × 300
// canvas leaves a plot of 688 × 244 CSS pixels.
describe('chartAxes with a right axis', () => {
	/** A main line from 1,000 to 1,012, a left line near 1,005 and a right line of 0.23 to 0.87. */
	function twoScales(): ChartData {
		return {
			...chartData([1000, 1012]),
			extraLines: [extraLine(1, [0.23, 0.87, NaN]), extraLine(2, [1004, 1006])],
			rightLines: [true, false]
		};
	}

	it('chartAxes scales the left axis to the left lines only', () => {
		const axes = chartAxes(twoScales(), 800, 300);

		// Worked by hand: 12 / 10 rounds to a step of 1, so nice() keeps [1000, 1012]. For 6
		// ticks 12 / 6 = 2 is a step of 2.
		expect(axes.y.domain).toEqual([1000, 1012]);
		expect(axes.y.range).toEqual([238, 6]);
		expect(axes.y.ticks.map((tick) => tick.value)).toEqual([
			1000, 1002, 1004, 1006, 1008, 1010, 1012
		]);
		expect(axes.y.ticks[0].label).toBe('1,000');
	});

	it('chartAxes scales the right axis to the right lines', () => {
		const axes = chartAxes(twoScales(), 800, 300);

		// Worked by hand: 0.64 / 10 rounds to a step of 0.05, so nice() gives [0.2, 0.9]. For 6
		// ticks 0.7 / 6 ≈ 0.117 is a step of 0.1.
		expect(axes.yRight?.domain).toEqual([0.2, 0.9]);
		expect(axes.yRight?.range).toEqual([238, 6]);
		expect(axes.yRight?.ticks.map((tick) => tick.value)).toEqual([
			0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9
		]);
		expect(axes.yRight?.ticks.map((tick) => tick.label)).toEqual([
			'0.2',
			'0.3',
			'0.4',
			'0.5',
			'0.6',
			'0.7',
			'0.8',
			'0.9'
		]);
	});

	it('chartAxes narrows the time axis for the right labels', () => {
		const axes = chartAxes(twoScales(), 800, 300);

		expect(axes.x.range).toEqual([0, 688]);
	});

	it('chartAxes spans 0 to 1 for a right line without values', () => {
		const data = { ...twoScales(), extraLines: [extraLine(1, [NaN])], rightLines: [true] };

		expect(chartAxes(data, 800, 300).yRight?.domain).toEqual([0, 1]);
	});
});

/** Measures text at 6 px a character. */
const sixPerCharacter = (text: string) => text.length * 6;

describe('chartAxes margins', () => {
	it('chartAxes keeps the margins for short labels', () => {
		const axes = chartAxes(chartData([3, 97]), 800, 300, sixPerCharacter);

		expect(axes.margin).toEqual(chartMargin);
		expect(axes.x.range).toEqual([0, 728]);
	});

	it('chartAxes widens the left margin for long labels', () => {
		// Values 1.5e12 ± 30 are labelled 1.49999999997T to 1.50000000003T, 14 characters each.
		const axes = chartAxes(chartData([1.5e12 - 30, 1.5e12 + 30]), 800, 300, sixPerCharacter);

		expect(axes.y.ticks.map((tick) => tick.label)).toEqual([
			'1.49999999997T',
			'1.49999999998T',
			'1.49999999999T',
			'1.50000000000T',
			'1.50000000001T',
			'1.50000000002T',
			'1.50000000003T'
		]);
		expect(axes.margin).toEqual({ ...chartMargin, left: 14 * 6 + 12 });
		expect(axes.x.range).toEqual([0, 800 - 96 - 16]);
		expect(axes.y.range).toEqual([256, 6]);
	});

	it('chartAxes estimates label widths without a measure', () => {
		const axes = chartAxes(chartData([1.5e12 - 30, 1.5e12 + 30]), 800, 300);

		expect(axes.margin.left).toBe(14 * 7 + 12);
	});

	it('chartAxes widens the right margin for long labels', () => {
		const data: ChartData = {
			...chartData([3, 97]),
			extraLines: [extraLine(1, [1.5e12 - 30, 1.5e12 + 30])],
			rightLines: [true]
		};
		const axes = chartAxes(data, 800, 300, sixPerCharacter);

		expect(axes.margin).toEqual({ ...dualAxisMargin, right: 96 });
		expect(axes.x.range).toEqual([0, 800 - 56 - 96]);
	});

	it('chartAxes caps the margin at a third of the canvas', () => {
		const axes = chartAxes(chartData([1.5e12 - 30, 1.5e12 + 30]), 240, 300, sixPerCharacter);

		expect(axes.margin.left).toBe(80);
	});
});

describe('chartAxes with the main line on the right', () => {
	function mainOnRight(): ChartData {
		const time = Float64Array.of(from, to);
		const band = { time, lower: Float64Array.of(0.1, 0.2), upper: Float64Array.of(0.95, 0.9) };
		return {
			...chartData([0.23, 0.87], band),
			extraLines: [extraLine(1, [1000, 1012])],
			rightLines: [false],
			mainRight: true
		};
	}

	it('chartAxes scales the right axis to the main line and its band', () => {
		const axes = chartAxes(mainOnRight(), 800, 300);

		expect(axes.yRight?.domain).toEqual([0.1, 1]);
		expect(axes.y.domain).toEqual([1000, 1012]);
	});

	it('chartAxes scales both axes alike when all are on the right', () => {
		const axes = chartAxes({ ...mainOnRight(), rightLines: [true] }, 800, 300);

		expect(axes.yRight?.domain).toEqual([0, 1100]);
		expect(axes.y).toEqual(axes.yRight);
	});
});

describe('splitValueSeries', () => {
	it('splitValueSeries keeps the main line and band on the left', () => {
		const time = Float64Array.of(from, to);
		const band = { time, lower: Float64Array.of(1, 2), upper: Float64Array.of(3, 4) };
		const right = extraLine(1, [0.5]);
		const left = extraLine(2, [7]);
		const data = {
			...chartData([5], band),
			extraLines: [right, left],
			rightLines: [true, false]
		};

		const sides = splitValueSeries(data);

		expect(sides.right).toEqual([right.line]);
		expect(sides.left).toEqual([
			data.line,
			left.line,
			{ time, value: band.lower },
			{ time, value: band.upper }
		]);
	});

	it('splitValueSeries moves the main line and band to the right', () => {
		const time = Float64Array.of(from, to);
		const band = { time, lower: Float64Array.of(1, 2), upper: Float64Array.of(3, 4) };
		const left = extraLine(1, [700]);
		const data = {
			...chartData([5], band),
			extraLines: [left],
			rightLines: [false],
			mainRight: true
		};

		const sides = splitValueSeries(data);

		expect(sides.left).toEqual([left.line]);
		expect(sides.right).toEqual([
			data.line,
			{ time, value: band.lower },
			{ time, value: band.upper }
		]);
	});

	it('splitValueSeries puts every line on the left without flags', () => {
		const data = { ...chartData([5]), extraLines: [extraLine(1, [0.5])] };

		expect(splitValueSeries(data).right).toEqual([]);
		expect(splitValueSeries(data).left).toHaveLength(2);
	});
});

describe('valueAxis labels', () => {
	const labels = (low: number, high: number) => {
		const series = { time: new Float64Array([0, 1]), value: new Float64Array([low, high]) };
		return valueAxis([series], 300).ticks.map((tick) => tick.label);
	};

	it('valueAxis writes millions with SI prefixes', () => {
		expect(labels(2e6, 9e6)).toEqual(['2M', '3M', '4M', '5M', '6M', '7M', '8M', '9M']);
		expect(labels(1.52e12, 1.5203e12)[1]).toBe('1.52005T');
	});

	it('valueAxis writes tiny values with SI prefixes', () => {
		expect(labels(1e-9, 4e-9)).toEqual(['1.0n', '1.5n', '2.0n', '2.5n', '3.0n', '3.5n', '4.0n']);
		expect(labels(-5e-4, -2e-4)[0]).toBe('−500µ');
	});

	it('valueAxis labels a subnormal width at its ends', () => {
		expect(labels(1e-310, 2e-310)).toEqual(['1.000000e-310', '2.000000e-310']);
		expect(labels(5e-324, 1e-323)).toHaveLength(2);
	});

	it('valueAxis ticks whole lines at whole numbers', () => {
		const series = { time: new Float64Array([0, 1, 2]), value: new Float64Array([1, 2, NaN]) };

		expect(wholeValues([series])).toBe(true);
		expect(valueAxis([series], 300, true).ticks.map((tick) => tick.label)).toEqual(['1', '2']);
		expect(valueAxis([series], 300).ticks).toHaveLength(6);
	});

	it('valueAxis keeps whole ticks of a wide range', () => {
		const series = { time: new Float64Array([0, 1]), value: new Float64Array([-3, 40]) };
		const ticks = valueAxis([series], 300, true).ticks.map((tick) => tick.label);

		expect(ticks).toEqual(valueAxis([series], 300).ticks.map((tick) => tick.label));
		expect(ticks).toEqual(['0', '10', '20', '30', '40']);
	});

	it('wholeValues rejects fractions and empty lines', () => {
		const line = (values: number[]) => ({
			time: new Float64Array(values.length),
			value: new Float64Array(values)
		});

		expect(wholeValues([line([1, 2]), line([1.5])])).toBe(false);
		expect(wholeValues([line([NaN]), line([])])).toBe(false);
	});

	it('chartAxes ticks a count series at whole numbers', () => {
		const data = chartData([1, 2, 1, 2]);

		expect(chartAxes(data, 600, 300).y.ticks.map((tick) => tick.label)).toEqual(['1', '2']);
	});

	it('valueAxis labels a huge constant', () => {
		const texts = labels(1e17, 1e17);

		expect(texts.length).toBeGreaterThanOrEqual(2);
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('valueAxis reads a constant series with rounding as flat', () => {
		expect(labels(49.99999999999997, 50.00000000000001)).toEqual([
			'49.0',
			'49.5',
			'50.0',
			'50.5',
			'51.0'
		]);
	});

	it('valueAxis writes zero without a prefix', () => {
		expect(labels(0, 12_345_678)[0]).toBe('0');
		expect(labels(0, 12_345_678)[1]).toBe('2M');
		expect(labels(-3e-6, 4e-6)).toContain('0');
		expect(labels(-3e-6, 4e-6)).not.toContain('0µ');
		expect(labels(0, 1.7976931348623157e308)[0]).toBe('0');
	});

	it('valueAxis writes minute values with exponents', () => {
		const texts = labels(1.23456789e-300, 1.23456799e-300);
		expect(texts[0]).toBe('1.23456790e-300');
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('valueAxis writes huge values with exponents', () => {
		expect(labels(0, 1.7976931348623157e308).at(-1)).toBe('1.6e+308');
	});

	it('valueAxis labels neighbours distinctly', () => {
		// Near 1e15 doubles are 0.125 apart, so ticks 0.1 apart round to the same label.
		for (const [low, high] of [
			[1e15 - 0.5, 1e15 + 0.5],
			[1e16 - 3, 1e16 + 3],
			[1e18 - 300, 1e18 + 300],
			[1e7 - 1e-9, 1e7 + 1e-9]
		]) {
			const texts = labels(low, high);
			expect(texts.length, `${low}`).toBeGreaterThanOrEqual(2);
			for (let i = 1; i < texts.length; i++) expect(texts[i], `${low}`).not.toBe(texts[i - 1]);
		}
	});

	it('valueAxis keeps full digits below a million', () => {
		expect(labels(1000, 1006)).toEqual([
			'1,000',
			'1,001',
			'1,002',
			'1,003',
			'1,004',
			'1,005',
			'1,006'
		]);
	});
});

describe('distinctTicks', () => {
	it('distinctTicks drops repeated labels', () => {
		const ticks = [
			{ value: 1, label: 'a' },
			{ value: 1.1, label: 'a' },
			{ value: 1.2, label: 'a' },
			{ value: 2, label: 'b' },
			{ value: 2.1, label: 'b' },
			{ value: 3, label: 'c' }
		];

		expect(distinctTicks(ticks)).toEqual([ticks[0], ticks[3], ticks[5]]);
	});

	it('distinctTicks keeps distinct labels', () => {
		const ticks = [
			{ value: 1, label: '1' },
			{ value: 2, label: '2' }
		];

		expect(distinctTicks(ticks)).toEqual(ticks);
		expect(distinctTicks([])).toEqual([]);
	});
});
