import { describe, expect, it } from 'vitest';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { SourceKind, SourceMessage } from '../../../src/lib/protocol';
import {
	DASHBOARD_UNIT_HINT,
	RecordPipeline,
	type MappingChoice
} from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';

/**
 * Creates a pipeline whose output is collected, as the analysis worker would receive it, and
 * handed to `receive` when given.
 */
function collectingPipeline(
	source: SourceKind = 'websocket',
	choice: MappingChoice = {},
	receive?: (message: SourceMessage) => void
): {
	pipeline: RecordPipeline;
	messages: SourceMessage[];
	output: SourceOutput;
} {
	const messages: SourceMessage[] = [];
	const output = new SourceOutput();
	// Capture what is posted without going through the event loop.
	output.attach({
		postMessage: (message: SourceMessage) => {
			messages.push(message);
			receive?.(message);
		}
	} as unknown as MessagePort);
	return { pipeline: new RecordPipeline(output, source, 'test', choice), messages, output };
}

/** Returns the messages of one kind, typed as that kind. */
function ofKind<K extends SourceMessage['kind']>(
	messages: SourceMessage[],
	kind: K
): Extract<SourceMessage, { kind: K }>[] {
	return messages.filter((m): m is Extract<SourceMessage, { kind: K }> => m.kind === kind);
}

const record = (v: number) => JSON.stringify({ timestamp: '2024-01-20T10:30:00Z', value: v });

describe('RecordPipeline', () => {
	it('RecordPipeline flush holds until enough records', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line(record(1), 1, 1000);
		pipeline.flush(false, 1100);

		expect(messages.filter((m) => m.kind === 'reset')).toHaveLength(0);
		expect(messages.filter((m) => m.kind === 'batch')).toHaveLength(0);
	});

	it('RecordPipeline sends errors before the mapping', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line('not json', 1, 1000);
		pipeline.line('{broken', 2, 1000);
		pipeline.flush(false, 1100);

		expect(ofKind(messages, 'reset')).toHaveLength(0);
		const [sent] = ofKind(messages, 'errors');
		expect(sent.total).toBe(2);
		expect(sent.errors.map((error) => error.line)).toEqual([1, 2]);

		// The reset of the mapping clears errors downstream, so they are sent again after it.
		messages.length = 0;
		pipeline.line(record(1), 3, 1000);
		pipeline.flush(true, 1200);
		const afterReset = messages.slice(messages.findIndex((message) => message.kind === 'reset'));
		const [resent] = ofKind(afterReset, 'errors');
		expect(resent.total).toBe(2);
		expect(resent.errors.map((error) => error.line)).toEqual([1, 2]);
	});

	it('RecordPipeline reads a message of JSON Lines line by line', () => {
		const { pipeline, messages } = collectingPipeline();
		// Three records in one message, a blank line and one bad line among them.
		const text = [record(1), record(2), '', '{"value": oops}', record(3), ''].join('\n');
		pipeline.message(text, 7, 1000);
		pipeline.flush(true, 1100);

		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([1, 2, 3]);
		const errors = ofKind(messages, 'errors').at(-1)!;
		expect(errors.total).toBe(1);
		expect(errors.errors[0].line).toBe(7);
		expect(errors.errors[0].message).toMatch(/^line 4 of the message: invalid JSON/);
	});

	it('RecordPipeline keeps a message whose first line is not JSON whole', () => {
		const { pipeline, messages } = collectingPipeline();
		// A pretty-printed record cut short: no line of it is JSON, so the message is one error.
		pipeline.message('{\n  "value": 1,\n', 3, 1000);
		pipeline.message(record(5), 4, 1000);
		pipeline.flush(true, 1100);

		const errors = ofKind(messages, 'errors').at(-1)!;
		expect(errors.total).toBe(1);
		expect(errors.errors[0].line).toBe(3);
		expect(errors.errors[0].message).not.toMatch(/of the message/);
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([5]);
	});

	it('RecordPipeline slow stream maps after wait', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line(record(1), 1, 1000);
		pipeline.line(record(2), 2, 1200);
		pipeline.flush(false, 2100);

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['value']);
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([1, 2]);
	});

	it('RecordPipeline empty stream keeps mapping open', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.flush(false, 10_000);
		pipeline.line(record(7), 1, 20_000);
		pipeline.flush(false, 21_100);

		const resets = ofKind(messages, 'reset');
		expect(resets).toHaveLength(1);
		expect(resets[0].series).toEqual(['value']);
	});

	it('RecordPipeline final flush maps what it has', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line(record(3), 1, 1000);
		pipeline.flush(true, 1001);

		expect(messages.some((m) => m.kind === 'reset')).toBe(true);
		const [batch] = ofKind(messages, 'batch');
		expect(batch.batch.count).toBe(1);
	});
});

describe('RecordPipeline errors', () => {
	it('RecordPipeline keeps the latest errors', () => {
		const { pipeline, messages } = collectingPipeline();
		for (let line = 1; line <= 1000; line++) pipeline.line('not json', line, 1000);
		pipeline.flush(true, 1001);

		const [sent] = ofKind(messages, 'errors');
		expect(sent.total).toBe(1000);
		const lines = sent.errors.map((e) => e.line);
		expect(lines).toHaveLength(200);
		expect(lines[0]).toBe(801);
		expect(lines[199]).toBe(1000);
	});
});

describe('RecordPipeline inference', () => {
	it('RecordPipeline maps two tiny records', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line('{"v":1}', 1, 1000);
		pipeline.line('{"v":2}', 2, 1001);
		pipeline.flush(true, 1002);

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['v']);
		expect(reset.label).not.toContain('none found');
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([1, 2]);
	});

	it('RecordPipeline maps one record after wait', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line('{"v":1}', 1, 1000);
		pipeline.flush(false, 2001);

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['v']);
	});

	it('RecordPipeline reconnect before records keeps mapping open', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.flush(true, 1000);
		pipeline.line('{"v":1}', 1, 2000);
		pipeline.line('{"v":2}', 2, 2001);
		pipeline.flush(true, 2002);

		const resets = ofKind(messages, 'reset');
		expect(resets).toHaveLength(1);
		expect(resets[0].series).toEqual(['v']);
	});

	it('RecordPipeline waits for a value field', () => {
		const { pipeline, messages } = collectingPipeline();
		pipeline.line('{"state":"on"}', 1, 1000);
		pipeline.flush(false, 2500);
		expect(ofKind(messages, 'reset')).toHaveLength(0);

		pipeline.line('{"state":"on","v":3}', 2, 2600);
		pipeline.flush(false, 2700);

		const resets = ofKind(messages, 'reset');
		expect(resets.map((reset) => reset.series)).toEqual([['v']]);
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([NaN, 3]);
	});

	it('RecordPipeline new field reaches the picker', () => {
		const { pipeline, messages, output } = collectingPipeline();
		pipeline.line('{"t":"2024-01-20T10:30:00Z","a":1}', 1, 1000);
		pipeline.flush(true, 1001);
		pipeline.line('{"t":"2024-01-20T10:30:01Z","a":2,"b":"x"}', 2, 1002);
		pipeline.flush(true, 1003);

		const fields = output.fieldReport?.fields.map((field) => field.path.join('.'));
		expect(fields).toEqual(['t', 'a', 'b']);
		expect(ofKind(messages, 'reset')).toHaveLength(1);
	});

	it('RecordPipeline maps a value 5 keys deep', () => {
		const { pipeline, messages, output } = collectingPipeline();
		const deep = (ts: number, val: number) =>
			JSON.stringify({ ts, k3: { k2: { k1: { k0: { val } } } } });
		pipeline.line(deep(1717000000000, 1.5), 1, 1000);
		pipeline.line(deep(1717000001000, 2.5), 2, 1001);
		pipeline.flush(true, 1002);

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['k3.k2.k1.k0.val']);
		expect(reset.label).not.toContain('none found');
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([1.5, 2.5]);
		const field = output.fieldReport?.fields.find((info) => info.path.length === 5);
		expect(field?.type).toBe('number');
	});

	it('RecordPipeline new 6-deep field reaches the picker', () => {
		const { pipeline, output } = collectingPipeline();
		pipeline.line('{"t":"2024-01-20T10:30:00Z","a":1}', 1, 1000);
		pipeline.flush(true, 1001);
		pipeline.line(
			'{"t":"2024-01-20T10:30:01Z","a":2,"b":{"c":{"d":{"e":{"f":{"g":3}}}}}}',
			2,
			1002
		);
		pipeline.flush(true, 1003);

		const fields = output.fieldReport?.fields.map((field) => field.path.join('.'));
		expect(fields).toEqual(['t', 'a', 'b.c.d.e.f.g']);
	});
});

describe('RecordPipeline derived fields', () => {
	it('RecordPipeline charts a derived series', () => {
		const { pipeline, messages } = collectingPipeline('file', {
			derived: [{ name: 'fahrenheit', expression: 'value * 9 / 5 + 32' }]
		});
		pipeline.line(record(10), 1, 1000);
		pipeline.line(record(-40), 2, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['value', 'fahrenheit']);
		expect(reset.label).toContain('values: value, fahrenheit');
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[1])).toEqual([50, -40]);
	});
});

describe('RecordPipeline derived name clash', () => {
	it('RecordPipeline leaves out a derived field named like a value', () => {
		const { pipeline, messages } = collectingPipeline('file', {
			derived: [
				{ name: 'value', expression: 'value * 2' },
				{ name: 'double', expression: 'value * 2' }
			]
		});
		pipeline.line(record(10), 1, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['value', 'double']);
		expect(reset.mapping?.derived).toEqual([{ name: 'double', expression: 'value * 2' }]);
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([10]);
		expect(Array.from(batch.batch.values[1])).toEqual([20]);
		const warnings = ofKind(messages, 'errors').flatMap((m) => m.errors);
		expect(warnings).toEqual([
			{
				line: 0,
				severity: 'warning',
				message:
					'derived field "value" is not charted: a value field has that name; ' +
					'rename the derived field'
			}
		]);
		expect(pipeline.rejected).toBe(0);
	});
});

describe('RecordPipeline filter', () => {
	it('RecordPipeline filter drops and counts records', () => {
		const { pipeline, messages } = collectingPipeline('file', { filter: 'value > 2' });
		for (const [i, v] of [1, 5, 2, 7, 3].entries()) pipeline.line(record(v), i + 1, 1000);
		pipeline.line('{"timestamp": "2024-01-20T10:30:00Z"}', 6, 1000);
		pipeline.line('"text"', 7, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.label).toContain('filter: value > 2');
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.values[0])).toEqual([5, 7, 3]);
		expect(pipeline.accepted).toBe(3);
		expect(pipeline.filtered).toBe(3);
		expect(pipeline.rejected).toBe(1);
	});

	it('RecordPipeline filter count rides on batches', () => {
		const { pipeline, messages } = collectingPipeline('websocket', { filter: 'value > 2' });
		for (const [i, v] of [1, 5, 2].entries()) pipeline.line(record(v), i + 1, 1000);
		// The first record waited a second, so this flush decides the mapping.
		pipeline.flush(false, 2000);
		const [first] = ofKind(messages, 'batch');
		expect(Array.from(first.batch.values[0])).toEqual([5]);
		expect(first.filtered).toBe(2);

		// A batch after which the count has not changed carries none.
		messages.length = 0;
		pipeline.line(record(7), 4, 2000);
		pipeline.flush(false, 2050);
		const [second] = ofKind(messages, 'batch');
		expect(Array.from(second.batch.values[0])).toEqual([7]);
		expect(second.filtered).toBeUndefined();

		// A flush in which the filter dropped every record has no batch, so the count goes alone.
		messages.length = 0;
		pipeline.line(record(0), 5, 2100);
		pipeline.line(record(1), 6, 2100);
		pipeline.flush(false, 2150);
		expect(ofKind(messages, 'batch')).toHaveLength(0);
		expect(ofKind(messages, 'filtered').map((message) => message.total)).toEqual([4]);

		messages.length = 0;
		pipeline.flush(false, 2200);
		expect(messages).toEqual([]);
	});

	it('RecordPipeline filter sends a zero count', () => {
		const { pipeline, messages } = collectingPipeline('websocket', { filter: 'value > 0' });
		pipeline.line(record(5), 1, 1000);
		pipeline.flush(false, 2000);

		const [batch] = ofKind(messages, 'batch');
		expect(batch.filtered).toBe(0);
	});

	it('RecordPipeline without filter sends no count', () => {
		const { pipeline, messages } = collectingPipeline('websocket');
		pipeline.line(record(5), 1, 1000);
		pipeline.flush(false, 2000);
		pipeline.line(record(6), 2, 2000);
		pipeline.flush(true, 2050);

		const batches = ofKind(messages, 'batch');
		expect(batches).toHaveLength(2);
		for (const batch of batches) expect(batch).not.toHaveProperty('filtered');
		expect(ofKind(messages, 'filtered')).toHaveLength(0);
	});

	it('RecordPipeline filter count reaches the engine view', () => {
		const engine = new AnalysisEngine();
		const { pipeline } = collectingPipeline('websocket', { filter: 'seq % 4 != 0' }, (message) =>
			engine.handle(message, 0)
		);
		const total = 1001;
		const viewCounts = () => {
			const view = engine.view({ width: 800, spanMs: 0, series: 0 }, 0);
			return { accepted: view.recordCount, filtered: view.filteredCount };
		};
		expect(viewCounts().filtered).toBeNull();

		for (let seq = 1; seq <= total; seq++) {
			const time = 1_717_000_000_000 + seq;
			pipeline.message(JSON.stringify({ time, seq, value: seq % 7 }), seq, 1000);
			// Flush every 64 records, as the live sources do on a timer.
			if (seq % 64 === 0) {
				pipeline.flush(false, 1000);
				// Records seq 1 to n went in, so the filter dropped floor(n / 4) of them.
				const live = viewCounts();
				const seen = live.accepted + (live.filtered ?? NaN);
				expect(live.filtered).toBe(Math.floor(seen / 4));
			}
		}
		pipeline.flush(true, 1000);

		const done = viewCounts();
		expect(done.filtered).toBe(250);
		expect(done.filtered).toBe(total - done.accepted);
		expect(done.filtered).toBe(pipeline.filtered);
	});
});

describe('RecordPipeline split', () => {
	const reading = (device: number, temp: number, status: string) =>
		JSON.stringify({ ts: 1_717_000_000_000 + temp, device, status, temp });

	it('RecordPipeline split field is the category', () => {
		const { pipeline, messages } = collectingPipeline('file', {
			split: ['status'],
			category: ['device']
		});
		pipeline.line(reading(1, 20, 'ok'), 1, 1000);
		pipeline.line(reading(2, 21, 'warm'), 2, 1000);
		pipeline.line(reading(1, 22, 'ok'), 3, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.mapping?.split).toEqual(['status']);
		expect(reset.mapping?.category).toEqual(['status']);
		expect(reset.label).toContain('split by: status');
		const [batch] = ofKind(messages, 'batch');
		expect(Array.from(batch.batch.category)).toEqual([0, 1, 0]);
		expect(batch.batch.newCategories).toEqual(['ok', 'warm']);
	});

	it('RecordPipeline split field is no inferred value', () => {
		const { pipeline, messages } = collectingPipeline('file', { split: ['device'] });
		pipeline.line(reading(1, 20, 'ok'), 1, 1000);
		pipeline.line(reading(2, 21, 'ok'), 2, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.series).toEqual(['temp']);
		const [batch] = ofKind(messages, 'batch');
		expect(batch.batch.newCategories).toEqual(['1', '2']);
	});
});

describe('RecordPipeline epoch units', () => {
	it('RecordPipeline epoch advice names the dashboard', () => {
		const { pipeline, messages } = collectingPipeline('websocket', {
			time: ['t'],
			values: [['v']]
		});
		pipeline.line('{"t":99999999999,"v":1}', 1, 1000);
		pipeline.line('{"t":100000000001,"v":2}', 2, 1001);
		pipeline.finish();

		const warnings = ofKind(messages, 'errors').flatMap((m) => m.errors);
		expect(warnings).toHaveLength(2);
		expect(warnings[0].line).toBe(1);
		expect(warnings[0].message).toContain('read as epoch seconds: 5138-11-16');
		expect(warnings[0].message.endsWith(DASHBOARD_UNIT_HINT)).toBe(true);
		expect(warnings[1].line).toBe(2);
		expect(warnings[1].message).toContain('mixes epoch units');
		expect(warnings[1].message.endsWith(DASHBOARD_UNIT_HINT)).toBe(true);
		expect(DASHBOARD_UNIT_HINT).toContain('Epoch unit under Fields');
	});

	it.each([
		['epoch numbers', '{"t":1700000000,"v":1}', true],
		['epoch texts', '{"t":"1700000000","v":1}', true],
		['ISO dates', '{"t":"2024-01-20T10:30:00Z","v":1}', false]
	])('RecordPipeline names the chosen unit only for %s', (_, line, named) => {
		const { pipeline, messages } = collectingPipeline('file', { timeUnit: 's' });
		pipeline.line(line, 1, 1000);
		pipeline.finish();

		const [reset] = ofKind(messages, 'reset');
		expect(reset.label).toContain('time: t');
		expect(reset.label.includes('time: t (epoch s)')).toBe(named);
	});
});
