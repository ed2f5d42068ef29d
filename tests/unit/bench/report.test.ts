import { describe, expect, it } from 'vitest';
import {
	formatNumber,
	formatReport,
	formatTable,
	median,
	meetsTarget,
	mergeRows,
	percentile,
	ratioOf,
	type FigureRow
} from '../../../bench/report';

const ingestRow: FigureRow = {
	figure: 'File ingest',
	value: { label: 'end to end', unit: 'MB/s', samples: [30, 10, 20] },
	reference: { label: 'bare parse', unit: 'MB/s', samples: [40, 50, 60] },
	target: { of: 'ratio', compare: '>=', limit: 0.7 }
};

const frameRow: FigureRow = {
	figure: 'Frame | zoomed',
	value: { label: 'frame', unit: 'ms', samples: [12] },
	target: { of: 'value', compare: '<=', limit: 16.7 }
};

describe('bench report', () => {
	it.each([
		{ samples: [3, 1, 2], expected: 2 },
		{ samples: [4, 1, 3, 2], expected: 2.5 },
		{ samples: [5], expected: 5 },
		{ samples: [NaN, 7, 9], expected: 8 }
	])('median of $samples', ({ samples, expected }) => {
		expect(median(samples)).toBe(expected);
	});

	it('median of nothing is NaN', () => {
		expect(median([])).toBeNaN();
	});

	it('percentile uses the nearest rank', () => {
		const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
		expect(percentile(samples, 95)).toBe(95);
		expect(percentile(samples, 100)).toBe(100);
		expect(percentile([8], 95)).toBe(8);
	});

	it('ratioOf divides the medians', () => {
		expect(ratioOf(ingestRow)).toBe(20 / 50);
		expect(ratioOf(frameRow)).toBeNaN();
	});

	it('meetsTarget compares ratio or value', () => {
		expect(meetsTarget(ingestRow)).toBe(false);
		expect(meetsTarget({ ...ingestRow, target: { ...ingestRow.target, limit: 0.4 } })).toBe(true);
		expect(meetsTarget(frameRow)).toBe(true);
		expect(meetsTarget({ ...frameRow, value: { ...frameRow.value, samples: [] } })).toBeNull();
	});

	it.each([
		{ value: 1234.5, text: '1,235' },
		{ value: 45.67, text: '45.7' },
		{ value: 1.234, text: '1.23' },
		{ value: 0.4, text: '0.400' },
		{ value: NaN, text: 'n/a' }
	])('formatNumber $value', ({ value, text }) => {
		expect(formatNumber(value)).toBe(text);
	});

	it('formatTable writes one row per figure', () => {
		const lines = formatTable([ingestRow, frameRow]).split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[2]).toBe(
			'| File ingest | end to end: **20.0 MB/s** (runs: 30.0, 10.0, 20.0) | ' +
				'bare parse: **50.0 MB/s** (runs: 40.0, 50.0, 60.0) | 0.400× | >= 0.700× | **missed** |'
		);
	});

	it('formatTable escapes a pipe in a cell', () => {
		const row = formatTable([frameRow]).split('\n')[2];
		expect(row).toBe('| Frame \\| zoomed | frame: **12.0 ms** | – | – | <= 16.7 ms | met |');
	});

	it('formatReport states the machine and mode', () => {
		const page = formatReport({
			date: '2026-01-01 10:00 UTC',
			machine: { CPU: 'Test CPU', 'Logical cores': '2' },
			runs: 3,
			quick: false,
			rows: [ingestRow],
			notes: ['Shared machine.'],
			findings: '## Findings\n\nText.'
		});
		expect(page).toContain('Taken on 2026-01-01 10:00 UTC, median of 3 runs per figure.');
		expect(page).toContain('- CPU: Test CPU');
		expect(page).toContain('- Logical cores: 2');
		expect(page).toContain('Shared machine.');
		expect(page.trimEnd().endsWith('## Findings\n\nText.')).toBe(true);
	});
});

describe('mergeRows', () => {
	const page = formatReport({
		date: 'then',
		machine: { CPU: 'test' },
		runs: 3,
		quick: false,
		rows: [{ ...ingestRow, note: 'old ingest note' }, frameRow],
		notes: ['Shared machine.']
	});
	const newRow: FigureRow = {
		figure: 'Recording',
		value: { label: 'recorder', unit: 'records/s', samples: [60_000] },
		target: { of: 'value', compare: '>=', limit: 50_000 },
		note: 'how it was taken.'
	};

	it('adds a new figure after the others', () => {
		const merged = mergeRows(page, [newRow], 'now').split('\n');
		const frame = merged.findIndex((line) => line.startsWith('| Frame \\| zoomed |'));
		expect(merged[frame + 1]).toBe(formatTable([newRow]).split('\n')[2]);
		expect(merged[frame + 2]).toBe('');
		const note = merged.findIndex((line) => line.startsWith('- **Recording**:'));
		expect(merged[note]).toBe(
			'- **Recording**: how it was taken. Measured on now in a run of this figure alone.'
		);
		expect(merged[note - 1]).toBe('- **File ingest**: old ingest note');
	});

	it('replaces the row of the same figure', () => {
		const faster = { ...ingestRow, value: { ...ingestRow.value, samples: [45] }, note: 'new' };
		const merged = mergeRows(page, [faster], 'now');
		expect(merged).toContain(formatTable([faster]).split('\n')[2]);
		expect(merged).not.toContain(formatTable([ingestRow]).split('\n')[2]);
		expect(merged).toContain('- **File ingest**: new Measured on now');
		expect(merged).not.toContain('old ingest note');
		expect(merged.split('\n').length).toBe(page.split('\n').length);
	});

	it('rejects a page without a table', () => {
		expect(() => mergeRows('# Benchmarks\n', [newRow], 'now')).toThrow('no figure table');
	});
});
