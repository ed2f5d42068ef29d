import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BatchReceipt, SourceMessage } from '../../../src/lib/protocol';
import {
	maxBatchesInFlight,
	readFileSource,
	recordsPerBatch
} from '../../../src/lib/sources/file-source';
import type { MappingChoice } from '../../../src/lib/sources/record-pipeline';
import { SourceOutput } from '../../../src/lib/sources/source-output';

const suiteFolder = fileURLToPath(
	new URL('../../fixtures/jsontestsuite/test_parsing/', import.meta.url)
);

/**
 * Builds a seed-format JSON Lines file of `count` records, one per second, in parts of 500
 * lines. Node reads a Blob part by part, so each part arrives as one chunk of the stream.
 */
function seedFile(count: number): File {
	const parts: string[] = [];
	for (let start = 0; start < count; start += 500) {
		const lines: string[] = [];
		for (let i = start; i < Math.min(count, start + 500); i++) {
			const timestamp = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString().slice(0, 19);
			lines.push(JSON.stringify({ timestamp, value: i % 97, category: 'ABCDE'[i % 5] }));
		}
		parts.push(lines.join('\n') + '\n');
	}
	return new File(parts, 'seed.jsonl');
}

/**
 * Connects a SourceOutput to an analysis side that counts the batches it receives and reports
 * them handled only while `handling` is true, as a busy analysis worker would fall behind.
 */
function connect() {
	const channel = new MessageChannel();
	const output = new SourceOutput();
	output.attach(channel.port1 as unknown as MessagePort);
	const side = {
		received: 0,
		records: 0,
		largest: 0,
		handled: 0,
		handling: true,
		maxQueued: 0,
		status: '',
		detail: '',
		/** The first value column of every batch, in order. */
		values: [] as number[],
		errors: [] as string[]
	};
	const acknowledge = () => {
		const receipt: BatchReceipt = { kind: 'handled', batches: side.handled };
		channel.port2.postMessage(receipt);
	};
	channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => {
		const message = event.data;
		if (message.kind === 'status') {
			side.status = message.status;
			side.detail = message.detail ?? '';
		}
		if (message.kind === 'errors') {
			side.errors.push(...message.errors.map((error) => `${error.line}: ${error.message}`));
		}
		if (message.kind !== 'batch') return;
		side.values.push(...(message.batch.values[0] ?? []));
		side.received += 1;
		side.records += message.batch.count;
		side.largest = Math.max(side.largest, message.batch.count);
		side.maxQueued = Math.max(side.maxQueued, side.received - side.handled);
		if (!side.handling) return;
		side.handled = side.received;
		acknowledge();
	};
	const resume = () => {
		side.handling = true;
		side.handled = side.received;
		acknowledge();
	};
	const close = () => {
		channel.port1.close();
		channel.port2.close();
	};
	return { output, side, resume, close };
}

/** Waits until `condition` holds, polling the event loop. */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('readFileSource flow control', () => {
	it('readFileSource pauses while batches are unhandled', async () => {
		const records = 200_000;
		const { output, side, resume, close } = connect();
		side.handling = false;
		const reading = readFileSource(seedFile(records), output, {}, new AbortController().signal);

		// Reading stops once the analysis side falls maxBatchesInFlight batches behind.
		await until(() => side.received > maxBatchesInFlight);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(side.received).toBeLessThanOrEqual(maxBatchesInFlight + 1);
		expect(output.batchesInFlight).toBe(side.received);

		resume();
		await reading;
		await until(() => side.status === 'done');
		expect(side.records).toBe(records);
		expect(side.maxQueued).toBeLessThanOrEqual(maxBatchesInFlight + 1);
		close();
	});

	it('readFileSource keeps reading while batches are handled', async () => {
		const records = 100_000;
		const { output, side, close } = connect();
		await readFileSource(seedFile(records), output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.records).toBe(records);
		expect(side.received).toBeGreaterThan(1);
		close();
	});

	it('readFileSource joins chunks into batches', async () => {
		const records = 100_000;
		const { output, side, close } = connect();
		await readFileSource(seedFile(records), output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		// The file arrives in chunks of 500 records. A batch is sent once it has recordsPerBatch
		// records, or with the next progress message, so it has at most one chunk more.
		expect(side.records).toBe(records);
		expect(side.largest).toBeLessThanOrEqual(recordsPerBatch + 500);
		expect(side.received).toBeLessThan(records / 500);
		close();
	});

	it('readFileSource cancel ends a paused read', async () => {
		const { output, side, close } = connect();
		side.handling = false;
		const abort = new AbortController();
		const reading = readFileSource(seedFile(200_000), output, {}, abort.signal);
		await until(() => side.received > maxBatchesInFlight);

		abort.abort();
		await reading;
		await until(() => side.status === 'idle');
		expect(side.records).toBeLessThan(200_000);
		close();
	});
});

describe('readFileSource summary', () => {
	it('readFileSource counts one blank line', async () => {
		const { output, side, close } = connect();
		const file = new File(['{"v":1}\n\n{"v":2}\n'], 'one-blank.jsonl');
		await readFileSource(file, output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.detail).toBe('read one-blank.jsonl: 2 records, 0 rejected, 1 blank line skipped');
		close();
	});

	it('readFileSource groups thousands', async () => {
		const { output, side, close } = connect();
		await readFileSource(seedFile(1500), output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.detail).toBe('read seed.jsonl: 1,500 records, 0 rejected, 0 blank lines skipped');
		close();
	});

	it('readFileSource reads a CSV file with a header row', async () => {
		const { output, side, close } = connect();
		// Parts cut mid-row, a blank line, a quoted field holding a comma and a short row.
		const file = new File(
			[
				'timestamp,value,note\n2024-01-01T00:00:00Z,1.5,"a, b"\n2024-01-01T00:00',
				':01Z,2.5,c\n\n2024-01-01T00:00:02Z,3\n2024-01-01T00:00:03Z,4.5,d\n'
			],
			'readings.csv'
		);
		await readFileSource(file, output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.detail).toBe('read readings.csv: 3 records, 1 rejected, 1 blank line skipped');
		expect(side.values).toEqual([1.5, 2.5, 4.5]);
		expect(side.errors).toEqual(['5: invalid CSV row: 2 fields, the header has 3']);
		close();
	});

	it('readFileSource reads decimal commas in a semicolon CSV file', async () => {
		const { output, side, close } = connect();
		const file = new File(
			[
				'time;value\n2024-01-01T00:00:00Z;12,5\n2024-01-01T00:00:01Z;-0,75\n',
				'2024-01-01T00:00:02Z;3\n'
			],
			'semicolons.csv'
		);
		await readFileSource(file, output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.detail).toBe('read semicolons.csv: 3 records, 0 rejected, 0 blank lines skipped');
		expect(side.values).toEqual([12.5, -0.75, 3]);
		// Warnings from before the mapping was decided are sent again after the reset that brings
		// it, so each is listed once here.
		expect([...new Set(side.errors)]).toEqual([
			'1: CSV fields are separated by semicolons, as the header shows',
			'2: read 12,5 as 12.5, and every number with one decimal comma alike, because the CSV ' +
				'fields are separated by semicolons'
		]);
		close();
	});

	it('readFileSource leaves a quoted decimal comma of a comma CSV file a gap', async () => {
		const { output, side, close } = connect();
		const file = new File(
			['time,value\n2024-01-01T00:00:00Z,"12,5"\n2024-01-01T00:00:01Z,2\n'],
			'commas.csv'
		);
		await readFileSource(file, output, {}, new AbortController().signal);
		await until(() => side.status === 'done');

		expect(side.values).toHaveLength(2);
		expect(side.values[0]).toBeNaN();
		expect(side.values[1]).toBe(2);
		expect(side.errors).toEqual([]);
		close();
	});
});

describe('readFileSource file with no records', () => {
	/** Reads `file` to the end and returns its status detail and its listed entries, once each. */
	async function readAll(file: File, choice: MappingChoice = {}) {
		const { output, side, close } = connect();
		await readFileSource(file, output, choice, new AbortController().signal);
		await until(() => side.status === 'done');
		close();
		// Entries from before the mapping was decided are sent again after the reset that brings it.
		return { detail: side.detail, entries: [...new Set(side.errors)] };
	}

	const suiteCase = (name: string) =>
		new File([readFileSync(join(suiteFolder, name))], name, { type: 'application/json' });

	it.each([
		['empty.json', '', 'no records: the file is empty'],
		['bom.json', '\uFEFF', 'no records: the file is empty'],
		['blank.jsonl', ' \n\t\r\n', 'no records: the file contains only whitespace'],
		['empty-array.json', '[ ]\n', 'no records: the file contains only an empty JSON array'],
		['arrays.json', '[]\n[]\n', 'no records: the file contains only empty JSON arrays'],
		['scalars.json', '[1, 2]', 'no records: every value in the file was rejected'],
		['header.csv', 'time,value\n', 'no records: the file has no CSV rows after the header']
	])('readFileSource says why %s has no records', async (name, content, message) => {
		const read = await readAll(new File([content], name));

		expect(read.entries).toContain(`0: ${message}`);
	});

	it('readFileSource names a filter that dropped every record', async () => {
		const file = new File(['{"v":1}\n{"v":2}\n'], 'low.jsonl');
		const read = await readAll(file, { filter: 'v > 5' });

		expect(read.detail).toBe(
			'read low.jsonl: 0 records, 0 rejected, 2 filtered out, 0 blank lines skipped'
		);
		expect(read.entries).toEqual(['0: no records: the filter dropped every record']);
	});

	it('readFileSource n_single_space', async () => {
		const read = await readAll(suiteCase('n_single_space.json'));

		expect(read.detail).toBe(
			'read n_single_space.json: 0 records, 0 rejected, 0 blank lines skipped'
		);
		expect(read.entries).toEqual(['0: no records: the file contains only whitespace']);
	});

	it('readFileSource n_structure_lone-open-bracket', async () => {
		const read = await readAll(suiteCase('n_structure_lone-open-bracket.json'));

		expect(read.entries).toEqual([
			'1: the JSON array that starts on this line is never closed with ] ' +
				'(the input ends on line 1, after 0 elements)',
			'0: no records: the file contains only an empty JSON array'
		]);
	});

	it('readFileSource y_array_arraysWithSpaces', async () => {
		const read = await readAll(suiteCase('y_array_arraysWithSpaces.json'));

		expect(read.detail).toBe(
			'read y_array_arraysWithSpaces.json: 0 records, 1 rejected, 0 blank lines skipped'
		);
		expect(read.entries).toEqual([
			'1: expected a JSON object, got array',
			'0: no records: every value in the file was rejected'
		]);
	});

	it('readFileSource keeps records around comma faults', async () => {
		const file = new File(['[{"t":1,"v":1} {"t":2,"v":2},,{"t":3,"v":3}]'], 'commas.json');
		const read = await readAll(file);

		expect(read.detail).toBe('read commas.json: 3 records, 0 rejected, 0 blank lines skipped');
		expect(read.entries).toEqual([
			'1: missing comma between array elements 1 and 2',
			'1: extra comma after array element 2'
		]);
	});

	it('readFileSource file with records has no note', async () => {
		const read = await readAll(new File(['[{"v":1}]\n'], 'one.json'));

		expect(read.detail).toBe('read one.json: 1 record, 0 rejected, 0 blank lines skipped');
		expect(read.entries).toEqual([]);
	});
});

describe('readFileSource UTF-16', () => {
	/** Encodes `text` as UTF-16LE with its byte order mark, as Windows tools save "Unicode" text. */
	function utf16le(text: string): Uint8Array<ArrayBuffer> {
		const bytes = new Uint8Array(2 + text.length * 2);
		const view = new DataView(bytes.buffer);
		view.setUint16(0, 0xfeff, true);
		for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), true);
		return bytes;
	}

	it.each([
		['readings.jsonl', '{"t":1714557600,"v":1.5}\n{"t":1714557601,"v":2.5}\n'],
		['readings.csv', 't\tv\n1714557600\t1.5\n1714557601\t2.5\n']
	])('readFileSource UTF-16LE %s', async (name, text) => {
		const { output, side, close } = connect();
		const file = new File([utf16le(text)], name);
		await readFileSource(file, output, {}, new AbortController().signal);
		await until(() => side.status === 'done');
		close();

		expect(side.detail).toBe(`read ${name}: 2 records, 0 rejected, 0 blank lines skipped`);
		expect(side.values).toEqual([1.5, 2.5]);
		expect(side.errors).toContain(
			'0: decoded as UTF-16LE, because the file starts with the byte order mark FF FE'
		);
	});
});
