import { timeDay, timeMinute, timeMonth, timeSecond, timeYear } from 'd3-time';
import { timeFormat } from 'd3-time-format';

const millisecond = timeFormat('%H:%M:%S.%L');
const second = timeFormat('%H:%M:%S');
const minute = timeFormat('%H:%M');
const day = timeFormat('%b %d');
const month = timeFormat('%B');
const year = timeFormat('%Y');

/**
 * Labels a time tick with the coarsest unit that still tells it apart, on a 24-hour clock.
 * D3's default multi-scale format uses a 12-hour clock without AM/PM, which reads badly on
 * machine data. Second and millisecond ticks keep the hour and minute, because a live window of
 * a few seconds otherwise shows labels such as `:41` and `.500` with no time of day at all.
 */
export function formatTimeTick(date: Date): string {
	if (timeSecond(date) < date) return millisecond(date);
	if (timeMinute(date) < date) return second(date);
	if (timeDay(date) < date) return minute(date);
	if (timeMonth(date) < date) return day(date);
	if (timeYear(date) < date) return month(date);
	return year(date);
}

const fullTime = timeFormat('%Y-%m-%d %H:%M:%S.%L');

/** Formats a time in full to the millisecond, in the browser's zone, for tooltips and ranges. */
export function formatTooltipTime(ms: number): string {
	return Number.isFinite(ms) ? fullTime(new Date(ms)) : '–';
}
