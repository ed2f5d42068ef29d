/**
 * Record counts per category, with the category dictionary that a source grows batch by batch
 * (`ColumnBatch.newCategories`, appended in order).
 */
export class CategoryCounter {
	#names: string[] = [];
	#counts: number[] = [];
	/** Sum of the counts: the records counted with a category. */
	#records = 0;
	/** Categories whose count is above 0. */
	#active = 0;

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
		let records = 0;
		let active = 0;
		for (let i = 0; i < end; i++) {
			const c = category[i];
			if (c < 0 || c >= size) continue;
			const before = counts[c];
			counts[c] = before + step;
			records += step;
			if (before === 0) active++;
			else if (before + step === 0) active--;
		}
		this.#records += records;
		this.#active += active;
	}

	/** Number of names in the dictionary. */
	get size(): number {
		return this.#names.length;
	}

	/** Records counted with a category, the sum of all counts. */
	get records(): number {
		return this.#records;
	}

	/** Categories with at least one record counted. */
	get active(): number {
		return this.#active;
	}

	/**
	 * Returns the `limit` categories with the most records, by count descending and, for equal
	 * counts, in dictionary order. Categories with no records are left out.
	 *
	 * It runs on every view, so it keeps only the best `limit` while it passes over the counts
	 * instead of sorting them all: a field with thousands of categories costs one pass.
	 */
	top(limit: number): { name: string; count: number }[] {
		const counts = this.#counts;
		const best: number[] = [];
		for (let c = 0; c < counts.length; c++) {
			const count = counts[c];
			if (count <= 0) continue;
			if (best.length === limit && count <= counts[best[limit - 1]]) continue;
			// After the last of a count at least as high, so that equal counts keep dictionary order.
			let at = best.length;
			while (at > 0 && counts[best[at - 1]] < count) at--;
			best.splice(at, 0, c);
			if (best.length > limit) best.pop();
		}
		return best.map((c) => ({ name: this.#names[c], count: counts[c] }));
	}

	clear(): void {
		this.#names = [];
		this.#counts = [];
		this.#records = 0;
		this.#active = 0;
	}
}
