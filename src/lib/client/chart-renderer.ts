import * as Comlink from 'comlink';
import { ChartPainter } from '../chart/chart-painter';
import type { ChartDrawn, ChartFrame } from '../protocol';
import type { ChartService } from '../../../workers/chart.worker';

/**
 * The page's handle on the live chart's canvas. It hands the canvas to the chart worker with
 * `transferControlToOffscreen()`, so that drawing and rasterising leave the main thread, and
 * sends it one frame at a time. A frame sent while another is being drawn replaces any frame
 * still waiting, so a slow draw never builds a queue.
 */
export class ChartRenderer {
	#worker: Worker | null = null;
	#paint: (frame: ChartFrame) => Promise<ChartDrawn>;
	#ondrawn: (drawn: ChartDrawn) => void;
	#waiting: ChartFrame | null = null;
	#drawing: Promise<void> | null = null;
	#failures = 0;

	/** @param ondrawn - Called after each frame the worker drew, on the page. */
	constructor(canvas: HTMLCanvasElement, ondrawn: (drawn: ChartDrawn) => void) {
		this.#ondrawn = ondrawn;
		if (typeof canvas.transferControlToOffscreen === 'function') {
			const worker = new Worker(new URL('../../../workers/chart.worker.ts', import.meta.url), {
				type: 'module',
				name: 'chart'
			});
			const chart = Comlink.wrap<ChartService>(worker);
			const offscreen = canvas.transferControlToOffscreen();
			const attached = chart.attach(Comlink.transfer(offscreen, [offscreen]));
			this.#worker = worker;
			this.#paint = async (frame) => {
				await attached;
				return chart.draw(frame);
			};
		} else {
			// NOTE: browsers without OffscreenCanvas draw on the page; the browser tests, which run
			// in Chromium, never take this path.
			const painter = new ChartPainter(canvas);
			this.#paint = async (frame) => painter.draw(frame);
		}
	}

	/** Draws `frame` as soon as the frame being drawn is done; resolves once it is drawn. */
	draw(frame: ChartFrame): Promise<void> {
		this.#waiting = frame;
		this.#drawing ??= this.#drawWaiting();
		return this.#drawing;
	}

	/** Resolves when no frame is being drawn or waiting. */
	settled(): Promise<void> {
		return this.#drawing ?? Promise.resolve();
	}

	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#waiting = null;
	}

	async #drawWaiting(): Promise<void> {
		try {
			while (this.#waiting !== null) {
				const frame = this.#waiting;
				this.#waiting = null;
				try {
					this.#ondrawn(await this.#paint(frame));
				} catch (error) {
					// The next frame is still drawn. A fault that repeats every frame is logged
					// the first time and then once per 100.
					if (this.#failures++ % 100 === 0) {
						console.error(`chart: drawing a frame failed (${this.#failures} so far):`, error);
					}
				}
			}
		} finally {
			this.#drawing = null;
		}
	}
}
