import { complementCode, FuzzyArt } from './fuzzy-art';
import { SortedWindow } from './sorted-window';

/** Parameters of one shape-novelty feature. */
export interface ShapeNoveltyOptions {
	/** Records merged into one downsampled point. */
	step: number;
	/** Downsampled points in the window whose shape is learned. */
	window: number;
	/** Downsampled points whose minimum and maximum set the scale of the level features. */
	history: number;
	/** Fuzzy ART vigilance: the match a known shape needs to absorb a window. */
	vigilance: number;
	/** Fuzzy ART categories kept. */
	capacity: number;
}

/**
 * Novelty of the latest window of a stream: how unlike every shape seen before it is. After the
 * adaptive resonance detector ARTime (Mark Hampton, github.com/markNZed/ARTimeNAB.jl), reduced to
 * what a streaming worker can compute from the records seen so far.
 *
 * Every `step` records become one point: the maximum or the minimum of those records, whichever is
 * further from a moving average of their means, so that a short spike is kept. The last `window`
 * points give 2 · `window` features: each point scaled by the minimum and maximum of the last
 * `history` points (the level), and each point scaled by the window's own minimum and maximum (the
 * shape). Fuzzy ART learns these windows, and the novelty is 1 minus the best match of any learned
 * window before this one is learned: 0 for a window like a known one, up to 1.
 *
 * Unlike ARTime, the scale comes from the points seen so far rather than from the whole file, the
 * vigilance is fixed rather than adapted, and the novelty is a score for another stage to
 * judge, not a decision.
 */
export class ShapeNovelty {
	readonly options: ShapeNoveltyOptions;
	#art: FuzzyArt;
	#pending: number[] = [];
	#movingAverage = NaN;
	#points: number[] = [];
	#levels: SortedWindow;

	constructor(options: ShapeNoveltyOptions) {
		this.options = options;
		this.#art = new FuzzyArt(options.vigilance, 1, options.capacity);
		this.#levels = new SortedWindow(options.history);
	}

	/**
	 * Adds one record. Returns the novelty of the window that it completes, or NaN when it does not
	 * complete a downsampled point or the window is not full yet. Non-finite values are skipped.
	 */
	push(value: number): number {
		if (!Number.isFinite(value)) return NaN;
		this.#pending.push(value);
		if (this.#pending.length < this.options.step) return NaN;

		const point = this.#downsample(this.#pending);
		this.#pending = [];
		this.#points.push(point);
		this.#levels.push(point);
		if (this.#points.length > this.options.window) this.#points.shift();
		if (this.#points.length < this.options.window) return NaN;

		const features = [
			...scaleTo(this.#points, this.#levels.min, this.#levels.max),
			...scaleTo(this.#points, Math.min(...this.#points), Math.max(...this.#points))
		];
		return 1 - this.#art.present(complementCode(features));
	}

	#downsample(records: number[]): number {
		let sum = 0;
		for (const v of records) sum += v;
		const mean = sum / records.length;
		const high = Math.max(...records);
		const low = Math.min(...records);
		this.#movingAverage = Number.isNaN(this.#movingAverage)
			? mean
			: (this.#movingAverage + mean) / 2;
		const average = this.#movingAverage;
		return Math.abs(high - average) >= Math.abs(low - average) ? high : low;
	}
}

/** Scales values linearly so that `low` maps to 0 and `high` to 1, or to 0.5 when they are equal. */
function scaleTo(values: number[], low: number, high: number): number[] {
	const range = high - low;
	return values.map((v) => (range > 0 ? (v - low) / range : 0.5));
}
