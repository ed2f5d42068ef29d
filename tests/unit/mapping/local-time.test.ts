import { afterAll, describe, expect, test } from 'vitest';
import { parseIsoDate } from '../../../src/lib/mapping/coerce-time';

// parseIsoDate works out each local hour's zone offset once; these cases check that it still
// agrees with the Date constructor across zone transitions, including 30-minute ones.
const zones = [
	{ zone: 'America/New_York', days: ['2024-03-10', '2024-11-03'] },
	{ zone: 'Europe/Berlin', days: ['2024-03-31', '2024-10-27'] },
	{ zone: 'Australia/Lord_Howe', days: ['2024-04-07', '2024-10-06'] },
	{ zone: 'Asia/Kolkata', days: ['2024-06-01'] }
];

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

describe('parseIsoDate local time', () => {
	const original = process.env.TZ;
	afterAll(() => {
		process.env.TZ = original;
	});

	test.each(zones)('parseIsoDate matches Date in $zone', ({ zone, days }) => {
		process.env.TZ = zone;
		for (const day of days) {
			const [year, month, date] = day.split('-').map(Number);
			// Every 7 minutes and 13 seconds, so that each hour is entered at varied minutes.
			for (let second = 0; second < 86400; second += 433) {
				const h = Math.floor(second / 3600);
				const m = Math.floor(second / 60) % 60;
				const s = second % 60;
				const text = `${day}T${pad(h)}:${pad(m)}:${pad(s)}`;
				const expected = new Date(year, month - 1, date, h, m, s).getTime();
				expect(parseIsoDate(text), `${text} in ${zone}`).toBe(expected);
			}
		}
	});
});
