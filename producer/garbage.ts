import { createSeededRandom } from '../src/lib/sim/seeded-random';

/**
 * Forms of invalid JSON, made from a valid message: cut in half, a stray brace, single quotes,
 * a NaN value, plain text and control bytes. None is blank, so a reader must reject every one.
 */
const GARBAGE_FORMS: ((message: string) => string)[] = [
	(message) => message.slice(0, Math.max(1, message.length >> 1)),
	(message) => message + '}',
	(message) => message.replace(/"/g, "'"),
	(message) => message.slice(0, -1) + ',"extra":NaN}',
	() => 'garbage',
	() => '\u0000\u0001\u0002'
];

/** Offset for the seed of the garbage draws, so that records stay the same as without garbage. */
const SEED_OFFSET = 0x9e3779b9;

/**
 * Replaces a seeded share of messages with invalid JSON, for testing how readers cope with a
 * corrupted stream. The same seed and rate replace the same messages.
 */
export class GarbageInjector {
	readonly #rate: number;
	readonly #uniform: () => number;
	#replaced = 0;

	/**
	 * @param rate - Share of messages to replace, 0 to 1.
	 * @param seed - The run's seed.
	 */
	constructor(rate: number, seed: number) {
		this.#rate = rate;
		this.#uniform = createSeededRandom((seed + SEED_OFFSET) >>> 0).uniform;
	}

	/** Messages replaced so far. */
	get replaced(): number {
		return this.#replaced;
	}

	/** Returns `message` unchanged, or invalid JSON in its place for a `rate` share of calls. */
	apply(message: string): string {
		const form = this.#draw();
		return form === null ? message : form(message);
	}

	/**
	 * Makes the same draw as `apply` without building a message, so that a reader that starts
	 * mid-run gets the same messages replaced as one that read from the start.
	 */
	skip(): void {
		this.#draw();
	}

	/** Draws whether the next message is replaced, and returns its form when it is. */
	#draw(): ((message: string) => string) | null {
		if (this.#rate === 0 || this.#uniform() >= this.#rate) return null;

		const form = GARBAGE_FORMS[this.#replaced % GARBAGE_FORMS.length];
		this.#replaced += 1;
		return form;
	}
}
