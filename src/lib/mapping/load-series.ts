import { CsvRecordReader, isCsvName } from '../ingest/csv-records';
import { parseJsonLine } from '../ingest/json-line';
import { LineSplitter } from '../ingest/line-splitter';
import type { FieldMapping, FieldPath, RecordError } from '../protocol';
import { BatchBuilder } from './batch-builder';
import type { EpochUnit } from './coerce-time';
import { formatPath, getPath, parsePath } from './field-path';
import { isNumeric } from './coerce-number';
import { describeFields, fieldSample } from './field-samples';
import { inferMapping } from './infer-mapping';

/** One series read from a whole file, ready for the batch analyses. */
export interface LoadedSeries {
	/**
	 * Epoch milliseconds per record, in file order. Without a time field, each record's number
	 * in the file, counted from 1.
	 */
	time: Float64Array;
	/** Value per record, NaN for a gap. */
	values: Float64Array;
	/** Mapping used: the one given, or the one inferred from the first records. */
	mapping: FieldMapping;
	/** With a split field, its values in the order of their first record; else empty. */
	lines: string[];
	/** Lines rejected, with line number and reason. */
	errors: RecordError[];
	/**
	 * Numeric fields of the first records, dotted, for a field chooser: those inference would
	 * chart, then every other field whose samples are numbers. The value field read is always
	 * among them, first when neither found it.
	 */
	valueFields: string[];
	/**
	 * With `SeriesFields.fieldColumns`, the numbers of each field of `valueFields` other than the
	 * value field, keyed by dotted path, one per record as in `values`: NaN where a record has no
	 * number. Else empty.
	 */
	fieldColumns: Map<string, Float64Array>;
}

/** Field paths the user chose, dotted, with missing ones inferred; and the reading mode. */
export interface SeriesFields {
	value?: string;
	time?: string;
	/**
	 * Reads NaN and Infinity tokens, which JSON does not allow, as the dashboard's `lenient=1`
	 * does: NaN as a gap and ±Infinity as a value that no analysis counts. Each such line is
	 * listed with a warning. Off by default, so such a line is rejected.
	 */
	lenient?: boolean;
	/** Dotted path of a field that splits the records into lines, such as a sensor id. */
	split?: string;
	/**
	 * With `split`, the split value whose records are kept, or null for the records without
	 * one. Every record is kept when absent.
	 */
	line?: string | null;
	/** Unit of numeric times. Without it each value's magnitude decides, as on the dashboard. */
	timeUnit?: EpochUnit;
	/** Whether true and false in the value field are read as 1 and 0, as by `booleans=1`. */
	booleansAsNumbers?: boolean;
	/**
	 * Advice on where the caller sets `timeUnit`, which ends the messages about epoch times
	 * (see BuildOptions.unitHint).
	 */
	unitHint?: string;
	/** Whether to read the other numeric fields into `LoadedSeries.fieldColumns`. */
	fieldColumns?: boolean;
}

/**
 * Reads a whole JSON Lines or CSV text into one series. A name ending in `.csv` (any case) is
 * read as CSV with a header row, every other name as JSON Lines. Each CSV row becomes an object
 * keyed by the header, with strings as values, so the same mapping code reads both. Only the
 * first value field is kept. Lines repaired under `fields.lenient`, and a time field that mixes
 * epoch units, are listed in `errors` with severity 'warning'. With `fields.split`, only the
 * records of `fields.line` are kept, when it is given.
 *
 * @throws Error when the file has no record, when no value field can be found, or when the one
 *   chosen has no finite number in any record, naming the file.
 */
export function loadSeries(text: string, name: string, fields: SeriesFields = {}): LoadedSeries {
	const errors: RecordError[] = [];
	const records: unknown[] = [];
	const lines: number[] = [];
	if (isCsvName(name)) {
		const csv = new CsvRecordReader({
			record: (value, line) => {
				records.push(value);
				lines.push(line);
			},
			error: (error) => errors.push(error),
			warning: (warning) => errors.push({ ...warning, severity: 'warning' })
		});
		csv.push(text);
		csv.end();
	} else {
		const onLine = (line: string, lineNumber: number) => {
			const result = parseJsonLine(line, lineNumber, { lenient: fields.lenient });
			if (result.kind !== 'error' && result.warning !== undefined) {
				errors.push({ line: lineNumber, message: result.warning, severity: 'warning' });
			}
			if (result.kind === 'error') errors.push(result.error);
			else if (result.kind === 'record') {
				records.push(result.value);
				lines.push(lineNumber);
			} else if (result.kind === 'records') {
				for (const value of result.values) {
					records.push(value);
					lines.push(lineNumber);
				}
			}
		};
		const splitter = new LineSplitter();
		splitter.push(text, onLine);
		splitter.flush(onLine);
	}

	if (records.length === 0) {
		const rejected = errors.filter((error) => error.severity !== 'warning');
		if (rejected.length === 0) throw new Error(`${name} has no records`);
		const first = rejected[0];
		const lines = rejected.length === 1 ? 'its one line was' : `all ${rejected.length} lines were`;
		throw new Error(
			`no record of ${name} could be read: ${lines} rejected, the first at line ${first.line}: ` +
				first.message
		);
	}
	const split = fields.split !== undefined ? parsePath(fields.split) : null;
	const timeChoice = fields.time !== undefined ? parsePath(fields.time) : undefined;
	const inferred = inferMapping(records, { split, time: timeChoice });
	const mapping: FieldMapping = {
		time: timeChoice !== undefined ? timeChoice : inferred.time,
		values: fields.value !== undefined ? [parsePath(fields.value)] : inferred.values.slice(0, 1),
		category: split,
		split
	};
	if (mapping.values.length === 0) {
		throw new Error(`no numeric value field found in ${name}: choose one with a value path`);
	}

	const chosen = formatPath(mapping.values[0]);
	const inferredNames = inferred.values.map(formatPath);
	const leaveOut = [mapping.time, split];
	const found = numericFields(records, inferredNames, leaveOut, fields.booleansAsNumbers === true);
	const valueFields = found.includes(chosen) ? found : [chosen, ...found];
	// The other fields are read as further value columns of the same batch, so that they stay
	// aligned with the values. Their columns take 8 bytes per record each, far less than the
	// parsed records held here.
	const otherFields = fields.fieldColumns ? valueFields.filter((field) => field !== chosen) : [];
	const columnMapping = { ...mapping, values: [...mapping.values, ...otherFields.map(parsePath)] };

	const builder = new BatchBuilder(columnMapping, Math.max(16, records.length), {
		timeUnit: fields.timeUnit,
		keepInfinity: fields.lenient === true,
		booleansAsNumbers: fields.booleansAsNumbers === true,
		unitHint: fields.unitHint
	});
	records.forEach((record, i) => {
		// Without a time field each record gets its number as time, so the order is kept and
		// charts and tables can name the record.
		const error = builder.add(record, lines[i], i + 1);
		if (error) errors.push(error);
	});
	const batch = builder.take();
	errors.push(...builder.warnings);
	errors.sort((a, b) => a.line - b.line);
	const time = batch?.time ?? new Float64Array(0);
	const values = batch?.values[0] ?? new Float64Array(0);
	if (values.length > 0 && !values.some(Number.isFinite)) {
		const present = records.some((record) => getPath(record, mapping.values[0]) !== undefined);
		const problem = present
			? `no number in field "${chosen}" of ${name}`
			: `field "${chosen}" not found in ${name}`;
		throw new Error(`${problem}: choose another value field`);
	}
	const fieldColumns = new Map(
		otherFields.map((field, i) => [field, batch?.values[i + 1] ?? new Float64Array(0)])
	);
	const splitValues = split !== null ? (batch?.newCategories ?? []) : [];
	if (split === null || fields.line === undefined || batch === null) {
		return { time, values, mapping, lines: splitValues, errors, valueFields, fieldColumns };
	}

	// A split value the file does not contain keeps no record, not those without a value (-1).
	const index = fields.line === null ? -1 : splitValues.indexOf(fields.line);
	const category = fields.line !== null && index < 0 ? NaN : index;
	const selected: number[] = [];
	for (let i = 0; i < batch.count; i++) {
		const own = i < batch.category.length ? batch.category[i] : -1;
		if (own === category) selected.push(i);
	}
	return {
		time: Float64Array.from(selected, (i) => time[i]),
		values: Float64Array.from(selected, (i) => values[i]),
		mapping,
		lines: splitValues,
		errors,
		valueFields,
		fieldColumns: new Map(
			[...fieldColumns].map(([field, column]) => [
				field,
				Float64Array.from(selected, (i) => column[i])
			])
		)
	};
}

/**
 * Lists `first` (without repeats), then every other field of the sampled records whose samples
 * are all numbers or numeric texts (or booleans, with `booleans`), leaving out the time and
 * split fields.
 */
function numericFields(
	records: unknown[],
	first: string[],
	leaveOut: (FieldPath | null)[],
	booleans: boolean
): string[] {
	const left = new Set(leaveOut.filter((path) => path !== null).map((path) => formatPath(path)));
	const names = new Set(first);
	for (const field of describeFields(fieldSample(records))) {
		const name = formatPath(field.path);
		const numeric =
			field.type === 'number' ||
			(booleans && field.type === 'boolean') ||
			(field.type === 'string' && field.samples.every((sample) => isNumeric(sample)));
		if (numeric && !left.has(name)) names.add(name);
	}
	return [...names];
}
