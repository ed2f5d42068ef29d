import * as Comlink from 'comlink';
import { ChartPainter } from '../src/lib/chart/chart-painter';
import type { ChartDrawn, ChartFrame } from '../src/lib/protocol';

let painter: ChartPainter | null = null;

/** The chart worker's service: draws the live chart on a canvas the page transferred to it. */
const service = {
	/** Takes the page's chart canvas, from `transferControlToOffscreen()`. */
	attach(canvas: OffscreenCanvas): void {
		painter = new ChartPainter(canvas);
	},

	draw(frame: ChartFrame): ChartDrawn {
		if (painter === null) throw new Error('chart worker: draw called before attach');
		return painter.draw(frame);
	}
};

export type ChartService = typeof service;

Comlink.expose(service);
