const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A unit to state a trend's slope in, with its length on the time axis: milliseconds, or 1 for a
 * record of a series timed by record numbers.
 */
export interface SlopeUnit {
	name: 'second' | 'minute' | 'hour' | 'day' | 'record';
	ms: number;
}

/** The unit of a series whose times are record numbers. */
const RECORD: SlopeUnit = { name: 'record', ms: 1 };

const UNITS: SlopeUnit[] = [
	{ name: 'day', ms: DAY_MS },
	{ name: 'hour', ms: HOUR_MS },
	{ name: 'minute', ms: MINUTE_MS },
	{ name: 'second', ms: SECOND_MS }
];

/**
 * Picks the largest unit that the series spans at least once, so that a slope reads as a change
 * the data saw: a series of five seconds gets its slope per second, not a day's extrapolation.
 */
export function slopeUnit(spanMs: number): SlopeUnit {
	return UNITS.find((unit) => spanMs >= unit.ms) ?? UNITS[UNITS.length - 1];
}

/** Converts a slope per day into a slope per `unit`. */
export function slopeIn(slopePerDay: number, unit: SlopeUnit): number {
	return (slopePerDay * unit.ms) / DAY_MS;
}

/** Measures the span from the earliest to the latest time in milliseconds; 0 for fewer than two. */
export function timeSpanMs(time: ArrayLike<number>): number {
	let low = Infinity;
	let high = -Infinity;
	for (let i = 0; i < time.length; i++) {
		const t = time[i];
		if (t < low) low = t;
		if (t > high) high = t;
	}
	return high > low ? high - low : 0;
}

/**
 * Restates the trend's slope and its interval per the unit that suits `time`, or per record when
 * `timed` is false and `time` contains record numbers.
 */
export function slopeFigures(
	trend: { slopePerDay: number; slopeLow: number; slopeHigh: number },
	time: ArrayLike<number>,
	timed: boolean
): { unit: SlopeUnit; slope: number; low: number; high: number } {
	const unit = timed ? slopeUnit(timeSpanMs(time)) : RECORD;
	return {
		unit,
		slope: slopeIn(trend.slopePerDay, unit),
		low: slopeIn(trend.slopeLow, unit),
		high: slopeIn(trend.slopeHigh, unit)
	};
}
