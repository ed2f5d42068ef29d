import { parseJsonLine, type LineResult } from '../ingest/json-line';
import type { LinesTaken } from '../ingest/json-value-splitter';
import { readRecordArray } from '../ingest/record-array';
import { RecordTemplate } from '../ingest/record-template';
import { BatchBuilder } from '../mapping/batch-builder';
import { isNumeric } from '../mapping/coerce-number';
import type { EpochUnit } from '../mapping/coerce-time';
import { recordCountSeriesName, separateDerivedClashes } from '../mapping/derived-names';
import { compileExpression, type CompiledExpression } from '../mapping/expression';
import { formatPath, getPath } from '../mapping/field-path';
import { describeFields } from '../mapping/field-samples';
import { FieldSet } from '../mapping/field-set';
import { INFERENCE_SAMPLE_SIZE, inferMapping } from '../mapping/infer-mapping';
import type {
	DerivedField,
	DuplicatePolicy,
	FieldMapping,
	RecordError,
	SourceKind
} from '../protocol';
import type { SourceOutput } from './source-output';

/** Records held back to infer the mapping from, when the user gave none. */
const inferenceSample = 20;
/** Maximum wait for the inference sample on a live stream, in ms. */
const inferenceWaitMs = 1000;
/** Rejected lines kept to send on; the count keeps going past it. */
const maxErrorsKept = 200;

/** Fields the user chose; any left out are inferred from the first records. */
export interface MappingChoice {
	time?: string[] | null;
	values?: string[][];
	category?: string[] | null;
	/**
	 * Field that splits every series into one line per value, such as a sensor id; null for no
	 * split. It is also the category, and a `category` naming another field is ignored.
	 */
	split?: string[] | null;
	/** Series computed from each record, charted after the value fields. */
	derived?: DerivedField[];
	/**
	 * Window in ms of a rolling record count, charted after the derived fields (see
	 * `mapping/record-count.ts`), or absent for no count. With a count and no value field chosen,
	 * no value field is inferred, so only the count is charted.
	 */
	countWindowMs?: number;
	/**
	 * Expression that keeps a record when it is true (not 0 and not NaN), such as
	 * `status == 1 && temp > 0`. Records it drops are counted, not rejected.
	 */
	filter?: string;
	/**
	 * Reads NaN and Infinity tokens, which JSON does not allow: NaN as a missing value and
	 * ±Infinity as a value that is charted as flagged but never enters a statistic. Off by
	 * default, so such a line is rejected and reported.
	 */
	lenient?: boolean;
	/** Records of the same time and category: keep the last (default) or all of them. */
	duplicates?: DuplicatePolicy;
	/**
	 * Unit of numeric times, for a stream whose epoch values the size rule of `epochUnitOf`
	 * misreads. Without it each value's magnitude decides.
	 */
	timeUnit?: EpochUnit;
	/**
	 * Reads true and false in value fields as 1 and 0. Off by default, so booleans are gaps,
	 * counted by kind.
	 */
	booleansAsNumbers?: boolean;
}

/** Advice on setting the epoch unit on the dashboard, which ends the messages about epochs. */
export const DASHBOARD_UNIT_HINT =
	'set the unit with Epoch unit under Fields, or with time-unit=s, ms, us or ns in the ' +
	"dashboard's address";

/** Options of a {@link RecordPipeline}. */
export interface PipelineOptions {
	/**
	 * Read the mapped fields straight from the text once the mapping is known (the default).
	 * With false, every line goes through JSON.parse; tests compare the two.
	 */
	scanFields?: boolean;
}

/**
 * Turns lines or messages into columnar batches: parse, map fields, collect errors. Shared by
 * every text source, so files and streams report bad input the same way.
 *
 * Once the mapping is decided, a {@link RecordTemplate} made from a parsed record reads only the
 * mapped fields from each line of the same shape, with no object per record. A line that matches
 * no template goes through JSON.parse and {@link BatchBuilder.add}, which give the same columns
 * and errors, and its record becomes a template when the field set has seen its shape. Derived
 * series and filters read whole records, so with either every line goes through JSON.parse.
 */
export class RecordPipeline {
	#output: SourceOutput;
	#source: SourceKind;
	#label: string;
	#choice: MappingChoice;
	#builder: BatchBuilder | null = null;
	#scanFields: boolean;
	/** Whether lines are matched against templates: the mapping is decided and allows it. */
	#templated = false;
	/** Templates of the latest record shapes, the most recent first. */
	#templates: { source: string; template: RecordTemplate }[] = [];
	/** A template's output, reused for every line. */
	#scanned: unknown[] = [];
	/** The templates' output for every record of an array message, reused for every message. */
	#scannedArray: unknown[] = [];
	#held: { value: unknown; line: number; arrival: number }[] = [];
	/** Records the mapping was inferred from, plus later ones that brought a new field. */
	#sample: unknown[] = [];
	#fields = new FieldSet();
	#mapping: FieldMapping | null = null;
	#pendingErrors: RecordError[] = [];
	/** The latest entries already sent, sent again after a reset, which clears them downstream. */
	#recentErrors: RecordError[] = [];
	#errorTotal = 0;
	#accepted = 0;
	#filter: CompiledExpression | null = null;
	#filtered = 0;
	/** The filter's count as last sent, or -1 when none was sent since the latest reset. */
	#filteredSent = -1;

	constructor(
		output: SourceOutput,
		source: SourceKind,
		label: string,
		choice: MappingChoice = {},
		options: PipelineOptions = {}
	) {
		this.#output = output;
		this.#source = source;
		this.#label = label;
		this.#choice = choice;
		this.#scanFields = options.scanFields ?? true;
	}

	/**
	 * Sends a reset with the label and no series, for a source that starts. The page then shows
	 * the new source at once, and none of the previous one's data, even when it never connects.
	 */
	announce(): void {
		this.#output.reset([], this.#source, this.#label, { awaitingMapping: true });
	}

	/** Records accepted so far. */
	get accepted(): number {
		return this.#accepted;
	}

	/** Records mapped and not yet sent in a batch. */
	get pending(): number {
		return this.#builder?.size ?? 0;
	}

	/** Lines or messages rejected so far. */
	get rejected(): number {
		return this.#errorTotal;
	}

	/** Records the filter dropped so far. */
	get filtered(): number {
		return this.#filtered;
	}

	/** Parses one line (or one message) of JSON text. */
	line(text: string, lineNumber: number, arrivalMs: number): void {
		if (this.scanLine(text, lineNumber, arrivalMs)) return;

		const result = parseJsonLine(text, lineNumber, { lenient: this.#choice.lenient });
		this.#take(result, lineNumber, arrivalMs);
	}

	/**
	 * Maps the records of a parsed line, or reports its error, as {@link line} does. `where`
	 * names a line inside a message in the error or warning.
	 */
	#take(result: LineResult, lineNumber: number, arrivalMs: number, where = ''): void {
		if (result.kind === 'error') {
			const { error } = result;
			this.error(where === '' ? error : { ...error, message: `${where}: ${error.message}` });
			return;
		}
		if (result.warning !== undefined) {
			const message = where === '' ? result.warning : `${where}: ${result.warning}`;
			this.warning({ line: lineNumber, message });
		}
		if (result.kind === 'record') this.record(result.value, lineNumber, arrivalMs);
		else if (result.kind === 'records') {
			for (const value of result.values) this.record(value, lineNumber, arrivalMs);
		}
	}

	/**
	 * Parses one WebSocket message: a JSON value, as {@link line} reads it, or else several JSON
	 * Lines, as some servers send a batch of records in one frame. It is read line by line only
	 * when the whole message is not JSON, it has more than one non-blank line, and the first of
	 * them is JSON. A bad line is then rejected with its place in the message, and the other
	 * lines are kept.
	 */
	message(text: string, messageNumber: number, arrivalMs: number): void {
		if (this.scanLine(text, messageNumber, arrivalMs)) return;

		const lenient = this.#choice.lenient;
		const whole = parseJsonLine(text, messageNumber, { lenient });
		const lines = whole.kind === 'error' ? text.split(/\r?\n/) : [];
		const nonBlank = lines.filter((lineText) => lineText.trim() !== '');
		const firstParses =
			nonBlank.length > 1 &&
			parseJsonLine(nonBlank[0], messageNumber, { lenient }).kind !== 'error';
		if (!firstParses) {
			this.#take(whole, messageNumber, arrivalMs);
			return;
		}
		lines.forEach((lineText, index) => {
			const result = parseJsonLine(lineText, messageNumber, { lenient });
			this.#take(result, messageNumber, arrivalMs, `line ${index + 1} of the message`);
		});
	}

	/**
	 * Maps one line (or message) that is a single JSON object or an array of them, reading only
	 * the mapped fields from the text. Returns false, having done nothing, when the mapping is not
	 * decided yet or the line needs JSON.parse; {@link line} then gives the same result.
	 */
	scanLine(text: string, lineNumber: number, arrivalMs: number): boolean {
		const templates = this.#templates;
		for (let t = 0; t < templates.length; t++) {
			if (!templates[t].template.read(text, this.#scanned)) continue;
			const builder = this.#builder as BatchBuilder;
			this.#added(builder, builder.addFields(this.#scanned, lineNumber, arrivalMs));
			return true;
		}
		return templates.length > 0 && this.#scanArray(text, lineNumber, arrivalMs);
	}

	/**
	 * Maps the lines of `text` from `start` on, the first of them line `firstLine`, while each is
	 * one record of a template's shape (see `RecordTemplate.readLine`), as {@link line} would map
	 * them. Reports in `taken` where it stopped and how many lines it took. It stops at the first
	 * other line, which {@link line} then gets, and takes none before the mapping is decided.
	 */
	scanLines(
		text: string,
		start: number,
		firstLine: number,
		arrivalMs: number,
		taken: LinesTaken
	): void {
		const templates = this.#templates;
		if (templates.length === 0) return;
		const builder = this.#builder as BatchBuilder;
		const fields = this.#scanned;
		let position = start;
		let lines = 0;
		while (position < text.length) {
			let next = -1;
			for (let t = 0; t < templates.length && next < 0; t++) {
				next = templates[t].template.readLine(text, position, fields);
			}
			if (next < 0 || next - position > taken.maxLength) break;
			this.#added(builder, builder.addFields(fields, firstLine + lines, arrivalMs));
			position = next;
			lines++;
		}
		taken.end = position;
		taken.lines = lines;
	}

	/** Maps a line that is an array of records of the templates' shapes, as {@link line} would. */
	#scanArray(text: string, lineNumber: number, arrivalMs: number): boolean {
		const builder = this.#builder as BatchBuilder;
		const slots = builder.fieldPaths.length;
		const templates = this.#templates.map((entry) => entry.template);
		const values = this.#scannedArray;
		const count = readRecordArray(text, templates, slots, values);
		if (count < 0) return false;

		const fields = this.#scanned;
		for (let i = 0; i < count; i++) {
			for (let s = 0; s < slots; s++) fields[s] = values[i * slots + s];
			this.#added(builder, builder.addFields(fields, lineNumber, arrivalMs));
		}
		return true;
	}

	/** Maps one parsed record. */
	record(value: unknown, lineNumber: number, arrivalMs: number): void {
		if (this.#builder === null) {
			this.#held.push({ value, line: lineNumber, arrival: arrivalMs });
			if (this.#held.length >= inferenceSample) this.#decideMapping();
			return;
		}
		if (this.#fields.add(value)) this.#newFields(value);
		// Templates match only records of a shape the field set has seen, so that a record with a
		// new field still comes here and reaches the picker.
		if (this.#templated && isObject(value) && this.#fields.knowsShape(Object.keys(value))) {
			this.#addTemplate(value);
		}
		if (this.#filter !== null && isObject(value)) {
			const keep = this.#filter(value);
			if (keep === 0 || Number.isNaN(keep)) {
				this.#filtered += 1;
				return;
			}
		}
		this.#added(this.#builder, this.#builder.add(value, lineNumber, arrivalMs));
	}

	/** Makes `record` the most recent template, unless it has none or is the most recent. */
	#addTemplate(record: object): void {
		const template = RecordTemplate.fromRecord(record, (this.#builder as BatchBuilder).fieldPaths);
		if (template === null) return;
		const templates = this.#templates;
		if (templates.length > 0 && templates[0].source === template.source) return;
		const known = templates.findIndex((entry) => entry.source === template.source);
		if (known >= 0) templates.splice(known, 1);
		templates.unshift({ source: template.source, template });
		if (templates.length > maxTemplates) templates.pop();
	}

	#added(builder: BatchBuilder, rejected: RecordError | null): void {
		if (rejected) this.error(rejected);
		else this.#accepted += 1;
		if (builder.warnings.length > 0) {
			for (const warning of builder.warnings.splice(0)) this.warning(warning);
		}
	}

	/** Counts and keeps one rejected line or message. */
	error(error: RecordError): void {
		this.#errorTotal += 1;
		this.#keep(error);
	}

	/** Keeps one warning to show beside the errors; warnings are not counted as rejected. */
	warning(warning: RecordError): void {
		this.#keep({ ...warning, severity: 'warning' });
	}

	/** Keeps the latest entries, as the page lists the newest; older ones stay counted. */
	#sendErrors(): void {
		this.#output.errors(this.#pendingErrors, this.#errorTotal);
		this.#recentErrors.push(...this.#pendingErrors);
		if (this.#recentErrors.length > maxErrorsKept) {
			this.#recentErrors.splice(0, this.#recentErrors.length - maxErrorsKept);
		}
		this.#pendingErrors = [];
	}

	#keep(entry: RecordError): void {
		if (this.#pendingErrors.length === maxErrorsKept) this.#pendingErrors.shift();
		this.#pendingErrors.push(entry);
	}

	/**
	 * Sends the pending batch and errors, and the filter's count when it changed. With `final`
	 * (end of a file), it decides the mapping even on fewer records. Otherwise a slow stream
	 * decides once its first record waited long enough.
	 */
	flush(final = false, now = Date.now()): void {
		if (this.#builder === null && this.#held.length > 0) {
			// A stream that has sent nothing yet keeps its mapping open, even when a reconnect
			// flushes with `final`: a mapping decided on no record would find no values.
			const waited = now - this.#held[0].arrival >= inferenceWaitMs;
			if (final) this.#decideMapping();
			else if (waited) this.#decideIfCharted();
		}
		// Errors go out before the mapping too, so that a stream of bad lines that stays open shows
		// them. The reset that brings the mapping clears them downstream and sends them again.
		const batch = this.#builder?.take();
		const filtered = this.#filterCountToSend();
		if (batch) this.#output.batch(batch, filtered);
		else if (filtered !== undefined) this.#output.filtered(filtered);
		if (this.#pendingErrors.length > 0 || final) this.#sendErrors();
	}

	/**
	 * Returns the filter's count when a filter applies and the count differs from the one sent
	 * last, and marks it sent. The count rides on the flush's batch, so a filter adds a message
	 * only to a flush that has no batch because the filter dropped every record since the last.
	 */
	#filterCountToSend(): number | undefined {
		if (this.#filter === null || this.#filtered === this.#filteredSent) return undefined;
		this.#filteredSent = this.#filtered;
		return this.#filtered;
	}

	/**
	 * Sends everything at the end of the input. It decides the mapping even when no record
	 * came, so that the analysis side starts afresh for an input of only rejected lines.
	 */
	finish(): void {
		if (this.#builder === null) this.#decideMapping();
		this.flush(true);
	}

	/**
	 * Takes a record that brought a new field into the sample, and lists the field in the picker
	 * beside the mapping in use. The mapping itself stays, because a new one would restart the
	 * series and lose the counts so far. The user picks the new field to chart it.
	 */
	#newFields(value: unknown): void {
		if (this.#sample.length >= INFERENCE_SAMPLE_SIZE) this.#sample.splice(1, 1);
		this.#sample.push(value);
		this.#output.fieldReport = { fields: describeFields(this.#sample), mapping: this.#mapping! };
	}

	/**
	 * Fills the fields the user left out with those inferred from `records`. A split field is
	 * also the category, and inference charts one value field under a split (see inferMapping).
	 * With a record count chosen, the value fields are only those chosen, possibly none.
	 */
	#mappingFor(records: unknown[]): FieldMapping {
		const choice = this.#choice;
		const split = choice.split ?? null;
		const inferred = inferMapping(records, { split, time: choice.time });
		const category = choice.category !== undefined ? choice.category : inferred.category;
		const chosenValues = choice.values ?? [];
		const counted = choice.countWindowMs !== undefined;
		return {
			time: choice.time !== undefined ? choice.time : inferred.time,
			values: counted || chosenValues.length > 0 ? chosenValues : inferred.values,
			category: split ?? category,
			derived: choice.derived ?? [],
			split
		};
	}

	/**
	 * Decides the mapping of a slow stream once the held records give at least one value field,
	 * or at once when a record count is chosen. Records without a value field, such as a
	 * stream's first status message, wait for one that has, up to the inference sample or a
	 * final flush.
	 */
	#decideIfCharted(): void {
		const records = this.#held.map((h) => h.value);
		const counted = this.#choice.countWindowMs !== undefined;
		if (counted || this.#mappingFor(records).values.length > 0) this.#decideMapping();
	}

	#decideMapping(): void {
		const records = this.#held.map((h) => h.value);
		this.#sample = records.slice(0, INFERENCE_SAMPLE_SIZE);
		for (const record of records) this.#fields.add(record);
		this.#start(this.#mappingFor(records), records);

		const held = this.#held;
		this.#held = [];
		for (const h of held) this.record(h.value, h.line, h.arrival);
	}

	/**
	 * Compiles the filter. The page checks it before a source starts, so one that does not parse
	 * is unexpected here: it keeps every record, with a warning that names it.
	 */
	#compileFilter(text: string): CompiledExpression | null {
		try {
			return compileExpression(text);
		} catch (error) {
			this.warning({
				line: 0,
				message: `invalid filter, every record kept: ${(error as Error).message}`
			});
			return null;
		}
	}

	/**
	 * Starts a new batch builder on `mapping` and sends a reset to the analysis side. A derived
	 * field named like a value field is left out with a warning, because the legend and the alert
	 * rules would confuse two series of one name. The record count takes a name that no field of
	 * the records and no derived field has.
	 */
	#start(chosen: FieldMapping, records: unknown[]): void {
		const valueNames = chosen.values.map(formatPath);
		const { unique: derived, clashing } = separateDerivedClashes(chosen.derived ?? [], valueNames);
		const fieldInfo = describeFields(records);
		for (const field of clashing) {
			this.warning({
				line: 0,
				message:
					`derived field "${field.name}" is not charted: a value field has that name; ` +
					'rename the derived field'
			});
		}
		const mapping: FieldMapping = { ...chosen, derived };
		const windowMs = this.#choice.countWindowMs;
		const series = [...valueNames, ...derived.map((field) => field.name)];
		if (windowMs !== undefined) {
			const takenNames = [...series, ...fieldInfo.map((field) => formatPath(field.path))];
			mapping.count = { name: recordCountSeriesName(windowMs, takenNames), windowMs };
			series.push(mapping.count.name);
		}
		this.#mapping = mapping;
		// The unit applies to epoch numbers only, so a field of ISO dates does not name it.
		const timePath = mapping.time;
		const epochTimes =
			timePath !== null &&
			records.some((record) => {
				const time = getPath(record, timePath);
				return typeof time === 'number' || (typeof time === 'string' && isNumeric(time));
			});
		const unit = epochTimes && this.#choice.timeUnit ? ` (epoch ${this.#choice.timeUnit})` : '';
		const fields = [
			`time: ${mapping.time ? formatPath(mapping.time) : 'arrival'}${unit}`,
			`values: ${series.join(', ') || 'none found'}`,
			mapping.split
				? `split by: ${formatPath(mapping.split)}`
				: `category: ${mapping.category ? formatPath(mapping.category) : 'none'}`
		];

		if (this.#choice.booleansAsNumbers) fields.push('true and false as 1 and 0');
		if (this.#choice.filter !== undefined) {
			fields.push(`filter: ${this.#choice.filter}`);
			this.#filter = this.#compileFilter(this.#choice.filter);
		}
		// The reset below clears the count downstream, so the next flush sends it again, 0 included.
		this.#filteredSent = -1;

		this.#builder = new BatchBuilder(mapping, undefined, {
			timeUnit: this.#choice.timeUnit,
			keepInfinity: this.#choice.lenient,
			booleansAsNumbers: this.#choice.booleansAsNumbers,
			unitHint: DASHBOARD_UNIT_HINT
		});
		const paths = this.#builder.fieldPaths;
		// An empty path reads the whole record, which only JSON.parse builds.
		const scannable = paths.every((path) => path === null || path.length > 0);
		this.#templated =
			this.#scanFields && scannable && this.#filter === null && !this.#builder.needsRecords;
		this.#output.fieldReport = { fields: fieldInfo, mapping };
		const duplicates = this.#choice.duplicates;
		const label = `${this.#label} (${fields.join(' · ')})`;
		this.#output.reset(series, this.#source, label, { mapping, duplicates });
		if (this.#recentErrors.length > 0)
			this.#output.errors([...this.#recentErrors], this.#errorTotal);
	}
}

/** Templates kept at once, for a stream that alternates between a few record shapes. */
const maxTemplates = 4;

function isObject(value: unknown): value is object {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
