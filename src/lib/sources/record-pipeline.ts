import { parseJsonLine } from '../ingest/json-line';
import { BatchBuilder } from '../mapping/batch-builder';
import { formatPath } from '../mapping/field-path';
import { describeFields } from '../mapping/field-samples';
import { inferMapping } from '../mapping/infer-mapping';
import type { FieldMapping, RecordError, SourceKind } from '../protocol';
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
}

/**
 * Turns lines or messages into columnar batches: parse, map fields, collect errors. Shared by
 * every text source, so files and streams report bad input the same way.
 */
export class RecordPipeline {
	#output: SourceOutput;
	#source: SourceKind;
	#label: string;
	#choice: MappingChoice;
	#builder: BatchBuilder | null = null;
	#held: { value: unknown; line: number; arrival: number }[] = [];
	#pendingErrors: RecordError[] = [];
	#errorTotal = 0;
	#accepted = 0;

	constructor(output: SourceOutput, source: SourceKind, label: string, choice: MappingChoice = {}) {
		this.#output = output;
		this.#source = source;
		this.#label = label;
		this.#choice = choice;
	}

	/** Records accepted so far. */
	get accepted(): number {
		return this.#accepted;
	}

	/** Lines or messages rejected so far. */
	get rejected(): number {
		return this.#errorTotal;
	}

	/** Parses one line (or one message) of JSON text. */
	line(text: string, lineNumber: number, arrivalMs: number): void {
		const result = parseJsonLine(text, lineNumber);
		if (result.kind !== 'error' && result.warning !== undefined) {
			this.warning({ line: lineNumber, message: result.warning });
		}
		if (result.kind === 'record') this.record(result.value, lineNumber, arrivalMs);
		else if (result.kind === 'records') {
			for (const value of result.values) this.record(value, lineNumber, arrivalMs);
		} else if (result.kind === 'error') this.error(result.error);
	}

	/** Maps one parsed record. */
	record(value: unknown, lineNumber: number, arrivalMs: number): void {
		if (this.#builder === null) {
			this.#held.push({ value, line: lineNumber, arrival: arrivalMs });
			if (this.#held.length >= inferenceSample) this.#decideMapping();
			return;
		}
		const rejected = this.#builder.add(value, lineNumber, arrivalMs);
		if (rejected) this.error(rejected);
		else this.#accepted += 1;
		if (this.#builder.warnings.length > 0) {
			for (const warning of this.#builder.warnings.splice(0)) this.warning(warning);
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
	#keep(entry: RecordError): void {
		if (this.#pendingErrors.length === maxErrorsKept) this.#pendingErrors.shift();
		this.#pendingErrors.push(entry);
	}

	/**
	 * Sends the pending batch and errors. With `final` (end of a file), it decides the mapping
	 * even on fewer records. Otherwise a slow stream decides once its first record waited long enough.
	 */
	flush(final = false, now = Date.now()): void {
		if (this.#builder === null) {
			const waited = this.#held.length > 0 && now - this.#held[0].arrival >= inferenceWaitMs;
			if (final || waited) this.#decideMapping();
		}
		if (this.#builder === null) return;

		const batch = this.#builder.take();
		if (batch) this.#output.batch(batch);
		if (this.#pendingErrors.length > 0 || final) {
			this.#output.errors(this.#pendingErrors, this.#errorTotal);
			this.#pendingErrors = [];
		}
	}

	#decideMapping(): void {
		const inferred = inferMapping(this.#held.map((h) => h.value));
		const choice = this.#choice;
		const mapping: FieldMapping = {
			time: choice.time !== undefined ? choice.time : inferred.time,
			values: choice.values && choice.values.length > 0 ? choice.values : inferred.values,
			category: choice.category !== undefined ? choice.category : inferred.category
		};
		const series = mapping.values.map(formatPath);
		const fields = [
			`time: ${mapping.time ? formatPath(mapping.time) : 'arrival'}`,
			`values: ${series.join(', ') || 'none found'}`,
			`category: ${mapping.category ? formatPath(mapping.category) : 'none'}`
		].join(' · ');

		this.#builder = new BatchBuilder(mapping);
		this.#output.fieldReport = { fields: describeFields(this.#held.map((h) => h.value)), mapping };
		this.#output.reset(series, this.#source, `${this.#label} (${fields})`, { mapping });

		const held = this.#held;
		this.#held = [];
		for (const h of held) this.record(h.value, h.line, h.arrival);
	}
}
