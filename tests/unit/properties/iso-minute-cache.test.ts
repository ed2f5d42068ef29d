import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseIsoDate } from '../../../src/lib/mapping/coerce-time';
import { fuzzRuns } from '../helpers/fuzz-runs';

/**
 * parseIsoDate reads only the seconds of a zone-less `YYYY-MM-DDTHH:MM:SS` text whose first 16
 * characters equal those of an earlier text. Runs of such texts, in hours with and without a zone
 * transition, must give what the Date constructor gives, and what the same text with a `.000`
 * fraction gives, which never takes that path.
 */

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/**
 * Local hours of America/New_York's 2024 transitions and the hours either side, and the hour of
 * its move from local mean time (-4:56:02) to -5:00 at 12:03:58 on 1883-11-18, inside a minute.
 */
const transitionHours = fc.constantFrom(
	{ year: 1883, month: 11, day: 18, hour: 12 },
	{ year: 2024, month: 3, day: 10, hour: 1 },
	{ year: 2024, month: 3, day: 10, hour: 2 },
	{ year: 2024, month: 3, day: 10, hour: 3 },
	{ year: 2024, month: 11, day: 3, hour: 0 },
	{ year: 2024, month: 11, day: 3, hour: 1 },
	{ year: 2024, month: 11, day: 3, hour: 2 }
);

const anyHour = fc.record({
	year: fc.integer({ min: 0, max: 9999 }),
	month: fc.integer({ min: 1, max: 12 }),
	day: fc.integer({ min: 1, max: 28 }),
	hour: fc.integer({ min: 0, max: 23 })
});

/** Seconds as written: mostly valid, some out of range or not ASCII digits. */
const secondsText = fc.oneof(
	{ weight: 8, arbitrary: fc.integer({ min: 0, max: 59 }).map((s) => pad(s)) },
	{ weight: 1, arbitrary: fc.constantFrom('60', '99', '5x', ' 1', '-1', '٣٣') }
);

/** One minute of a stream: a few texts that share their first 16 characters. */
const minuteRun = fc.record({
	hour: fc.oneof(transitionHours, anyHour),
	minute: fc.oneof(fc.constantFrom(0, 3, 59), fc.integer({ min: 0, max: 59 })),
	separator: fc.constantFrom('T', 't', ' '),
	seconds: fc.array(secondsText, { minLength: 1, maxLength: 8 })
});

/** Converts a local time to epoch ms as the Date constructor does, years 0 to 99 included. */
function dateConstructorMs(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number
): number {
	const date = new Date(2000, 0, 1);
	date.setFullYear(year, month - 1, day);
	date.setHours(hour, minute, second, 0);
	return date.getTime();
}

describe('parseIsoDate minute cache', () => {
	const original = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = 'America/New_York';
	});
	afterAll(() => {
		process.env.TZ = original;
	});

	test('parseIsoDate runs of one minute match Date', () => {
		fc.assert(
			fc.property(fc.array(minuteRun, { minLength: 1, maxLength: 6 }), (runs) => {
				for (const { hour: at, minute, separator, seconds } of runs) {
					const prefix =
						`${pad(at.year, 4)}-${pad(at.month)}-${pad(at.day)}` +
						`${separator}${pad(at.hour)}:${pad(minute)}`;
					for (const second of seconds) {
						const text = `${prefix}:${second}`;
						const actual = parseIsoDate(text);
						expect(actual, `${text} against ${text}.000`).toBe(parseIsoDate(`${text}.000`));

						const valid = /^[0-5][0-9]$/.test(second);
						const expected = valid
							? dateConstructorMs(at.year, at.month, at.day, at.hour, minute, Number(second))
							: NaN;
						expect(actual, `${text} against the Date constructor`).toBe(expected);
					}
				}
			}),
			{ numRuns: fuzzRuns() }
		);
	});

	test('parseIsoDate minute change between texts', () => {
		const texts = [
			'2024-01-20T10:30:15',
			'2024-01-20T10:31:15',
			'2024-01-20T10:30:16',
			'2024-01-20 10:30:17'
		];
		for (const text of texts) {
			const [year, month, day, hour, minute, second] = text.split(/[-T :]/).map(Number);
			const expected = new Date(year, month - 1, day, hour, minute, second).getTime();
			expect(parseIsoDate(text), text).toBe(expected);
		}
		expect(parseIsoDate('2024-01-20T10:30:16Z')).toBe(Date.UTC(2024, 0, 20, 10, 30, 16));
		expect(parseIsoDate('2024-01-20T10:30:60')).toBeNaN();
	});
});
