/**
 * Fuzzy ART, Carpenter and Grossberg's adaptive resonance theory for analog inputs, over
 * complement-coded inputs: an online clustering that keeps a category for each kind of input it
 * has seen and opens a new one when no category matches an input closely enough.
 *
 * An input is a vector a of d values in [0, 1], coded as I = (a, 1 − a), so |I| = d. For a
 * category with weights w, the match is |I ∧ w| / d, where ∧ is the element-wise minimum and |·| the
 * sum. Categories are tried in decreasing order of the choice value |I ∧ w| / (α + |w|), and the
 * first whose match reaches the vigilance learns w ← β (I ∧ w) + (1 − β) w. When none does, the
 * input becomes a new category. Written here because npm has no maintained fuzzy ART package.
 */
export class FuzzyArt {
	readonly vigilance: number;
	readonly learningRate: number;
	readonly capacity: number;
	readonly choice: number;
	#weights: Float64Array[] = [];
	/** |w| of each category, kept so that a presentation sums only the overlaps. */
	#sizes: number[] = [];
	/** Presentation count at which each category last learned, for replacing the least recent. */
	#lastUsed: number[] = [];
	#presented = 0;

	/**
	 * @param vigilance match in [0, 1] that a category needs to learn an input
	 * @param learningRate β in (0, 1]; 1 is fast learning
	 * @param capacity categories kept; a new one then replaces the least recently used
	 * @param choice α > 0 of the choice value, which favours smaller categories among equal matches
	 */
	constructor(vigilance: number, learningRate = 1, capacity = 300, choice = 0.001) {
		this.vigilance = vigilance;
		this.learningRate = learningRate;
		this.capacity = capacity;
		this.choice = choice;
	}

	get categoryCount(): number {
		return this.#weights.length;
	}

	/**
	 * Presents one complement-coded input and learns it. Returns the best match of any category
	 * before learning, 0 when there is none.
	 *
	 * @throws Error when the input's length is odd or differs from the earlier inputs'.
	 */
	present(input: Float64Array): number {
		const length = input.length;
		const expected = this.#weights.length > 0 ? this.#weights[0].length : length;
		if (length % 2 !== 0 || length !== expected) {
			const requirement = length === expected ? 'an even length' : `length ${expected}`;
			throw new Error(`invalid fuzzy ART input: length ${length}, expected ${requirement}`);
		}
		const d = length / 2;
		this.#presented++;

		// The first category in decreasing order of choice value whose match reaches the vigilance
		// is the one with the highest choice value among those that reach it, so one scan finds it.
		let bestMatch = 0;
		let resonant = -1;
		let resonantChoice = -Infinity;
		for (let index = 0; index < this.#weights.length; index++) {
			const weights = this.#weights[index];
			let overlap = 0;
			for (let k = 0; k < length; k++) {
				overlap += input[k] < weights[k] ? input[k] : weights[k];
			}
			const match = overlap / d;
			if (match > bestMatch) bestMatch = match;
			const choice = overlap / (this.choice + this.#sizes[index]);
			if (match >= this.vigilance && choice > resonantChoice) {
				resonant = index;
				resonantChoice = choice;
			}
		}

		if (resonant >= 0) {
			const weights = this.#weights[resonant];
			const beta = this.learningRate;
			let size = 0;
			for (let k = 0; k < length; k++) {
				weights[k] = beta * Math.min(input[k], weights[k]) + (1 - beta) * weights[k];
				size += weights[k];
			}
			this.#sizes[resonant] = size;
			this.#lastUsed[resonant] = this.#presented;
			return bestMatch;
		}

		if (this.#weights.length >= this.capacity) {
			const oldest = this.#lastUsed.indexOf(Math.min(...this.#lastUsed));
			this.#weights.splice(oldest, 1);
			this.#sizes.splice(oldest, 1);
			this.#lastUsed.splice(oldest, 1);
		}
		this.#weights.push(Float64Array.from(input));
		this.#sizes.push(d);
		this.#lastUsed.push(this.#presented);
		return bestMatch;
	}
}

/** Complement-codes values in [0, 1]: (a, 1 − a). */
export function complementCode(values: ArrayLike<number>): Float64Array {
	const n = values.length;
	const coded = new Float64Array(2 * n);
	for (let k = 0; k < n; k++) {
		coded[k] = values[k];
		coded[n + k] = 1 - values[k];
	}
	return coded;
}
