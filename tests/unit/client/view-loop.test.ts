import { describe, expect, it } from 'vitest';
import {
	intervalPassed,
	needsView,
	type ViewFreshness,
	type ViewTiming
} from '../../../src/lib/client/view-loop';

/** A page whose view on screen is current: version 7, the same query, no rate. */
const current: ViewFreshness = {
	latestVersion: 7,
	shownVersion: 7,
	shownQuery: '{"width":600}',
	query: '{"width":600}',
	shownRate: 0,
	forced: false
};

describe('needsView', () => {
	it('needsView skips a current view', () => {
		expect(needsView(current)).toBe(false);
	});

	it.each<[string, Partial<ViewFreshness>]>([
		['before the first view', { shownVersion: -1, shownQuery: '' }],
		['after a change notice', { latestVersion: 8 }],
		['after a query change', { query: '{"width":601}' }],
		['while the rate falls', { shownRate: 0.5 }],
		['when forced', { forced: true }]
	])('needsView asks %s', (_, change) => {
		expect(needsView({ ...current, ...change })).toBe(true);
	});

	it('needsView ignores an older notice', () => {
		expect(needsView({ ...current, latestVersion: 5 })).toBe(false);
	});
});

/** A view asked for at 1,000 ms with a 500 ms interval, the status unchanged. */
const timing: ViewTiming = {
	now: 1200,
	askedAt: 1000,
	refreshMs: 500,
	latestStatus: 'live',
	shownStatus: 'live'
};

describe('intervalPassed', () => {
	it('intervalPassed waits out the refresh interval', () => {
		expect(intervalPassed(timing)).toBe(false);
		expect(intervalPassed({ ...timing, now: 1499 })).toBe(false);
		expect(intervalPassed({ ...timing, now: 1500 })).toBe(true);
	});

	it('intervalPassed lets a new source status through at once', () => {
		expect(intervalPassed({ ...timing, latestStatus: 'done' })).toBe(true);
	});

	it('intervalPassed waits before any notice', () => {
		expect(intervalPassed({ ...timing, latestStatus: null, shownStatus: null })).toBe(false);
	});
});
