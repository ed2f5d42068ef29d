import { MAX_SPLIT_LINES } from '../mapping/split-choice';
import type { ColumnBatch, SplitSummary } from '../protocol';
import type { NumericColumn } from '../store/ring-buffer';
import {
	SeriesAnalysis,
	derivedColumnNames,
	type DerivedBatch,
	type DerivedColumnNames,
	type LineSettings,
	type PriorScores
} from './series-analysis';

export { MAX_SPLIT_LINES };

/** Scores the ring's records had before a late batch, per value field, for `derive`. */
export interface PriorColumns {
	/** Per record, its index in the batch that brought it, or -1 for a record already scored. */
	arrival: Int32Array;
	/** Stored score column of each value field. */
	score: Float32Array[];
	/** Stored anomaly flags of each value field. */
	anomaly: Uint8Array[];
}

/** Line state of a (value field, category) pair that has no line. */
const NO_LINE = -1;
const OMITTED = -2;

/**
 * The series a stream charts, each with its incremental analyses.
 *
 * Without a split there is one series per value field. Split by a category field, there is one
 * line per value field and category value, named by the category value alone when one value
 * field is charted, and `field · value` when several are. A line starts with the first
 * record of its category that has a finite value in its field. So a category that appears later
 * in the stream joins as a new line, and a category whose values are all gaps (a door sensor's
 * "on" and "off") gets none. Records without a category form a line of their own.
 *
 * At most {@link MAX_SPLIT_LINES} lines are made. Further categories are counted in the
 * summary, which the page shows, and their records still count in the record and category
 * figures.
 *
 * Lines are only appended, so a line keeps its index for as long as the stream runs.
 */
export class SeriesLines {
	readonly #fields: readonly string[];
	/** Dotted path of the split field, or null when the series are not split. */
	readonly #split: string | null;
	readonly #categoryColumn: string;
	/** Index of the record count's column, or -1 when none is charted. */
	readonly #countColumn: number;
	#settings: LineSettings;
	readonly #lines: SeriesAnalysis[] = [];
	readonly #names: string[] = [];
	/** Category names by index, as the source's dictionary grows. */
	readonly #categoryNames: string[] = [];
	/** Per value field, the line index of each category at `category + 1`, or NO_LINE / OMITTED. */
	#lineOf: Int32Array[];
	readonly #omittedCategories = new Set<number>();
	#omittedRecords = 0;

	/**
	 * @param fields - Names of the value fields, in batch column order.
	 * @param split - Dotted path of the field that splits the series, or null for none. The
	 *   batches' category column must then hold that field's values.
	 * @param categoryColumn - Name of the ring's int32 category column.
	 * @param countColumn - Index of the record count's column among `fields`, or -1 for none.
	 */
	constructor(
		fields: readonly string[],
		split: string | null,
		settings: LineSettings,
		categoryColumn: string,
		countColumn = -1
	) {
		this.#fields = [...fields];
		this.#split = split;
		this.#countColumn = countColumn;
		this.#settings = lineSettings(settings);
		this.#categoryColumn = categoryColumn;
		this.#lineOf = fields.map(() => new Int32Array(16).fill(NO_LINE));
		if (split === null) {
			fields.forEach((name, s) => {
				this.#lines.push(new SeriesAnalysis(s, this.#settings));
				this.#names.push(name);
			});
		}
	}

	/** Sets the analysis settings of lines that start from now on. */
	configure(settings: LineSettings): void {
		this.#settings = lineSettings(settings);
	}

	/** Number of value columns in each batch and in the ring. */
	get fieldCount(): number {
		return this.#fields.length;
	}

	/** Name of value field `series`, in batch column order. */
	fieldName(series: number): string {
		return this.#fields[series];
	}

	/** The series in index order; a split series' lines in the order they started. */
	get lines(): readonly SeriesAnalysis[] {
		return this.#lines;
	}

	/** Series names by index: the value field, or the category (with its field) for a line. */
	get names(): readonly string[] {
		return this.#names;
	}

	/** Returns the lines made and the categories left out, or undefined without a split. */
	summary(): SplitSummary | undefined {
		if (this.#split === null) return undefined;
		return {
			field: this.#split,
			columns: [...this.#fields],
			lines: this.#lines.length,
			limit: MAX_SPLIT_LINES,
			omittedCategories: this.#omittedCategories.size,
			omittedRecords: this.#omittedRecords
		};
	}

	/**
	 * Takes in the batch's new category names and starts a line for each (value field, category)
	 * pair whose first finite value it brings, up to the limit. Call it before the batch's
	 * analyses run, so that new lines take part in them.
	 */
	admit(batch: ColumnBatch): void {
		this.#categoryNames.push(...batch.newCategories);
		if (this.#split === null) return;

		const count = batch.count;
		const categories = batch.category;
		for (let i = 0; i < count; i++) {
			const category = i < categories.length ? categories[i] : -1;
			let omitted = false;
			for (let s = 0; s < this.#fields.length; s++) {
				const v = batch.values[s][i];
				if (v - v !== 0) {
					// The batch builder counts only the categories that can still get a line, so a
					// record with no count is of a category left out at the limit.
					if (s === this.#countColumn) omitted = this.#omitLine(s, category) || omitted;
					continue;
				}
				let state = this.#stateOf(s, category);
				if (state === NO_LINE) state = this.#startLine(s, category);
				if (state === OMITTED) omitted = true;
			}
			if (omitted) this.#omittedRecords++;
		}
	}

	/**
	 * Derives the moving average, scores, anomaly flags and band columns of every series for
	 * `count` records in columns, keyed by ring column name. With `pushStats` the values also
	 * enter the running figures, as for records appended in order. `prior` carries the scores of
	 * records derived before, for a tail derived again after a late batch.
	 *
	 * Each line of a split series gets its category's records gathered into one array, so its
	 * analyses see only its own values, and writes its results back at those records. Records
	 * on no line keep NaN, and 0 for the flags.
	 */
	derive(
		values: readonly Float64Array[],
		time: Float64Array,
		categories: Int32Array,
		count: number,
		pushStats: boolean,
		prior?: PriorColumns
	): Record<string, NumericColumn> {
		const extras: Record<string, NumericColumn> = {};
		if (this.#split === null) {
			for (const analysis of this.#lines) {
				const s = analysis.series;
				const column = values[s];
				const derived = pushStats
					? analysis.ingest(column, time, count)
					: analysis.derive(column, time, count, prior && priorOf(prior, s));
				putDerived(extras, analysis.columns, derived);
			}
			return extras;
		}

		const members = indexesByCategory(categories, count);
		const outputs = this.#fields.map(() => emptyDerived(count));
		for (const analysis of this.#lines) {
			const indexes = members.get(analysis.line!.category);
			if (indexes === undefined) continue;

			const s = analysis.series;
			const gathered = gather(values[s], indexes, new Float64Array(indexes.length));
			const times = gather(time, indexes, new Float64Array(indexes.length));
			const derived = pushStats
				? analysis.ingest(gathered, times, gathered.length)
				: analysis.derive(
						gathered,
						times,
						gathered.length,
						prior && gatherPrior(priorOf(prior, s), indexes)
					);
			scatter(derived, indexes, outputs[s]);
		}
		outputs.forEach((output, s) => putDerived(extras, derivedColumnNames(s), output));
		return extras;
	}

	/**
	 * Returns the index of the series that takes field `field` of a record of category index
	 * `category`, or -1 when none does (a split category left out, or not started yet).
	 */
	lineIndex(field: number, category: number): number {
		if (this.#split === null) return field;
		const state = this.#stateOf(field, category);
		return state >= 0 ? state : -1;
	}

	#stateOf(field: number, category: number): number {
		const slot = category + 1;
		const states = this.#lineOf[field];
		return slot < states.length ? states[slot] : NO_LINE;
	}

	#setState(field: number, category: number, state: number): void {
		const slot = category + 1;
		let states = this.#lineOf[field];
		if (slot >= states.length) {
			const grown = new Int32Array(Math.max(slot + 1, states.length * 2)).fill(NO_LINE);
			grown.set(states);
			this.#lineOf[field] = states = grown;
		}
		states[slot] = state;
	}

	/** Starts the line of a (field, category) pair, or marks the category omitted at the limit. */
	#startLine(field: number, category: number): number {
		if (this.#lines.length >= MAX_SPLIT_LINES) {
			this.#omitLine(field, category);
			return OMITTED;
		}
		const index = this.#lines.length;
		const line = { column: this.#categoryColumn, category };
		this.#lines.push(new SeriesAnalysis(field, this.#settings, line));
		const label = this.#categoryLabel(category);
		this.#names.push(this.#fields.length === 1 ? label : `${this.#fields[field]} · ${label}`);
		this.#setState(field, category, index);
		return index;
	}

	/**
	 * Marks the (field, category) pair as left out, unless it has a line. Returns whether the pair
	 * is left out.
	 */
	#omitLine(field: number, category: number): boolean {
		const state = this.#stateOf(field, category);
		if (state >= 0) return false;
		if (state !== OMITTED) {
			this.#omittedCategories.add(category);
			this.#setState(field, category, OMITTED);
		}
		return true;
	}

	#categoryLabel(category: number): string {
		if (category < 0) return `(no ${this.#split})`;
		return this.#categoryNames[category] ?? `#${category}`;
	}
}

/** Copies the detector settings a line reads, so later changes to `settings` do not leak in. */
function lineSettings(settings: LineSettings): LineSettings {
	const { maWindow, detector, zWindow, zThreshold, iqrK, forestThreshold } = settings;
	return { maWindow, detector, zWindow, zThreshold, iqrK, forestThreshold };
}

function priorOf(prior: PriorColumns, field: number): PriorScores {
	return { arrival: prior.arrival, score: prior.score[field], anomaly: prior.anomaly[field] };
}

/** Copies `source` at `indexes` into `target`. */
function gather<T extends Float64Array | Float32Array | Uint8Array | Int32Array>(
	source: ArrayLike<number>,
	indexes: Int32Array,
	target: T
): T {
	for (let k = 0; k < indexes.length; k++) target[k] = source[indexes[k]];
	return target;
}

function gatherPrior(prior: PriorScores, indexes: Int32Array): PriorScores {
	const n = indexes.length;
	return {
		arrival: gather(prior.arrival, indexes, new Int32Array(n)),
		score: gather(prior.score, indexes, new Float32Array(n)),
		anomaly: gather(prior.anomaly, indexes, new Uint8Array(n))
	};
}

function putDerived(
	extras: Record<string, NumericColumn>,
	columns: DerivedColumnNames,
	derived: DerivedBatch
): void {
	extras[columns.movingAverage] = derived.movingAverage;
	extras[columns.score] = derived.score;
	extras[columns.anomaly] = derived.anomaly;
	extras[columns.deviation] = derived.deviation;
	extras[columns.std] = derived.std;
}

/** Lists the record indexes of each category among the first `count` entries. */
function indexesByCategory(categories: Int32Array, count: number): Map<number, Int32Array> {
	const sizes = new Map<number, number>();
	for (let i = 0; i < count; i++) {
		const c = i < categories.length ? categories[i] : -1;
		sizes.set(c, (sizes.get(c) ?? 0) + 1);
	}
	const lists = new Map<number, Int32Array>();
	const filled = new Map<number, number>();
	for (const [category, size] of sizes) {
		lists.set(category, new Int32Array(size));
		filled.set(category, 0);
	}
	for (let i = 0; i < count; i++) {
		const c = i < categories.length ? categories[i] : -1;
		const at = filled.get(c)!;
		lists.get(c)![at] = i;
		filled.set(c, at + 1);
	}
	return lists;
}

/** Derived columns of `count` records that no line has written yet. */
function emptyDerived(count: number): DerivedBatch {
	return {
		movingAverage: new Float64Array(count).fill(NaN),
		score: new Float32Array(count).fill(NaN),
		anomaly: new Uint8Array(count),
		deviation: new Float32Array(count).fill(NaN),
		std: new Float32Array(count).fill(NaN)
	};
}

/** Writes a line's derived values, in gathered order, back at its records' indexes. */
function scatter(derived: DerivedBatch, indexes: Int32Array, output: DerivedBatch): void {
	for (let k = 0; k < indexes.length; k++) {
		const i = indexes[k];
		output.movingAverage[i] = derived.movingAverage[k];
		output.score[i] = derived.score[k];
		output.anomaly[i] = derived.anomaly[k];
		output.deviation[i] = derived.deviation[k];
		output.std[i] = derived.std[k];
	}
}
