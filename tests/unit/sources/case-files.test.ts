import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { SourceMessage } from '../../../src/lib/protocol';
import { RecordPipeline, type MappingChoice } from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';
import { expectClose } from '../helpers/close';

function fixture(name: string): string {
	return readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url), 'utf8');
}

function expected<T>(name: string): T {
	return JSON.parse(fixture(name)) as T;
}

/**
 * Runs a JSON Lines case file through the record pipeline into an analysis engine, as the
 * stream and analysis workers do, and returns the engine and every message sent.
 */
function ingestCase(name: string, choice: MappingChoice = {}) {
	const engine = new AnalysisEngine();
	const messages: SourceMessage[] = [];
	const output = new SourceOutput();
	output.attach({
		postMessage: (message: SourceMessage) => {
			messages.push(message);
			engine.handle(message, 0);
		}
	} as unknown as MessagePort);
	const pipeline = new RecordPipeline(output, 'file', name, choice);
	const lines = fixture(name).split('\n');
	if (lines.at(-1) === '') lines.pop();
	lines.forEach((line, i) => pipeline.line(line, i + 1, 1000));
	pipeline.flush(true);
	return { engine, messages, view: engine.view({ width: 800, spanMs: 0, series: 0 }, 0) };
}

interface NanCase {
	strict: { records: number; errors: { line: number; kind: string }[] };
	lenient_option: { records: number; line_2_v: null; line_6_v: null };
}

describe('case 09: NaN and Infinity tokens', () => {
	const cases = expected<NanCase>('case-09-nan-infinity.expected.json');

	it('strict mode rejects lines 2 to 6', () => {
		const { view } = ingestCase('case-09-nan-infinity.jsonl');

		expect(view.recordCount).toBe(cases.strict.records);
		expect(view.errorCount).toBe(cases.strict.errors.length);
		expect(view.errors.map((error) => error.line)).toEqual(
			cases.strict.errors.map((error) => error.line)
		);
		for (const error of view.errors) expect(error.message).toMatch(/is not a JSON number/);
	});

	it('lenient mode keeps every line', () => {
		const { view, messages } = ingestCase('case-09-nan-infinity.jsonl', { lenient: true });

		expect(view.recordCount).toBe(cases.lenient_option.records);
		expect(view.errorCount).toBe(0);
		const values = messages
			.flatMap((m) => (m.kind === 'batch' ? Array.from(m.batch.values[0]) : []))
			.map((v) => (Number.isNaN(v) ? null : v));
		expect(values[1]).toBe(cases.lenient_option.line_2_v);
		expect(values[5]).toBe(cases.lenient_option.line_6_v);
		expect(values.slice(2, 5)).toEqual([Infinity, -Infinity, Infinity]);
	});

	it('lenient mode reports each repaired line', () => {
		const { view } = ingestCase('case-09-nan-infinity.jsonl', { lenient: true });

		const warnings = view.errors.filter((error) => error.severity === 'warning');
		expect(warnings.map((warning) => warning.line)).toEqual([2, 3, 4, 5, 6]);
		expect(warnings[0].message).toContain('NaN');
		expect(warnings[1].message).toContain('left out of every statistic');
	});

	it('lenient mode keeps infinities out of figures', () => {
		const { view } = ingestCase('case-09-nan-infinity.jsonl', { lenient: true });

		expect(view.kpis.count).toBe(2);
		expectClose(view.kpis.mean, 2);
		expectClose(view.kpis.std, Math.SQRT1_2);
		expect(view.kpis.max).toBe(2.5);
		expect(view.kpis.min).toBe(1.5);
	});
});

interface OrderCase {
	buffer_sorted_ts_offsets: number[];
	exact_duplicate_dropped: number;
	late_arrivals: number[];
}

describe('case 24: a burst of 20 records a millisecond', () => {
	const want = expected<{ records_counted: number; distinct_ts: number }>(
		'case-24-ws-high-rate.expected.json'
	);

	it('every record is counted and the buffer keeps each time', () => {
		const { engine, view } = ingestCase('case-24-ws-high-rate.jsonl');

		expect(view.recordCount).toBe(want.records_counted);
		const buffer = engine.exportRange(-Infinity, Infinity);
		expect(new Set(buffer.time).size).toBe(want.distinct_ts);
		// The first 20 records fall on a whole second; once times with fractions arrive, they too
		// keep only the last of their time.
		expect(view.buffered).toBe(want.distinct_ts);
		expect(view.categories).toEqual([{ name: 'SIM', count: want.distinct_ts }]);
		expect(view.buffered + view.order.replaced + view.order.duplicates).toBe(want.records_counted);
	});
});

describe('case 27: out-of-order and duplicate times', () => {
	const want = expected<OrderCase>('case-27-ts-out-of-order-duplicates.expected.json');
	const start = 1714557600000;

	it('buffer is sorted without duplicates', () => {
		const { engine } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl');

		const exported = engine.exportRange(-Infinity, Infinity);
		expect(Array.from(exported.time, (t) => t - start)).toEqual(want.buffer_sorted_ts_offsets);
	});

	it('conflicting duplicate keeps the last value', () => {
		const { engine } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl');

		const exported = engine.exportRange(start + 3000, start + 3000);
		expect(Array.from(exported.values[0])).toEqual([1.35]);
	});

	it('late and duplicate records are counted', () => {
		const { view } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl');

		expect(view.order.duplicates).toBe(want.exact_duplicate_dropped);
		expect(view.order.replaced).toBe(1);
		expect(view.order.late).toBe(want.late_arrivals.length);
		expect(view.buffered).toBe(want.buffer_sorted_ts_offsets.length);
		// Every line is an accepted record, including the two the buffer does not keep.
		expect(view.recordCount).toBe(want.buffer_sorted_ts_offsets.length + 2);
	});

	it('figures leave the replaced value out', () => {
		const { view } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl');

		const kept = [1.0, 8.8, 1.1, 9.9, 1.2, 1.35, 1.4, 1.5];
		expect(view.kpis.count).toBe(kept.length);
		expectClose(view.kpis.mean, kept.reduce((a, b) => a + b) / kept.length);
	});

	it('policy all keeps every record', () => {
		const { engine, view } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl', {
			duplicates: 'all'
		});

		const exported = engine.exportRange(start + 3000, start + 3000);
		expect(Array.from(exported.values[0])).toEqual([1.3, 1.3, 1.35]);
		expect(view.order.duplicates).toBe(0);
		expect(view.order.replaced).toBe(0);
		// The default policy's count plus the exact duplicate and the replaced value it drops.
		expect(view.recordCount).toBe(want.buffer_sorted_ts_offsets.length + 2);
	});

	it('chart line has increasing times', () => {
		const { view } = ingestCase('case-27-ts-out-of-order-duplicates.jsonl');

		const times = Array.from(view.line.time);
		expect(times.length).toBeGreaterThan(0);
		for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
	});
});

describe('case files through the pipeline', () => {
	it('warnings before the mapping survive', () => {
		const { view } = ingestCase('case-03-ndjson-blank-lines.jsonl');

		expect(view.recordCount).toBe(3);
		const warnings = view.errors.filter((error) => error.severity === 'warning');
		expect(warnings.map((warning) => warning.line)).toEqual([6]);
	});

	it('whole-second clock keeps tied records', () => {
		const { view } = ingestCase('streams/wikimedia-recentchange.jsonl');

		expect(view.recordCount).toBe(30);
		expect(view.order.replaced).toBe(0);
	});

	it('numeric text with invalid values charts', () => {
		const { view } = ingestCase('case-29-val-numeric-strings.jsonl');

		expect(view.series).toEqual(['v']);
		expect(view.kpis.count).toBeGreaterThan(0);
		expect(view.kpis.max).toBe(42.5);
	});
});
