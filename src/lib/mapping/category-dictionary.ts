/**
 * Maximum number of distinct category names one source keeps. The analysis worker's counts and
 * every recorded chunk copy the names. Without a limit, a category field with a new value in each
 * record (an id, say) would grow them all for as long as the stream runs.
 */
export const MAX_CATEGORIES = 10_000;

/**
 * Category names and their indexes, which stay the same for as long as the source runs, so a
 * batch's category column can name them by index and list only the names new to it.
 *
 * The dictionary keeps at most `limit` names. Once it is full, a new name gets index -1, which
 * the rest of the app reads as a record without a category, and {@link rejected} counts it.
 */
export class CategoryDictionary {
	readonly #indexes = new Map<string, number>();
	/** The names by index. */
	readonly #names: string[] = [];
	/** Names added since the last {@link takeNew}. */
	#fresh: string[] = [];
	readonly #limit: number;
	#rejected = 0;

	/** @throws RangeError when `limit` is not a positive integer. */
	constructor(limit = MAX_CATEGORIES) {
		if (!Number.isInteger(limit) || limit < 1) {
			throw new RangeError(`limit must be a positive integer, got ${String(limit)}`);
		}
		this.#limit = limit;
	}

	/** Returns the index of `name`, adding it when there is room, or -1 when the dictionary is full. */
	index(name: string): number {
		const known = this.#indexes.get(name);
		if (known !== undefined) return known;
		if (this.#names.length === this.#limit) {
			this.#rejected++;
			return -1;
		}
		const index = this.#names.length;
		this.#indexes.set(name, index);
		this.#names.push(name);
		this.#fresh.push(name);
		return index;
	}

	/** Returns the name at `index`, or undefined for -1 and indexes not given out. */
	name(index: number): string | undefined {
		return this.#names[index];
	}

	/** Number of names held. */
	get size(): number {
		return this.#names.length;
	}

	/** Maximum number of names. */
	get limit(): number {
		return this.#limit;
	}

	/** Lookups of a name that found the dictionary full, one per record left without a category. */
	get rejected(): number {
		return this.#rejected;
	}

	/** Returns the names added since the last call, in index order, and starts a new list. */
	takeNew(): string[] {
		const fresh = this.#fresh;
		this.#fresh = [];
		return fresh;
	}
}
