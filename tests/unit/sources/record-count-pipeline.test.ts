import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import { BatchBuilder } from '../../../src/lib/mapping/batch-builder';
import { MAX_SPLIT_LINES } from '../../../src/lib/mapping/split-choice';
import type { ColumnBatch, FieldMapping, SourceMessage } from '../../../src/lib/protocol';
import { RecordPipeline, type MappingChoice } from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';

const ARRIVAL_MS = 1_700_000_000_000;
const GITHUB_EVENTS = 'tests/fixtures/cases/streams/github-events.jsonl';

function event(second: number, type: string, extra: object = {}): object {
	return { at: `2024-05-29T16:00:${String(second).padStart(2, '0')}Z`, type, ...extra };
}

function take(builder: BatchBuilder): ColumnBatch {
	const batch = builder.take();
	if (batch === null) throw new Error('expected a batch, got null');
	return batch;
}

/** Returns the count column of a batch, its last value column. */
function countColumn(batch: ColumnBatch): number[] {
	return Array.from(batch.values[batch.values.length - 1]);
}

const countOf = (windowMs: number) => ({ name: `records per ${windowMs / 1000}s`, windowMs });

test('BatchBuilder count column after values and derived', () => {
	const mapping: FieldMapping = {
		time: ['at'],
		values: [['v']],
		category: null,
		derived: [{ name: 'double', expression: 'v * 2' }],
		count: countOf(10_000)
	};
	const builder = new BatchBuilder(mapping);
	for (const second of [0, 1, 5, 10, 12]) {
		expect(builder.add(event(second, 'x', { v: second }), 1, ARRIVAL_MS)).toBeNull();
	}
	const batch = take(builder);

	expect(batch.values).toHaveLength(3);
	expect(Array.from(batch.values[0])).toEqual([0, 1, 5, 10, 12]);
	expect(Array.from(batch.values[1])).toEqual([0, 2, 10, 20, 24]);
	// At 10 s the record at 0 s is exactly one window older and left out, and at 12 s so is 1 s.
	expect(countColumn(batch)).toEqual([1, 2, 3, 3, 3]);
});

test('BatchBuilder count without value fields', () => {
	const builder = new BatchBuilder({
		time: ['at'],
		values: [],
		category: ['type'],
		count: countOf(60_000)
	});
	for (let second = 0; second < 4; second++) builder.add(event(second, 'a'), 1, ARRIVAL_MS);
	const batch = take(builder);

	expect(batch.values).toHaveLength(1);
	// Without a split, every record counts on one line whatever its category.
	expect(countColumn(batch)).toEqual([1, 2, 3, 4]);
});

test('BatchBuilder count per split line', () => {
	const builder = new BatchBuilder({
		time: ['at'],
		values: [],
		category: ['type'],
		split: ['type'],
		count: countOf(10_000)
	});
	const records = [
		event(0, 'push'),
		event(1, 'watch'),
		event(2, 'push'),
		event(3, 'other', { type: undefined }),
		event(4, 'push'),
		event(11, 'watch'),
		event(12, 'push')
	];
	for (const record of records) expect(builder.add(record, 1, ARRIVAL_MS)).toBeNull();
	const batch = take(builder);

	// push counts 0, 2 and 4 s, then at 12 s leaves 0 and 2 s out. watch counts 1 s, then at 11 s
	// leaves 1 s out, exactly 10 s older. The record without a type counts on a line of its own.
	expect(countColumn(batch)).toEqual([1, 1, 2, 1, 3, 1, 2]);
	expect(Array.from(batch.category)).toEqual([0, 1, 0, -1, 0, 1, 0]);
});

test('BatchBuilder count stops at the split line limit', () => {
	const builder = new BatchBuilder({
		time: ['at'],
		values: [],
		category: ['sensor'],
		split: ['sensor'],
		count: countOf(10_000)
	});
	const sensors = MAX_SPLIT_LINES + 2;
	for (let s = 0; s < sensors; s++) builder.add({ at: 1000 * s, sensor: `s${s}` }, 1, ARRIVAL_MS);
	const counts = countColumn(take(builder));

	// A split draws at most MAX_SPLIT_LINES lines, so further sensors get no count.
	expect(counts.slice(0, MAX_SPLIT_LINES)).toEqual(Array(MAX_SPLIT_LINES).fill(1));
	expect(counts.slice(MAX_SPLIT_LINES)).toEqual([NaN, NaN]);
});

test('BatchBuilder count on arrival time', () => {
	const builder = new BatchBuilder({
		time: null,
		values: [],
		category: null,
		count: countOf(1_000)
	});
	const arrivals = [0, 300, 600, 900, 1_000, 1_500];
	arrivals.forEach((arrival, i) => builder.add({ n: i }, i + 1, ARRIVAL_MS + arrival));

	expect(countColumn(take(builder))).toEqual([1, 2, 3, 4, 4, 4]);
});

test('BatchBuilder count leaves rejected records out', () => {
	const builder = new BatchBuilder({
		time: ['at'],
		values: [],
		category: null,
		count: countOf(60_000)
	});
	expect(builder.add(event(0, 'a'), 1, ARRIVAL_MS)).toBeNull();
	expect(builder.add({ at: 'not a time' }, 2, ARRIVAL_MS)).not.toBeNull();
	expect(builder.add(42, 3, ARRIVAL_MS)).not.toBeNull();
	expect(builder.addFields(['2024-05-29T16:00:05Z', undefined], 4, ARRIVAL_MS)).toBeNull();

	expect(countColumn(take(builder))).toEqual([1, 2]);
});

test('BatchBuilder count keeps its window across batches', () => {
	const builder = new BatchBuilder({
		time: ['at'],
		values: [],
		category: null,
		count: countOf(10_000)
	});
	builder.add(event(0, 'a'), 1, ARRIVAL_MS);
	builder.add(event(5, 'a'), 2, ARRIVAL_MS);
	take(builder);
	builder.add(event(9, 'a'), 3, ARRIVAL_MS);
	// An out-of-order record is counted at the latest time, 9 s.
	builder.add(event(1, 'a'), 4, ARRIVAL_MS);

	expect(countColumn(take(builder))).toEqual([3, 4]);
});

/** Runs `lines` through a pipeline with `choice` and returns what it sent. */
function runPipeline(lines: string[], choice: MappingChoice, final = true): SourceMessage[] {
	const messages: SourceMessage[] = [];
	const output = new SourceOutput();
	output.attach({
		postMessage: (message: SourceMessage) => messages.push(message)
	} as unknown as MessagePort);
	const pipeline = new RecordPipeline(output, 'file', 'test', choice);
	lines.forEach((line, i) => pipeline.line(line, i + 1, ARRIVAL_MS));
	if (final) pipeline.finish();
	else pipeline.flush(false, ARRIVAL_MS + 5_000);
	return messages;
}

function resetOf(messages: SourceMessage[]): Extract<SourceMessage, { kind: 'reset' }> {
	const reset = messages.find((message) => message.kind === 'reset' && !message.awaitingMapping);
	if (reset === undefined || reset.kind !== 'reset') throw new Error('expected a reset');
	return reset;
}

function batchesOf(messages: SourceMessage[]): ColumnBatch[] {
	return messages.flatMap((message) => (message.kind === 'batch' ? [message.batch] : []));
}

/** Per record of the GitHub events fixture, its type's records in the 60 s up to its time. */
function githubCountsByType(): { type: string; count: number }[] {
	const events = readFileSync(GITHUB_EVENTS, 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as { type: string; created_at: string });
	return events.map((current, i) => {
		const time = Date.parse(current.created_at);
		const inWindow = events
			.slice(0, i + 1)
			.filter((other) => other.type === current.type)
			.filter((other) => Date.parse(other.created_at) > time - 60_000);
		return { type: current.type, count: inWindow.length };
	});
}

test('RecordPipeline count alone on GitHub events by type', () => {
	const lines = readFileSync(GITHUB_EVENTS, 'utf8').trim().split('\n');
	const messages = runPipeline(lines, {
		countWindowMs: 60_000,
		split: ['type'],
		category: ['type']
	});
	const reset = resetOf(messages);

	expect(reset.series).toEqual(['records per 1m']);
	expect(reset.mapping?.values).toEqual([]);
	expect(reset.mapping?.count).toEqual({ name: 'records per 1m', windowMs: 60_000 });
	expect(reset.label).toContain('values: records per 1m');

	const batches = batchesOf(messages);
	const names = batches.flatMap((batch) => batch.newCategories);
	const counts = batches.flatMap((batch) => Array.from(batch.values[0]));
	const types = batches.flatMap((batch) => Array.from(batch.category, (index) => names[index]));
	const expected = githubCountsByType();
	expect(types).toEqual(expected.map((entry) => entry.type));
	expect(counts).toEqual(expected.map((entry) => entry.count));
});

test('RecordPipeline count beside chosen values', () => {
	const lines = [0, 1, 2].map((s) => JSON.stringify({ ...event(s, 'a'), v: s }));
	const reset = resetOf(runPipeline(lines, { values: [['v']], countWindowMs: 10_000 }));

	expect(reset.series).toEqual(['v', 'records per 10s']);
});

test('RecordPipeline count name avoids a record field', () => {
	const lines = [0, 1].map((s) => JSON.stringify({ ...event(s, 'a'), 'records per 1m': 5 }));
	const messages = runPipeline(lines, { countWindowMs: 60_000 });

	expect(resetOf(messages).series).toEqual(['records per 1m (2)']);
	expect(countColumn(batchesOf(messages)[0])).toEqual([1, 2]);
});

test('RecordPipeline count decides a slow stream without values', () => {
	// Records with no numeric field: without a count the mapping waits for a value field.
	const lines = [JSON.stringify(event(0, 'a'))];

	expect(runPipeline(lines, {}, false).some((m) => m.kind === 'reset')).toBe(false);
	expect(resetOf(runPipeline(lines, { countWindowMs: 60_000 }, false)).series).toEqual([
		'records per 1m'
	]);
});

test('RecordPipeline count reports split values left out', () => {
	const sensors = MAX_SPLIT_LINES + 5;
	const lines = Array.from({ length: sensors }, (_, s) =>
		JSON.stringify({ at: 1_000 * s, sensor: `s${s}` })
	);
	const engine = new AnalysisEngine();
	const choice = { countWindowMs: 10_000, split: ['sensor'], category: ['sensor'] };
	for (const message of runPipeline(lines, choice)) engine.handle(message, ARRIVAL_MS);
	const split = engine.view({ width: 1_000, spanMs: 0, series: 0 }, ARRIVAL_MS).split;

	expect(split?.lines).toBe(MAX_SPLIT_LINES);
	// The sensors past the limit have no count, and the split summary counts them all.
	expect(split?.omittedCategories).toBe(5);
	expect(split?.omittedRecords).toBe(5);
});
