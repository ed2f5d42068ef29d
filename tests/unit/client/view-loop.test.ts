import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	intervalPassed,
	needsView,
	ViewLoop,
	type ViewFreshness,
	type ViewTiming
} from '../../../src/lib/client/view-loop';
import type { ChangeNotice, SourceStatus, ViewQuery, ViewResult } from '../../../src/lib/protocol';

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
		['while the rate is not measured', { shownRate: NaN }],
		['when forced', { forced: true }]
	])('needsView asks %s', (_, change) => {
		expect(needsView({ ...current, ...change })).toBe(true);
	});

	it('needsView ignores an older notice', () => {
		expect(needsView({ ...current, latestVersion: 5 })).toBe(false);
	});
});

/** A view requested for at 1,000 ms with a 500 ms interval, the status unchanged. */
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

describe('ViewLoop', () => {
	afterEach(() => vi.unstubAllGlobals());

	/**
	 * A loop whose animation frames never come, so every view it requests is requested outside a
	 * frame. The analysis side returns `status()` at the version of the latest notice.
	 */
	function loopWithoutFrames(status: () => SourceStatus) {
		vi.stubGlobal('requestAnimationFrame', () => 1);
		vi.stubGlobal('cancelAnimationFrame', () => {});
		vi.stubGlobal('addEventListener', () => {});
		vi.stubGlobal('removeEventListener', () => {});
		let port: MessagePort | null = null;
		let version = 0;
		const requested: SourceStatus[] = [];
		const loop = new ViewLoop({
			view: async () => {
				requested.push(status());
				const kpis = { rate: 0, rateFinal: true };
				return { version, status: status(), kpis } as unknown as ViewResult;
			},
			watch: async (p) => {
				port = p;
			},
			query: () => ({ width: 600 }) as unknown as ViewQuery,
			refreshMs: () => 250,
			onview: async () => {}
		});
		const notify = async (nextStatus: SourceStatus) => {
			version++;
			const notice: ChangeNotice = { kind: 'changed', version, status: nextStatus };
			port!.postMessage(notice);
			await vi.waitFor(() => expect(requested.at(-1)).toBe(nextStatus));
		};
		return { loop, requested, notify };
	}

	it('ViewLoop requests new status at once', async () => {
		let status: SourceStatus = 'live';
		const { loop, requested, notify } = loopWithoutFrames(() => status);
		await notify('live');
		status = 'done';
		await notify('done');
		expect(requested).toEqual(['live', 'done']);
		loop.stop();
	});

	it('ViewLoop waits a frame for same status', async () => {
		const { loop, requested, notify } = loopWithoutFrames(() => 'live');
		await notify('live');
		await notify('live');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(requested).toEqual(['live']);
		loop.stop();
	});
});
