import { describe, expect, it } from 'vitest';
import { formatTimeTick } from '../../../src/lib/chart/time-ticks';

// The test script pins TZ=UTC, so local time is UTC here.
describe('formatTimeTick', () => {
	it.each([
		['2024-01-20T16:30:00.250Z', '16:30:00.250'],
		['2024-01-20T16:30:05Z', '16:30:05'],
		['2024-01-20T16:30:00Z', '16:30'],
		['2024-01-20T16:00:00Z', '16:00'],
		['2024-01-20T00:00:00Z', 'Jan 20'],
		['2024-03-01T00:00:00Z', 'March'],
		['2024-01-01T00:00:00Z', '2024']
	])('formatTimeTick %s', (iso, label) => {
		expect(formatTimeTick(new Date(iso))).toBe(label);
	});
});
