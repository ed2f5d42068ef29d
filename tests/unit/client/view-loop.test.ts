import { describe, expect, it } from 'vitest';
import { needsView, type ViewFreshness } from '../../../src/lib/client/view-loop';

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
