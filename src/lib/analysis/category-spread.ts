import type { CategorySpreadResult } from '../protocol';

/** Records after a reset over which the category's share of the spread is measured. */
export const CATEGORY_SPREAD_SAMPLE = 2000;

/** Records a category needs in the sample to count toward the measure. */
const MIN_GROUP_RECORDS = 3;

/** Running count, mean and sum of squared deviations (Welford). */
interface Moments {
	n: number;
	mean: number;
	m2: number;
}

function addTo(moments: Moments, value: number): void {
	moments.n += 1;
	const delta = value - moments.mean;
	moments.mean += delta / moments.n;
	moments.m2 += delta * (value - moments.mean);
}

/**
 * Measures, over the first CATEGORY_SPREAD_SAMPLE records since the last `clear`, how much of the
 * first value field's spread the category explains. The figure is ε², η² adjusted for the number
 * of categories, so that many labels on noise do not read as separate series. Near 1, each
 * category's values lie apart from the others', as when several sensors take turns in one stream
 * (one at 20, one at 0.1), and one line through them all zigzags between them. Near 0, the
 * category labels records of one signal. The page suggests a split only in the first case.
 * Records without a category or a finite value are left out. Welford's updates keep the sums
 * exact enough for values far from 0, such as epoch-sized counters.
 */
export class CategorySpread {
	#seen = 0;
	#all: Moments = { n: 0, mean: 0, m2: 0 };
	#groups = new Map<number, Moments>();

	/** Takes the first `count` records of a batch until the sample is full. */
	add(values: Float64Array | undefined, categories: Int32Array, count: number): void {
		if (values === undefined) return;
		const end = Math.min(count, categories.length, CATEGORY_SPREAD_SAMPLE - this.#seen);
		if (end <= 0) return;
		this.#seen += end;
		for (let i = 0; i < end; i++) {
			const category = categories[i];
			const value = values[i];
			if (category < 0 || !Number.isFinite(value)) continue;
			let group = this.#groups.get(category);
			if (group === undefined) {
				group = { n: 0, mean: 0, m2: 0 };
				this.#groups.set(category, group);
			}
			addTo(group, value);
			addTo(this.#all, value);
		}
	}

	get result(): CategorySpreadResult {
		let within = 0;
		let categories = 0;
		for (const group of this.#groups.values()) {
			within += group.m2;
			if (group.n >= MIN_GROUP_RECORDS) categories++;
		}
		const total = this.#all.m2;
		const n = this.#all.n;
		const k = this.#groups.size;
		// ε²: η² of pure noise is about (k − 1) / (n − 1), so 1,000 labels on 2,000 random
		// values would read about 0.5 without the adjustment.
		const ratio =
			categories >= 2 && total > 0 && n > k
				? Math.max(0, 1 - within / (n - k) / (total / (n - 1)))
				: NaN;
		return { ratio, categories };
	}

	clear(): void {
		this.#seen = 0;
		this.#all = { n: 0, mean: 0, m2: 0 };
		this.#groups.clear();
	}
}
