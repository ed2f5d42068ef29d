import type { SimOptions } from '../protocol';
import { validateSimOptions } from './options';
import { sawtoothAt, sineAt, trendingAt } from './patterns';
import { RandomWalk } from './random-walk';
import { createSeededRandom, type SeededRandom } from './seeded-random';

export { defaultSimOptions } from './options';

/** One simulated record, in the zero-setup format that the dashboard maps without a prompt. */
export interface SimRecord {
	/** ISO 8601 in UTC with milliseconds, e.g. `2024-01-20T10:30:00.000Z`. */
	timestamp: string;
	/** Rounded to 3 decimals. */
	value: number;
	category: string;
	status: 'normal' | 'anomaly';
	metadata: { source: string; location: string };
}

/** One record in columns, as `Generator.nextInto` writes it. */
export interface SimSample {
	/** Epoch milliseconds, whole. */
	time: number;
	value: number;
	/** Index into `Generator.categories`. */
	category: number;
}

/** Category names with their shares of records, uneven so that a distribution chart has shape. */
const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
	['A', 0.4],
	['B', 0.3],
	['C', 0.2],
	['D', 0.1]
];

/** Sensor and building of each category, so that metadata costs no random draws. */
const CATEGORY_METADATA: readonly { source: string; location: string }[] = [
	{ source: 'sensor_1', location: 'building_a' },
	{ source: 'sensor_2', location: 'building_a' },
	{ source: 'sensor_3', location: 'building_b' },
	{ source: 'sensor_4', location: 'building_b' }
];

/** An injected anomaly moves the value by 6 to 10 times max(noise, 1), up or down. */
const SPIKE_MIN = 6;
const SPIKE_MAX = 10;

/**
 * Returns a function that turns a uniform draw in [0, 1) into a category index with the
 * given weights.
 */
function createCategoryPicker(weights: readonly number[]): (draw: number) => number {
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const upperBounds: number[] = [];
	let cumulative = 0;
	for (const weight of weights) {
		cumulative += weight / total;
		upperBounds.push(cumulative);
	}

	return (draw) => {
		for (let index = 0; index < upperBounds.length - 1; index++) {
			if (draw < upperBounds[index]) return index;
		}
		return upperBounds.length - 1;
	};
}

function roundTo3(value: number): number {
	return Math.round(value * 1000) / 1000;
}

/**
 * A seeded stream of simulated records. Record i has time startMs + i · 1000 / rate,
 * rounded to whole milliseconds. Two generators with the same options and startMs produce
 * the same records in the same order.
 *
 * `next()` and `nextInto()` take the same random draws, so they can be mixed and give the
 * same numbers.
 */
export class Generator {
	/** Category names; `SimSample.category` indexes this list. */
	readonly categories: readonly string[] = CATEGORY_WEIGHTS.map(([name]) => name);
	readonly options: Readonly<SimOptions>;

	readonly #startMs: number;
	readonly #random: SeededRandom;
	readonly #signalAt: (elapsedS: number) => number;
	readonly #pickCategory = createCategoryPicker(CATEGORY_WEIGHTS.map(([, weight]) => weight));
	readonly #sample: SimSample = { time: 0, value: 0, category: 0 };
	#index = 0;
	#lastWasAnomaly = false;

	/**
	 * @param startMs epoch milliseconds of the first record
	 * @throws RangeError when an option is invalid or startMs is not finite
	 */
	constructor(options: SimOptions, startMs: number) {
		const result = validateSimOptions({ ...options });
		if ('error' in result) throw new RangeError(result.error);
		if (!Number.isFinite(startMs)) throw new RangeError(`invalid startMs ${startMs}`);

		this.options = Object.freeze(result.options);
		this.#startMs = startMs;
		this.#random = createSeededRandom(this.options.seed);
		this.#signalAt = this.#createSignal();
	}

	/** Records produced so far; also the index of the next record. */
	get count(): number {
		return this.#index;
	}

	/** Returns the next record of the run. */
	next(): SimRecord {
		const sample = this.#sample;
		this.nextInto(sample);

		return {
			timestamp: new Date(sample.time).toISOString(),
			value: sample.value,
			category: this.categories[sample.category],
			status: this.#lastWasAnomaly ? 'anomaly' : 'normal',
			metadata: { ...CATEGORY_METADATA[sample.category] }
		};
	}

	/**
	 * Writes the next record's time, value and category index into `out` without building a
	 * record object, for the in-browser fast path. The numbers equal those of `next()`.
	 */
	nextInto(out: SimSample): void {
		const { rate, noise, anomalyRate } = this.options;
		const random = this.#random;
		const index = this.#index++;
		const elapsedS = index / rate;

		// Every record takes the same draws in the same order, used or not, so that runs with
		// one seed and a different noise or anomaly rate keep the same categories and spikes.
		const category = this.#pickCategory(random.uniform());
		let value = this.#signalAt(elapsedS) + noise * random.normal();
		const isAnomaly = random.uniform() < anomalyRate;
		const spikeSize = SPIKE_MIN + (SPIKE_MAX - SPIKE_MIN) * random.uniform();
		const spikeSign = random.uniform() < 0.5 ? -1 : 1;
		if (isAnomaly) {
			value += spikeSign * spikeSize * Math.max(noise, 1);
		}

		this.#lastWasAnomaly = isAnomaly;
		out.time = Math.round(this.#startMs + (index * 1000) / rate);
		out.value = roundTo3(value);
		out.category = category;
	}

	#createSignal(): (elapsedS: number) => number {
		const { pattern, base, rate } = this.options;
		switch (pattern) {
			case 'sine':
				return (elapsedS) => sineAt(elapsedS, base);
			case 'trending':
				return (elapsedS) => trendingAt(elapsedS, base);
			case 'sawtooth':
				return (elapsedS) => sawtoothAt(elapsedS, base);
			case 'random': {
				// The walk advances one step per call, which matches one call per record.
				const walk = new RandomWalk(base, rate, this.#random.normal);
				return () => walk.step();
			}
		}
	}
}
