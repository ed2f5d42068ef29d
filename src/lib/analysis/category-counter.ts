/**
 * Record counts per category, with the category dictionary that a source grows batch by batch
 * (`ColumnBatch.newCategories`, appended in order).
 */
export class CategoryCounter {
	#names: string[] = [];
	#counts: number[] = [];

	/** Appends names to the dictionary, so the first new one gets index `size`. */
	addNames(names: readonly string[]): void {
		for (const name of names) {
			this.#names.push(name);
			this.#counts.push(0);
		}
	}

	/**
	 * Counts the first `count` entries of a category column, or with `step` −1 takes them out of
	 * the counts. Entries of -1 (no category), out of the dictionary's range, or past the column's
	 * end are not counted.
	 */
	countColumn(category: Int32Array, count: number, step: 1 | -1 = 1): void {
		const counts = this.#counts;
		const size = counts.length;
		const end = Math.min(count, category.length);
		for (let i = 0; i < end; i++) {
			const c = category[i];
			if (c >= 0 && c < size) counts[c] += step;
		}
	}

	/** Number of names in the dictionary. */
	get size(): number {
		return this.#names.length;
	}

	/**
	 * Returns the `limit` categories with the most records, by count descending and, for equal
	 * counts, in dictionary order. Categories with no records are left out.
	 */
	top(limit: number): { name: string; count: number }[] {
		const indices: number[] = [];
		for (let c = 0; c < this.#counts.length; c++) {
			if (this.#counts[c] > 0) indices.push(c);
		}
		indices.sort((a, b) => this.#counts[b] - this.#counts[a] || a - b);
		return indices.slice(0, limit).map((c) => ({ name: this.#names[c], count: this.#counts[c] }));
	}

	clear(): void {
		this.#names = [];
		this.#counts = [];
	}
}
