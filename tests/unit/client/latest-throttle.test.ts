import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestThrottle } from '../../../src/lib/client/latest-throttle';

/** Creates a throttle of numbers at 250 ms, with the list of the values it has applied. */
function numberThrottle(): { applied: number[]; throttle: LatestThrottle<number> } {
	const applied: number[] = [];
	const throttle = new LatestThrottle<number>(250, (value) => applied.push(value));
	return { applied, throttle };
}

describe('latest throttle', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('push applies the first value at once', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		expect(applied).toEqual([1]);
	});

	it('push holds values inside the interval', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		vi.advanceTimersByTime(100);
		throttle.push(2);
		throttle.push(3);
		expect(applied).toEqual([1]);
	});

	it('push applies the latest held value later', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		vi.advanceTimersByTime(100);
		throttle.push(2);
		throttle.push(3);
		vi.advanceTimersByTime(149);
		expect(applied).toEqual([1]);
		vi.advanceTimersByTime(1);
		expect(applied).toEqual([1, 3]);
		vi.advanceTimersByTime(1000);
		expect(applied).toEqual([1, 3]);
	});

	it('push applies at once after the interval', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		vi.advanceTimersByTime(300);
		throttle.push(2);
		expect(applied).toEqual([1, 2]);
	});

	it('push applies an urgent value at once', () => {
		const applied: string[] = [];
		const throttle = new LatestThrottle<string>(
			250,
			(value) => applied.push(value),
			(shown, next) => shown[0] !== next[0]
		);
		throttle.push('live 1');
		throttle.push('live 2');
		throttle.push('done 3');
		expect(applied).toEqual(['live 1', 'done 3']);
		// The held 'live 2' was older than the urgent value, so it is never applied.
		vi.advanceTimersByTime(1000);
		expect(applied).toEqual(['live 1', 'done 3']);
	});

	it('flush applies the held value', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		throttle.push(2);
		throttle.flush();
		expect(applied).toEqual([1, 2]);
		throttle.flush();
		expect(applied).toEqual([1, 2]);
	});

	it('dispose drops the held value', () => {
		const { applied, throttle } = numberThrottle();
		throttle.push(1);
		throttle.push(2);
		throttle.dispose();
		vi.advanceTimersByTime(1000);
		expect(applied).toEqual([1]);
	});
});
