import { describe, expect, it } from 'vitest';
import {
	MIN_WINDOW_MS,
	brushWindow,
	panWindow,
	showsLiveEdge,
	viewAfterMove,
	wheelFactor,
	zoomWindow
} from '../../../src/lib/client/chart-window';

describe('chart window', () => {
	it('zoomWindow halves around the anchor', () => {
		expect(zoomWindow({ from: 0, to: 1000 }, 0.5, 500)).toEqual({ from: 250, to: 750 });
	});

	it('zoomWindow keeps the anchor in place', () => {
		const zoomed = zoomWindow({ from: 0, to: 1000 }, 0.5, 800);
		expect((800 - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo(0.8, 12);
		expect(zoomed.to - zoomed.from).toBe(500);
	});

	it('zoomWindow stops at the narrowest window', () => {
		const zoomed = zoomWindow({ from: 0, to: 100 }, 0.0001, 50);
		expect(zoomed.to - zoomed.from).toBe(MIN_WINDOW_MS);
	});

	it('panWindow moves both ends', () => {
		expect(panWindow({ from: 10, to: 20 }, -5)).toEqual({ from: 5, to: 15 });
	});

	it('wheelFactor zooms in on negative delta', () => {
		expect(wheelFactor(-100)).toBeCloseTo(1 / 1.2, 12);
		expect(wheelFactor(100)).toBeCloseTo(1.2, 12);
		expect(wheelFactor(0)).toBe(1);
	});

	it('showsLiveEdge only when reaching newest', () => {
		expect(showsLiveEdge({ from: 0, to: 100 }, 100)).toBe(true);
		expect(showsLiveEdge({ from: 0, to: 99 }, 100)).toBe(false);
	});

	it('brushWindow orders its ends', () => {
		expect(brushWindow(30, 10)).toEqual({ from: 10, to: 30 });
	});
});

describe('viewAfterMove', () => {
	it('viewAfterMove keeps following at the edge', () => {
		expect(viewAfterMove({ from: 50, to: 120 }, 100)).toEqual({ kind: 'live', spanMs: 70 });
	});

	it('viewAfterMove fixes a window in the past', () => {
		expect(viewAfterMove({ from: 10, to: 60 }, 100)).toEqual({ kind: 'fixed', from: 10, to: 60 });
	});
});
