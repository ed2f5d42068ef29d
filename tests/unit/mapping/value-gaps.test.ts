import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../../src/lib/mapping/batch-builder';
import { gapKind, OTHER_LINES, ValueGapCounter } from '../../../src/lib/mapping/value-gaps';

describe('gapKind', () => {
	it.each<[unknown, string]>([
		[undefined, 'missing'],
		[null, 'null'],
		['unavailable', '"unavailable"'],
		['  unknown ', '"unknown"'],
		['', 'empty text'],
		['x'.repeat(25), 'other text'],
		[true, 'true'],
		[false, 'false'],
		[{ a: 1 }, 'object'],
		[[1], 'array']
	])('gapKind of %j', (raw, kind) => {
		expect(gapKind(raw)).toBe(kind);
	});
});

describe('ValueGapCounter', () => {
	it('ValueGapCounter counts kinds apart', () => {
		const counter = new ValueGapCounter();
		for (const raw of ['unavailable', null, 'unavailable', undefined]) counter.add('state', raw);
		counter.add('temp', null);

		expect(counter.counts()).toEqual([
			{
				field: 'state',
				kinds: [
					{ kind: '"unavailable"', count: 2 },
					{ kind: 'null', count: 1 },
					{ kind: 'missing', count: 1 }
				]
			},
			{ field: 'temp', kinds: [{ kind: 'null', count: 1 }] }
		]);
	});

	it('ValueGapCounter caps distinct texts', () => {
		const counter = new ValueGapCounter();
		counter.add('state', null);
		counter.add('state', undefined);
		for (let i = 0; i < 10; i++) counter.add('state', `state ${i}`);

		const kinds = counter.counts()[0].kinds;
		expect(kinds.filter((k) => k.kind.startsWith('"'))).toHaveLength(8);
		expect(kinds.find((k) => k.kind === 'other text')?.count).toBe(2);
		expect(kinds.find((k) => k.kind === 'null')?.count).toBe(1);
		expect(kinds.find((k) => k.kind === 'missing')?.count).toBe(1);
	});

	it('ValueGapCounter caps texts across merges', () => {
		const total = new ValueGapCounter();
		for (let i = 0; i < 1000; i++) {
			const batch = new ValueGapCounter();
			batch.add('v', `${i} V`);
			total.merge(batch.take()!);
		}

		const kinds = total.counts()[0].kinds;
		expect(kinds).toHaveLength(9);
		expect(kinds[0]).toEqual({ kind: 'other text', count: 992 });
	});

	it('ValueGapCounter merges and takes', () => {
		const batch = new ValueGapCounter();
		batch.add('v', null);
		const total = new ValueGapCounter();
		total.merge(batch.take()!);
		total.merge([{ field: 'v', kinds: [{ kind: 'null', count: 2 }] }]);

		expect(batch.take()).toBeUndefined();
		expect(total.counts()).toEqual([{ field: 'v', kinds: [{ kind: 'null', count: 3 }] }]);
	});

	it('ValueGapCounter keeps split lines apart', () => {
		const counter = new ValueGapCounter();
		counter.add('v', null, 'a');
		counter.add('v', null, 'b');
		counter.add('v', 'off', 'b');
		counter.add('v', undefined);
		counter.add('w', null, 'a');

		// The text "off" is a failed reading, not a value left out.
		expect(counter.absent('v')).toBe(3);
		expect(counter.absent('w')).toBe(1);
		const merged = new ValueGapCounter();
		merged.merge(counter.counts());
		merged.merge(counter.counts());
		expect(merged.counts()).toEqual([
			{ field: 'v', line: 'a', kinds: [{ kind: 'null', count: 2 }] },
			{
				field: 'v',
				line: 'b',
				kinds: [
					{ kind: 'null', count: 2 },
					{ kind: '"off"', count: 2 }
				]
			},
			{ field: 'v', kinds: [{ kind: 'missing', count: 2 }] },
			{ field: 'w', line: 'a', kinds: [{ kind: 'null', count: 2 }] }
		]);
	});

	it('ValueGapCounter absent skips texts', () => {
		const counter = new ValueGapCounter();
		for (const raw of [undefined, null, '', '  ', 'unavailable', 'unknown', true, {}]) {
			counter.add('v', raw);
		}
		expect(counter.absent('v')).toBe(4);
		expect(counter.absent('w')).toBe(0);
	});

	it('ValueGapCounter puts lines past maxLines together', () => {
		const counter = new ValueGapCounter(3);
		for (let n = 0; n < 1000; n++) counter.add('v', null, `sensor-${n}`);
		counter.add('v', 'off', 'sensor-1');
		counter.add('v', undefined);

		const counts = counter.counts();
		expect(counts.map((entry) => entry.line)).toEqual([
			'sensor-0',
			'sensor-1',
			'sensor-2',
			OTHER_LINES,
			undefined
		]);
		expect(counts[3].kinds).toEqual([{ kind: 'null', count: 997 }]);
		expect(counts[1].kinds).toHaveLength(2);
		expect(counter.absent('v')).toBe(1001);
	});
});

describe('BatchBuilder value gaps', () => {
	it('BatchBuilder names each gap kind', () => {
		const lines = readFileSync('tests/fixtures/cases/case-30-val-null-missing-bool.jsonl', 'utf8')
			.trim()
			.split('\n')
			.slice(0, 5);
		const mapping = { time: ['ts'], values: [['state']], category: null };
		const builder = new BatchBuilder(mapping, 16);
		lines.forEach((line, i) => builder.add(JSON.parse(line), i + 1, 0));
		const batch = builder.take()!;

		expect(Array.from(batch.values[0])).toEqual([21.4, NaN, NaN, NaN, NaN]);
		expect(batch.valueGaps).toEqual([
			{
				field: 'state',
				kinds: [
					{ kind: '"unavailable"', count: 1 },
					{ kind: '"unknown"', count: 1 },
					{ kind: 'null', count: 1 },
					{ kind: 'missing', count: 1 }
				]
			}
		]);
		builder.add({ ts: 1, state: 2 }, 6, 0);
		expect(builder.take()!.valueGaps).toBeUndefined();
	});

	it('BatchBuilder counts the gaps of each split line apart', () => {
		const lines = readFileSync('tests/fixtures/cases/case-30-val-null-missing-bool.jsonl', 'utf8')
			.trim()
			.split('\n');
		const split = ['entity_id'];
		const mapping = { time: ['ts'], values: [['state']], category: split, split };
		const builder = new BatchBuilder(mapping, 16);
		lines.forEach((line, i) => builder.add(JSON.parse(line), i + 1, 0));
		const gaps = builder.take()!.valueGaps!;

		expect(gaps).toContainEqual({
			field: 'state',
			line: 'sensor.kitchen_temp',
			kinds: [
				{ kind: '"unavailable"', count: 1 },
				{ kind: '"unknown"', count: 1 },
				{ kind: 'null', count: 1 },
				{ kind: 'missing', count: 1 }
			]
		});
		expect(gaps).toContainEqual({
			field: 'state',
			line: 'binary_sensor.back_door',
			kinds: [
				{ kind: '"on"', count: 1 },
				{ kind: '"off"', count: 1 }
			]
		});
		expect(gaps).toContainEqual({
			field: 'state',
			line: 'switch.pump',
			kinds: [{ kind: 'true', count: 1 }]
		});
		// The two records without an entity belong to no line.
		expect(gaps).toContainEqual({ field: 'state', kinds: [{ kind: 'missing', count: 2 }] });
		expect(gaps).toHaveLength(4);
	});
});
