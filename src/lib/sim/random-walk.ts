import { amplitudeFor } from './patterns';

/** Time constant of the random pattern, in seconds: its offset from base decays by 1/e over it. */
export const RANDOM_WALK_TIME_CONSTANT_S = 10;

/**
 * The random pattern: an Ornstein–Uhlenbeck process around `base`, that is a random walk
 * pulled back towards base. Its long-run standard deviation is the pattern amplitude.
 *
 * Each step uses the exact discretisation for a step of 1/rate seconds, so the shape over
 * time is the same at any rate.
 */
export class RandomWalk {
	readonly #base: number;
	readonly #decay: number;
	readonly #stepStd: number;
	readonly #normal: () => number;
	#offset = 0;

	/**
	 * @param rate records per second; one `step()` covers 1/rate seconds
	 * @param normal standard normal draws, consumed one per step
	 */
	constructor(base: number, rate: number, normal: () => number) {
		const stepS = 1 / rate;
		const longRunStd = amplitudeFor(base);

		this.#base = base;
		this.#decay = Math.exp(-stepS / RANDOM_WALK_TIME_CONSTANT_S);
		this.#stepStd = longRunStd * Math.sqrt(1 - this.#decay * this.#decay);
		this.#normal = normal;
	}

	/** Advances the walk by one record and returns its value. */
	step(): number {
		this.#offset = this.#decay * this.#offset + this.#stepStd * this.#normal();

		return this.#base + this.#offset;
	}
}
