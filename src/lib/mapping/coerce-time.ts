import { toNumber } from './coerce-number';

/** Unit of an epoch timestamp: seconds, milliseconds, microseconds or nanoseconds. */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

/** Every epoch unit, from the coarsest. */
export const EPOCH_UNITS: readonly EpochUnit[] = ['s', 'ms', 'us', 'ns'];

/** Maximum absolute time value of a Date: 100,000,000 days either side of 1970 (ECMA-262). */
const MAX_TIME_MS = 8.64e15;

/** Below this, `ms * 1000` stays under 2^53, where doubles hold every integer exactly. */
const MAX_ROUNDABLE_MS = 9e12;

/** 400 Gregorian years, the cycle after which the calendar repeats: 146,097 days. */
const MS_PER_400_YEARS = 146097 * 86400000;

const DASH = 0x2d;
const COLON = 0x3a;
const PLUS = 0x2b;

/**
 * Guesses the unit of an epoch timestamp from its magnitude: below 1e11 seconds, below 1e14
 * milliseconds, below 1e17 microseconds, else nanoseconds. The guess is right in every unit
 * for dates from 1973-03-03 to the year 5138. Other dates need an explicit unit.
 */
export function epochUnitOf(value: number): EpochUnit {
	const magnitude = Math.abs(value);
	if (magnitude < 1e11) return 's';
	if (magnitude < 1e14) return 'ms';
	if (magnitude < 1e17) return 'us';
	return 'ns';
}

/**
 * Converts a field value to epoch milliseconds, or NaN when it is not a valid time.
 *
 * Numbers and numeric strings are epoch times in `unit`, or in the unit that
 * {@link epochUnitOf} guesses when `unit` is not given. Other strings must be ISO 8601 dates
 * (see {@link parseIsoDate}). Results are rounded to whole microseconds, so that float noise
 * from scaling (a nanosecond count divided by 1e6) does not show. Values outside the range
 * of Date give NaN.
 */
export function toTimestamp(value: unknown, unit?: EpochUnit): number {
	if (typeof value === 'number') return fromEpoch(value, unit);
	if (typeof value === 'string') {
		const text = value.trim();
		const iso = parseIsoDate(text);
		return Number.isNaN(iso) ? fromEpoch(toNumber(text), unit) : iso;
	}
	// A lossless JSON parser may return nanosecond counts above 2^53 as bigint.
	if (typeof value === 'bigint') return fromEpoch(Number(value), unit);
	return NaN;
}

/**
 * Parses an ISO 8601 date or date-time into epoch milliseconds, or NaN.
 *
 * Accepted: `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and `HH:MM`, optional
 * `:SS`, an optional fraction after `.` or `,` (1 to 9 digits), and an optional zone (`Z`,
 * `z`, `±HH:MM`, `±HHMM` or `±HH`). A string without a zone is local time, date-only strings
 * included (unlike Date.parse, which reads those as UTC). The fields are range-checked here
 * rather than by Date.parse, because V8 turns "2024-02-30" into 1 March and accepts junk
 * such as "1".
 */
export function parseIsoDate(text: string): number {
	// Kept small so that the compiler inlines it into the caller, which then gets a plain double:
	// a call that is not inlined returns every result as a new heap number. Comparing a slice
	// with === took 132 ms where startsWith took 142 ms of CPU time, in Node 20, for reading
	// 210,000 generated seed-format lines.
	if (
		text.length === 19 &&
		text.charCodeAt(16) === COLON &&
		text.slice(0, 16) === cachedMinuteText
	) {
		const second = readDigits(text, 17, 2);
		if (second <= 59) return checkRange(cachedMinuteStartMs + second * 1000);
	}
	return parseIsoDateText(text);
}

/** Parses `text` as {@link parseIsoDate} does, without the cached minute. */
function parseIsoDateText(text: string): number {
	// Scanned by character code, not by a regular expression, because this runs once per record
	// and the match array and its number conversions cost more than the date arithmetic.
	const length = text.length;
	if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;

	const year = readDigits(text, 0, 4);
	const month = readDigits(text, 5, 2);
	const day = readDigits(text, 8, 2);
	// Written as !(in range) so that NaN, from a character that is not a digit, fails too.
	if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1)) return NaN;
	if (day > daysInMonth(year, month)) return NaN;
	if (length === 10) return checkRange(localMs(year, month, day, 0, 0, 0));

	const separator = text[10];
	if (separator !== 'T' && separator !== 't' && separator !== ' ') return NaN;
	if (text.charCodeAt(13) !== COLON) return NaN;
	const hour = readDigits(text, 11, 2);
	const minute = readDigits(text, 14, 2);
	if (!(hour <= 23 && minute <= 59)) return NaN;

	let second = 0;
	let fractionMs = 0;
	let pos = 16;
	if (text.charCodeAt(pos) === COLON) {
		second = readDigits(text, pos + 1, 2);
		if (!(second <= 59)) return NaN;
		pos += 3;

		if (text[pos] === '.' || text[pos] === ',') {
			const start = ++pos;
			let fraction = 0;
			while (pos < length && isDigit(text.charCodeAt(pos))) {
				fraction = fraction * 10 + text.charCodeAt(pos) - 48;
				pos++;
			}
			const digits = pos - start;
			if (digits < 1 || digits > 9) return NaN;
			fractionMs = fraction / 10 ** (digits - 3);
		}
	}

	if (pos === length) {
		const local = localMs(year, month, day, hour, minute, second);
		if (pos === 19 && year >= 100 && cachedHour === hourKeyOf(year, month, day, hour)) {
			cachedMinuteText = text.slice(0, 16);
			cachedMinuteStartMs = local - second * 1000;
		}
		return checkRange(roundToMicros(local + fractionMs));
	}

	const offsetMs = readZoneOffset(text, pos);
	if (Number.isNaN(offsetMs)) return NaN;
	const utc = utcMs(year, month, day, hour, minute, second) - offsetMs;
	return checkRange(roundToMicros(utc + fractionMs));
}

/**
 * Reads the zone that runs from `pos` to the end of `text` and returns its offset from UTC in
 * milliseconds, or NaN when it is not `Z`, `±HH:MM`, `±HHMM` or `±HH`.
 */
function readZoneOffset(text: string, pos: number): number {
	const length = text.length;
	const sign = text.charCodeAt(pos);
	if (sign === 0x5a || sign === 0x7a) return pos + 1 === length ? 0 : NaN;
	if (sign !== PLUS && sign !== DASH) return NaN;

	const hours = readDigits(text, pos + 1, 2);
	let minutes = 0;
	let end = pos + 3;
	if (end < length) {
		if (text.charCodeAt(end) === COLON) end++;
		minutes = readDigits(text, end, 2);
		end += 2;
	}
	if (end !== length || !(hours <= 23 && minutes <= 59)) return NaN;

	const offset = (hours * 60 + minutes) * 60000;
	return sign === DASH ? -offset : offset;
}

/** Reads `count` ASCII digits at `start` as a number, or NaN if any is missing or not a digit. */
function readDigits(text: string, start: number, count: number): number {
	let value = 0;
	for (let i = start; i < start + count; i++) {
		const code = text.charCodeAt(i);
		if (!isDigit(code)) return NaN;
		value = value * 10 + code - 48;
	}
	return value;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function fromEpoch(value: number, unit: EpochUnit | undefined): number {
	if (!Number.isFinite(value)) return NaN;

	let ms: number;
	switch (unit ?? epochUnitOf(value)) {
		case 's':
			ms = value * 1000;
			break;
		case 'ms':
			ms = value;
			break;
		case 'us':
			ms = value / 1000;
			break;
		case 'ns':
			ms = value / 1e6;
			break;
	}
	return checkRange(roundToMicros(ms));
}

function roundToMicros(ms: number): number {
	return Math.abs(ms) < MAX_ROUNDABLE_MS ? Math.round(ms * 1000) / 1000 : ms;
}

function checkRange(ms: number): number {
	return Math.abs(ms) <= MAX_TIME_MS ? ms : NaN;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		return leap ? 29 : 28;
	}
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Date.UTC and the Date constructor read years 0 to 99 as 1900 to 1999. Those years are
// computed 400 years later and shifted back, which the repeating calendar makes exact.

function utcMs(year: number, month: number, day: number, h: number, m: number, s: number): number {
	if (year >= 100) return Date.UTC(year, month - 1, day, h, m, s);
	return Date.UTC(year + 400, month - 1, day, h, m, s) - MS_PER_400_YEARS;
}

function localMs(
	year: number,
	month: number,
	day: number,
	h: number,
	m: number,
	s: number
): number {
	if (year < 100) {
		return new Date(year + 400, month - 1, day, h, m, s).getTime() - MS_PER_400_YEARS;
	}
	// Records in a stream mostly share their hour, so its start is worked out once. The Date
	// constructor's zone lookup costs several times the rest of the parse. Minutes and seconds
	// are then added as Date.UTC adds them (MakeTime in ECMA-262).
	const hourKey = hourKeyOf(year, month, day, h);
	if (hourKey !== cachedHour) {
		const offset = hourOffsetMs(year, month, day, h);
		if (Number.isNaN(offset)) return new Date(year, month - 1, day, h, m, s).getTime();
		cachedHour = hourKey;
		cachedHourStartMs = Date.UTC(year, month - 1, day, h, 0, 0) - offset;
	}
	return cachedHourStartMs + m * 60_000 + s * 1000;
}

/**
 * The local hour last passed to {@link localMs} with a constant zone offset, as
 * ((year · 16 + month) · 32 + day) · 32 + hour, and its start in epoch ms.
 */
// NOTE: a zone change while the program runs (TZ or the system setting) is not seen for the
// cached hour and the cached minute.
let cachedHour = NaN;
let cachedHourStartMs = 0;

/**
 * The first 16 characters (`YYYY-MM-DDTHH:MM`) of the latest zone-less `…:SS` text parsed in an
 * hour with one zone offset, and the start of its minute in epoch ms. A text that starts the same
 * needs only its seconds read, and records one second apart share their minute 60 times in a row.
 * The hour's single offset matters: the Date constructor can change the offset inside a minute,
 * as America/New_York did at 12:03:58 on 1883-11-18.
 */
// Longer than any text that takes the fast path, so that none matches before the first.
let cachedMinuteText = 'no minute cached yet';
let cachedMinuteStartMs = 0;

function hourKeyOf(year: number, month: number, day: number, h: number): number {
	return ((year * 16 + month) * 32 + day) * 32 + h;
}

/**
 * Returns UTC reading minus local time for the local hour `h` of the given day, as the Date
 * constructor resolves it, or NaN when the offset differs between the start and the end of
 * the hour, that is when a zone transition falls inside it. Non-existent local times (in a
 * spring-forward gap) resolve the way the Date constructor resolves them.
 */
function hourOffsetMs(year: number, month: number, day: number, h: number): number {
	const start = Date.UTC(year, month - 1, day, h, 0, 0);
	const end = Date.UTC(year, month - 1, day, h, 59, 59, 999);
	const startOffset = start - new Date(year, month - 1, day, h, 0, 0).getTime();
	const endOffset = end - new Date(year, month - 1, day, h, 59, 59, 999).getTime();
	return startOffset === endOffset ? startOffset : NaN;
}
