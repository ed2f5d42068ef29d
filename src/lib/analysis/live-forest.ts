import { createSeededRandom } from '../sim/seeded-random';
import {
	FOREST_FIRST_TRAINING,
	FOREST_LIVE_THRESHOLD,
	FOREST_TRAINING_WINDOW
} from './detector-limits';
import {
	DEFAULT_ISOLATION_FOREST,
	flattenForest,
	scoreRow,
	seededSample,
	trainSeeded,
	type FlatForest
} from './isolation-forest';
import { MovingAverage } from './moving-average';

/** Features per record: value, residual from the moving average, change from the last value. */
const FEATURES = 3;

/**
 * Isolation forest for a live stream: it scores each record as it arrives with the forest
 * trained last, and trains a new forest on the newest records as they accumulate.
 *
 * The features are those of the analysis page's forest (`isolationFeatures`): the value, its
 * residual from the simple moving average over `window` values, and its change from the previous
 * finite value. They are standardised with the mean and standard deviation of the training
 * window, so each forest works in the units of the data it was trained on. A feature constant
 * over the window is only centred. Records are scored with `scoreRow`, which cuts a record beyond the
 * training rows off early where their range was narrow: a spike in a flat series scores near 1,
 * where the plain path length would score it as ordinary.
 *
 * Training: the first forest after FOREST_FIRST_TRAINING finite records, then a new one each
 * time the count has doubled, and every FOREST_TRAINING_WINDOW records from then on. Each
 * forest is trained on a seeded sample of `sampleSize` rows of the newest FOREST_TRAINING_WINDOW
 * records. A record is scored before it joins the training rows, so no forest has seen the
 * records it scores. Records before the first forest, and non-finite values, score NaN.
 * Training cost stays bounded: about 10 ms per forest of 100 trees on 256 rows.
 *
 * Written here because ml-isolation-forest trains and predicts in batch only.
 */
export class LiveForest {
	/** Score above which a record is an anomaly. */
	threshold: number;
	readonly #trees: number;
	readonly #sampleSize: number;
	readonly #random: ReturnType<typeof createSeededRandom>;
	readonly #average: MovingAverage;
	#previous = NaN;
	/** Raw feature rows of the newest finite records, a ring of FOREST_TRAINING_WINDOW rows. */
	readonly #rows = new Float64Array(FOREST_TRAINING_WINDOW * FEATURES);
	#next = 0;
	#filled = 0;
	#seen = 0;
	#nextTraining = FOREST_FIRST_TRAINING;
	#forest: FlatForest | null = null;
	readonly #mean = new Float64Array(FEATURES);
	readonly #std = new Float64Array(FEATURES);
	readonly #row = new Float64Array(FEATURES);
	#trainings = 0;

	constructor(threshold = FOREST_LIVE_THRESHOLD) {
		const o = DEFAULT_ISOLATION_FOREST;
		this.threshold = threshold;
		this.#trees = o.trees;
		this.#sampleSize = o.sampleSize;
		this.#random = createSeededRandom(o.seed);
		this.#average = new MovingAverage(o.window);
	}

	/** Forests trained so far. */
	get trainings(): number {
		return this.#trainings;
	}

	/**
	 * Scores `value` with the current forest, from 0 to 1 (0.5 is ordinary, near 1 is isolated
	 * at once), then adds it to the training rows. Returns NaN before the first forest and for a
	 * value that is not finite, which also leaves every feature unchanged.
	 */
	push(value: number): number {
		if (!Number.isFinite(value)) return NaN;
		const average = this.#average.push(value);
		const change = Number.isFinite(this.#previous) ? value - this.#previous : 0;
		this.#previous = value;
		const offset = this.#next * FEATURES;
		this.#rows[offset] = value;
		this.#rows[offset + 1] = value - average;
		this.#rows[offset + 2] = change;
		this.#next = (this.#next + 1) % FOREST_TRAINING_WINDOW;
		if (this.#filled < FOREST_TRAINING_WINDOW) this.#filled++;
		this.#seen++;

		const score = this.#forest === null ? NaN : this.#score(offset);
		if (this.#seen >= this.#nextTraining) this.#train();
		return score;
	}

	/** Tests whether `score` flags its record; it is compared as the float32 the ring stores. */
	isAnomaly(score: number): boolean {
		return Math.fround(score) > this.threshold;
	}

	#score(offset: number): number {
		const row = this.#row;
		for (let c = 0; c < FEATURES; c++) {
			const x = this.#rows[offset + c];
			row[c] = this.#standardise(x, c);
		}
		return scoreRow(this.#forest!, row);
	}

	/** Standardises feature `c`; a feature without spread in the training window is centred. */
	#standardise(x: number, c: number): number {
		const std = this.#std[c];
		return std > 0 ? (x - this.#mean[c]) / std : x - this.#mean[c];
	}

	#train(): void {
		const rows = this.#rows;
		const count = this.#filled;
		for (let c = 0; c < FEATURES; c++) {
			let mean = 0;
			for (let i = 0; i < count; i++) mean += rows[i * FEATURES + c] / count;
			let variance = 0;
			for (let i = 0; i < count; i++) variance += (rows[i * FEATURES + c] - mean) ** 2 / count;
			this.#mean[c] = mean;
			this.#std[c] = Math.sqrt(variance);
		}

		const indices = Array.from({ length: count }, (_, i) => i);
		const size = Math.min(this.#sampleSize, count);
		const sample = seededSample(indices, size, this.#random.uniform).map((i) => {
			const row: number[] = [];
			for (let c = 0; c < FEATURES; c++) row.push(this.#standardise(rows[i * FEATURES + c], c));
			return row;
		});
		const forest = trainSeeded(sample, this.#trees, this.#random.uniform);
		this.#forest = flattenForest(forest.forest, size);
		this.#trainings++;
		this.#nextTraining = this.#seen + Math.min(this.#seen, FOREST_TRAINING_WINDOW);
	}
}
