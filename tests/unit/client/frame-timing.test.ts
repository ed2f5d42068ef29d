import { describe, expect, test } from 'vitest';
import { frameEnd } from '../../../src/lib/client/frame-timing';

describe('frameEnd', () => {
	test('ends where the drawing calls returned', () => {
		expect(frameEnd(100, 104.5, 106)).toBe(104.5);
	});

	test('ends now when nothing was drawn yet', () => {
		expect(frameEnd(100, NaN, 106)).toBe(106);
	});

	test('ends now when the last draw was an earlier frame', () => {
		expect(frameEnd(100, 99.5, 106)).toBe(106);
	});
});
