import type { ColumnBatch, DerivedField, FieldMapping, FieldPath, RecordError } from '../protocol';
import { excerptOf } from '../ingest/json-line';
import { toNumber } from './coerce-number';
import { epochUnitOf, toTimestamp, type EpochUnit } from './coerce-time';
import { compileExpression, ExpressionError, type CompiledExpression } from './expression';
import { CategoryDictionary } from './category-dictionary';
import { formatPath, getPath } from './field-path';
import { RecordCounter } from './record-count';
import { MAX_SPLIT_LINES } from './split-choice';
import { ValueGapCounter } from './value-gaps';

const unitNames: Record<EpochUnit, string> = {
	s: 'seconds',
	ms: 'milliseconds',
	us: 'microseconds',
	ns: 'nanoseconds'
};

/**
 * Advice that ends the messages about epoch times when the caller gives no `unitHint`. It names
 * no control, because the builder does not know where its records came from.
 */
export const DEFAULT_UNIT_HINT = 'set the unit of epoch times to s, ms, us or ns';

/**
 * Epoch seconds from which a time reads as after the year 2286 (1e10 s is 2286-11-20). The size
 * rule reads values up to 1e11 as seconds, and as milliseconds they would be 1970 to 1973.
 */
const FAR_SECONDS = 1e10;

/** Default capacity of the columns, in records. */
const DEFAULT_CAPACITY = 1024;

/** Reading options of a {@link BatchBuilder}: the unit of times and what counts as a value. */
export interface BuildOptions {
	/** Unit of numeric times. Without it each value's magnitude decides (see epochUnitOf). */
	timeUnit?: EpochUnit;
	/**
	 * Stores a value of ±Infinity (which only a lenient parse produces) as itself instead of a
	 * gap, so the chart can flag it while the statistics skip it.
	 */
	keepInfinity?: boolean;
	/** Reads true and false in value fields as 1 and 0 instead of counting them as gaps. */
	booleansAsNumbers?: boolean;
	/**
	 * Advice on where to set {@link timeUnit}, which ends the messages about epoch times: a
	 * clause in lower case, such as "set the unit with --time-unit s, ms, us or ns". Defaults to
	 * {@link DEFAULT_UNIT_HINT}.
	 */
	unitHint?: string;
	/** Maximum number of category names kept, `MAX_CATEGORIES` of category-dictionary.ts by default. */
	categoryLimit?: number;
}

/**
 * Collects mapped records into columns and hands them out as {@link ColumnBatch}es.
 *
 * The category dictionary lives as long as the builder, so indexes stay valid across batches.
 * Each batch lists in `newCategories` the names first seen in it, in index order. The dictionary
 * has a size limit (see {@link CategoryDictionary}), and a warning reports the first name it
 * rejects.
 */
export class BatchBuilder {
	readonly #timePath: FieldPath | null;
	readonly #valuePaths: FieldPath[];
	/** Derived series, whose columns follow those of `#valuePaths`. */
	readonly #derived: CompiledExpression[];
	/** Rolling record count, whose column comes last, or null when the mapping has none. */
	readonly #counter: RecordCounter | null;
	/** Index of the count's column. */
	readonly #countColumn: number;
	readonly #categoryPath: FieldPath | null;
	readonly #timeUnit: EpochUnit | undefined;
	readonly #keepInfinity: boolean;
	readonly #booleansAsNumbers: boolean;
	readonly #unitHint: string;
	/** Dotted value field paths, to name the fields of gap counts. */
	readonly #valueNames: string[];
	readonly #gaps = new ValueGapCounter();
	/** Whether the category splits each value field into lines, whose gaps are counted apart. */
	readonly #splitLines: boolean;
	/** {@link fieldPaths}, and the field values of the record being added. */
	readonly #paths: (FieldPath | null)[];
	readonly #fields: unknown[];

	#capacity: number;
	#count = 0;
	#time: Float64Array;
	#values: Float64Array[];
	#category: Int32Array;

	readonly #categories: CategoryDictionary;
	/** Epoch unit of the first numeric time, to notice a field that mixes units. */
	#firstUnit: EpochUnit | null = null;
	#mixedUnitsWarned = false;
	/** Whether a warning was given for an epoch time that reads as after 2286 in seconds. */
	#farSecondsWarned = false;
	/** Warnings about records that were still added; the caller drains them. */
	readonly warnings: RecordError[] = [];

	/**
	 * @param mapping Fields to read from each record.
	 * @param initialCapacity Capacity of the columns in records. They grow by doubling.
	 * @throws RangeError when `initialCapacity` is not a positive integer.
	 */
	constructor(
		mapping: FieldMapping,
		initialCapacity = DEFAULT_CAPACITY,
		options: BuildOptions = {}
	) {
		if (!Number.isInteger(initialCapacity) || initialCapacity < 1) {
			throw new RangeError(
				`initialCapacity must be a positive integer, got ${String(initialCapacity)}`
			);
		}
		this.#timePath = mapping.time;
		this.#valuePaths = mapping.values;
		this.#categoryPath = mapping.category;
		this.#timeUnit = options.timeUnit;
		this.#keepInfinity = options.keepInfinity ?? false;
		this.#booleansAsNumbers = options.booleansAsNumbers ?? false;
		this.#unitHint = options.unitHint ?? DEFAULT_UNIT_HINT;
		this.#categories = new CategoryDictionary(options.categoryLimit);
		this.#valueNames = mapping.values.map(formatPath);
		this.#splitLines = (mapping.split ?? null) !== null;
		this.#paths = this.fieldPaths;
		this.#fields = new Array<unknown>(this.#paths.length);

		this.#derived = (mapping.derived ?? []).map((field) => this.#compileDerived(field));
		// Under a split each category counts on a queue of its own, at index category + 1, and
		// records without a category share queue 0. The categories before index MAX_SPLIT_LINES
		// all have a count, so they ask for at least MAX_SPLIT_LINES lines, and a later category
		// can get no count line. It is not counted, which bounds the queues, and its count is a
		// gap, which the analysis side reports as a category left out.
		const count = mapping.count ?? null;
		this.#counter =
			count === null
				? null
				: new RecordCounter(count.windowMs, this.#splitLines ? MAX_SPLIT_LINES + 1 : 1);
		this.#countColumn = mapping.values.length + this.#derived.length;

		this.#capacity = initialCapacity;
		this.#time = new Float64Array(initialCapacity);
		const seriesCount = this.#countColumn + (this.#counter === null ? 0 : 1);
		this.#values = Array.from({ length: seriesCount }, () => new Float64Array(initialCapacity));
		this.#category = new Int32Array(initialCapacity);
	}

	/** Number of records pending. */
	get size(): number {
		return this.#count;
	}

	/**
	 * The mapped paths in the order of {@link addFields}' slots: the time, each value, then the
	 * category. Time and category are null when not mapped.
	 */
	get fieldPaths(): (FieldPath | null)[] {
		return [this.#timePath, ...this.#valuePaths, this.#categoryPath];
	}

	/** Whether records need {@link add}, because a derived series reads the whole record. */
	get needsRecords(): boolean {
		return this.#derived.length > 0;
	}

	/**
	 * Maps one parsed record into the pending columns.
	 *
	 * Returns null when the record was added, or the reason it was rejected: it is not an
	 * object, or its mapped time field is missing, null or not a time. Every record takes
	 * `arrivalMs` when no time field is mapped. A missing or non-numeric value is a gap (NaN), not
	 * a rejection.
	 */
	add(record: unknown, line: number, arrivalMs: number): RecordError | null {
		if (record === null || typeof record !== 'object' || Array.isArray(record)) {
			return rejectNonObject(record, line);
		}

		const fields = this.#fields;
		const paths = this.#paths;
		for (let s = 0; s < paths.length; s++) {
			const path = paths[s];
			fields[s] = path === null ? undefined : getPath(record, path);
		}
		const rejected = this.addFields(fields, line, arrivalMs);
		if (rejected !== null) return rejected;

		const index = this.#count - 1;
		const first = this.#valuePaths.length;
		for (let d = 0; d < this.#derived.length; d++) {
			this.#values[first + d][index] = this.#derived[d](record);
		}
		return null;
	}

	/**
	 * Maps the field values of one record, read at {@link fieldPaths} (undefined where missing),
	 * into the pending columns. Returns what {@link add} returns for the record they came from.
	 * Derived series get gaps here, because they read the whole record: {@link add} fills them.
	 * The record count, when mapped, counts the records added, so a rejected record is not in it.
	 */
	addFields(fields: readonly unknown[], line: number, arrivalMs: number): RecordError | null {
		let time = arrivalMs;
		if (this.#timePath !== null) {
			const raw = fields[0];
			// Arrival time would put this record years away from its neighbours and stretch the
			// chart, so a record without its mapped time is rejected and reported instead.
			if (raw === undefined || raw === null) {
				const field = formatPath(this.#timePath);
				const what = raw === null ? 'null' : 'missing';
				return {
					line,
					message: `${what} time in field "${field}"; choose another time field or none`
				};
			}
			time = toTimestamp(raw, this.#timeUnit);
			if (Number.isNaN(time)) return this.#rejectTime(raw, line);
			if (this.#timeUnit === undefined && !this.#mixedUnitsWarned) this.#checkUnit(raw, line);
		}

		if (this.#count === this.#capacity) this.#grow();
		const index = this.#count++;
		const seriesCount = this.#valuePaths.length;
		this.#time[index] = time;
		const category =
			this.#categoryPath === null ? -1 : this.#categoryIndex(fields[seriesCount + 1], line);
		this.#category[index] = category;
		for (let s = 0; s < seriesCount; s++) {
			const raw = fields[s + 1];
			const infinite = raw === Infinity || raw === -Infinity;
			const value = infinite && this.#keepInfinity ? raw : toNumber(raw);
			this.#values[s][index] = value;
			if (value !== value) this.#gap(s, index, raw, category);
		}
		for (let d = 0; d < this.#derived.length; d++) this.#values[seriesCount + d][index] = NaN;
		if (this.#counter !== null) {
			const line = this.#splitLines ? category + 1 : 0;
			this.#values[this.#countColumn][index] = this.#counter.add(time, line);
		}
		return null;
	}

	/**
	 * Handles a value of series `s` that is not a number: a boolean becomes 1 or 0 when
	 * `booleansAsNumbers` is set, anything else stays a gap and is counted by kind. Only values
	 * that are not numbers come here, so the option costs numeric values nothing.
	 */
	#gap(s: number, index: number, raw: unknown, category: number): void {
		if (this.#booleansAsNumbers && typeof raw === 'boolean') {
			this.#values[s][index] = raw ? 1 : 0;
			return;
		}
		const line = this.#splitLines ? this.#categories.name(category) : undefined;
		this.#gaps.add(this.#valueNames[s], raw, line);
	}

	/**
	 * Returns the pending records as a batch and starts a new one, or null when none are
	 * pending. The batch owns copies sized to `count`, so its buffers can be transferred while
	 * the builder keeps reusing its own.
	 */
	take(): ColumnBatch | null {
		const count = this.#count;
		if (count === 0) return null;

		const batch: ColumnBatch = {
			count,
			time: this.#time.slice(0, count),
			values: this.#values.map((column) => column.slice(0, count)),
			category: this.#category.slice(0, count),
			newCategories: this.#categories.takeNew()
		};
		const valueGaps = this.#gaps.take();
		if (valueGaps !== undefined) batch.valueGaps = valueGaps;
		this.#count = 0;
		return batch;
	}

	/**
	 * Compiles a derived field. The page checks expressions before a source starts, so one that
	 * does not parse is unexpected here: it charts as gaps, with a warning that names it.
	 */
	#compileDerived(field: DerivedField): CompiledExpression {
		try {
			return compileExpression(field.expression);
		} catch (error) {
			if (!(error instanceof ExpressionError)) throw error;
			this.warnings.push({
				line: 0,
				severity: 'warning',
				message: `invalid derived field "${field.name}": ${error.message}; it is charted as gaps`
			});
			return () => NaN;
		}
	}

	/** Warns once when numeric times switch epoch unit, e.g. seconds then milliseconds. */
	#checkUnit(raw: unknown, line: number): void {
		const isEpochText = typeof raw === 'string' && raw.charCodeAt(4) !== 0x2d;
		const epoch = typeof raw === 'number' ? raw : isEpochText ? toNumber(raw) : NaN;
		if (Number.isNaN(epoch)) return;

		const unit = epochUnitOf(epoch);
		if (unit === 's' && Math.abs(epoch) >= FAR_SECONDS && !this.#farSecondsWarned) {
			this.#warnFarSeconds(epoch, raw, line);
		}
		if (this.#firstUnit === null) this.#firstUnit = unit;
		else if (unit !== this.#firstUnit) {
			this.#mixedUnitsWarned = true;
			const field = formatPath(this.#timePath ?? []);
			this.warnings.push({
				line,
				severity: 'warning',
				message:
					`time field "${field}" mixes epoch units: ${unitNames[this.#firstUnit]} at first, ` +
					`${unitNames[unit]} here (${excerptOf(describeValue(raw))}); each value is read in ` +
					`the unit its size suggests. To read all in one unit, ${this.#unitHint}`
			});
		}
	}

	/**
	 * Warns once that an epoch time read as seconds falls after the year 2286, where the same
	 * number read as milliseconds is a date in 1970 to 1973, and names both dates and the choice.
	 */
	#warnFarSeconds(epoch: number, raw: unknown, line: number): void {
		this.#farSecondsWarned = true;
		const field = formatPath(this.#timePath ?? []);
		const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
		this.warnings.push({
			line,
			severity: 'warning',
			message:
				`time field "${field}" holds ${excerptOf(describeValue(raw))}, read as epoch seconds: ` +
				`${day(epoch * 1000)}. Read as milliseconds it is ${day(epoch)}. If that is meant, ` +
				this.#unitHint
		});
	}

	#categoryIndex(raw: unknown, line: number): number {
		if (raw === undefined || raw === null) return -1;

		const name = typeof raw === 'string' ? raw : categoryName(raw);
		const categories = this.#categories;
		const index = categories.index(name);
		if (index < 0 && categories.rejected === 1) this.#warnCategoriesFull(name, line);
		return index;
	}

	/** Warns once that the category field has more distinct values than the dictionary keeps. */
	#warnCategoriesFull(name: string, line: number): void {
		const field = formatPath(this.#categoryPath ?? []);
		const limit = this.#categories.limit.toLocaleString('en-US');
		this.warnings.push({
			line,
			severity: 'warning',
			message:
				`category field "${field}" has more than ${limit} distinct values, and only the ` +
				`first ${limit} are kept as categories. This record and later ones with a new value ` +
				`(${excerptOf(JSON.stringify(name))} here) get no category. A field with a new value ` +
				'in most records, such as an id, makes a poor category: choose another field or none'
		});
	}

	#grow(): void {
		const capacity = this.#capacity * 2;
		this.#time = copyInto(this.#time, new Float64Array(capacity));
		this.#values = this.#values.map((column) => copyInto(column, new Float64Array(capacity)));
		this.#category = copyInto(this.#category, new Int32Array(capacity));
		this.#capacity = capacity;
	}

	/**
	 * Rejects a time that is no date. An epoch number that falls outside the range of Date in its
	 * unit gets a message that names the unit it was read in and how to choose another.
	 */
	#rejectTime(raw: unknown, line: number): RecordError {
		const field = formatPath(this.#timePath ?? []);
		const valueText = typeof raw === 'string' ? JSON.stringify(raw) : describeValue(raw);
		const epoch = typeof raw === 'number' || typeof raw === 'string' ? toNumber(raw) : NaN;
		if (Number.isFinite(epoch)) {
			const unit = this.#timeUnit ?? epochUnitOf(epoch);
			const unitSource = this.#timeUnit === undefined ? 'as its size suggests' : 'as chosen';
			return {
				line,
				message:
					`invalid time in field "${field}": ${excerptOf(valueText)} read as epoch ` +
					`${unitNames[unit]} (${unitSource}) is outside the dates JavaScript can represent; ` +
					this.#unitHint
			};
		}
		const expected = 'expected an ISO 8601 date or an epoch number';
		return {
			line,
			message: `invalid time in field "${field}": ${expected}, got ${excerptOf(valueText)}`
		};
	}
}

/** Copies `from` into the start of the larger `to` and returns `to`. */
function copyInto<T extends Float64Array | Int32Array>(from: T, to: T): T {
	to.set(from);
	return to;
}

function rejectNonObject(record: unknown, line: number): RecordError {
	if (Array.isArray(record)) return { line, message: 'expected a JSON object, got array' };

	const got = record === null ? 'null' : typeof record;
	const error: RecordError = { line, message: `expected a JSON object, got ${got}` };
	if (record !== undefined) error.excerpt = excerptOf(describeValue(record));
	return error;
}

/** Names a non-string category: numbers and booleans as String() writes them, objects as JSON. */
function categoryName(raw: unknown): string {
	return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

function describeValue(value: unknown): string {
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return String(value);
}
