import { describe, expect, it } from 'vitest';
import { anomalyReason, anomalyRows, type AnomalyLine } from '../../../src/lib/client/anomaly-rows';

/** Returns one line named `name` with anomalies at `points` and no scores. */
function series(points: [number, number][], name = 'v'): AnomalyLine[] {
	const anomalies = {
		time: Float64Array.from(points.map(([time]) => time)),
		value: Float64Array.from(points.map(([, value]) => value))
	};
	return [{ name, anomalies, scores: new Float64Array(0) }];
}

describe('anomalyRows', () => {
	it('lists the newest first', () => {
		const rows = anomalyRows(
			series([
				[1000, 1],
				[2000, 2],
				[3000, 3]
			]),
			50
		);
		expect(rows.map((row) => row.time)).toEqual([3000, 2000, 1000]);
		expect(rows.map((row) => row.value)).toEqual([3, 2, 1]);
	});

	it('keeps at most maxRows', () => {
		const points: [number, number][] = Array.from({ length: 80 }, (_, i) => [i * 10, i]);
		const rows = anomalyRows(series(points), 50);
		expect(rows).toHaveLength(50);
		expect(rows[0].time).toBe(790);
		expect(rows[49].time).toBe(300);
	});

	it('keeps keys of rows that stay', () => {
		const before = anomalyRows(
			series([
				[1000, 1],
				[2000, 2]
			]),
			50
		);
		const after = anomalyRows(
			series([
				[1000, 1],
				[2000, 2],
				[3000, 7]
			]),
			50
		);
		expect(after.slice(1).map((row) => row.key)).toEqual(before.map((row) => row.key));
		expect(before.map((row) => row.key)).not.toContain(after[0].key);
	});

	it('gives equal anomalies distinct keys', () => {
		const rows = anomalyRows(
			series([
				[1000, 5],
				[1000, 5],
				[1000, 5],
				[1000, 6]
			]),
			50
		);
		expect(new Set(rows.map((row) => row.key)).size).toBe(4);
	});

	it('gives the time of day and only new dates', () => {
		const day = Date.UTC(2024, 4, 1);
		const rows = anomalyRows(
			series([
				[day + 20 * 3_600_000, 1],
				[day + 23 * 3_600_000 + 1_500, 2],
				[day + 25 * 3_600_000, 3],
				[day + 26 * 3_600_000 + 42, 4]
			]),
			50,
			'zscore',
			day + 26 * 3_600_000
		);

		expect(rows.map((row) => row.clock)).toEqual([
			'02:00:00.042',
			'01:00:00.000',
			'23:00:01.500',
			'20:00:00.000'
		]);
		// The top row is today's, and the third is the first of the day before.
		expect(rows.map((row) => row.date)).toEqual(['', '', '2024-05-01', '']);
	});

	it('dates the top row when it is not today', () => {
		const rows = anomalyRows(
			series([[Date.UTC(2024, 4, 1, 10), 1]]),
			50,
			'iqr',
			Date.UTC(2026, 0, 1)
		);

		expect(rows[0].date).toBe('2024-05-01');
		expect(rows[0].clock).toBe('10:00:00.000');
	});

	it('returns no rows for no anomalies', () => {
		expect(anomalyRows(series([]), 50)).toEqual([]);
	});
});

describe('anomalyReason', () => {
	it.each([
		[4.21, 'zscore', 'z = +4.2'],
		[-3.56, 'zscore', 'z = −3.6'],
		[Infinity, 'zscore', 'above a constant'],
		[-Infinity, 'iqr', 'below a constant'],
		[0.75, 'iqr', '+0.8 IQR past the fence'],
		[-0.012, 'iqr', '−0.012 IQR past the fence'],
		[0.0004, 'iqr', '+0.00040 IQR past the fence'],
		[0, 'iqr', 'at the fence'],
		[-0.04, 'zscore', 'z = −0.040'],
		[0.003, 'iforest', 'score 0.0030'],
		[0.9123, 'iforest', 'score 0.91'],
		[12.5, 'ensemble', 'score 12.50'],
		[NaN, 'zscore', '']
	] as const)('anomalyReason of %s by %s is %j', (score, detector, text) => {
		expect(anomalyReason(score, detector)).toBe(text);
	});

	it('anomalyRows gives each row its reason', () => {
		const [line] = series([
			[1000, 1],
			[2000, 35]
		]);
		const rows = anomalyRows([{ ...line, scores: Float64Array.from([3.2, Infinity]) }], 50);

		expect(rows.map((row) => row.reason)).toEqual(['above a constant', 'z = +3.2']);
		expect(rows[0].line).toBeUndefined();
	});

	it('anomalyRows merges lines newest first', () => {
		const lines = [
			...series(
				[
					[1000, 1],
					[3000, 3]
				],
				'kitchen'
			),
			...series(
				[
					[2000, 2],
					[3000, 9],
					[4000, 4]
				],
				'door'
			)
		];
		const rows = anomalyRows(lines, 4);

		expect(rows.map((row) => row.time)).toEqual([4000, 3000, 3000, 2000]);
		expect(rows.map((row) => row.line)).toEqual(['door', 'kitchen', 'door', 'door']);
		expect(new Set(rows.map((row) => row.key)).size).toBe(4);
	});
});
