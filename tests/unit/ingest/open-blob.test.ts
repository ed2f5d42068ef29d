import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { readBlobText } from '../../../src/lib/ingest/open-blob';

function fixture(name: string): Uint8Array<ArrayBuffer> {
	return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

test.each(['case-11-gzip.jsonl.gz', 'case-11b-gzip-misnamed.jsonl'])(
	'readBlobText gzip %s',
	async (name) => {
		const read = await readBlobText(new Blob([fixture(`cases/${name}`)]));
		const lines = read.text.trim().split('\n');

		expect(read.gzip).toBe(true);
		expect(lines).toHaveLength(50);
		expect(JSON.parse(lines[0])).toEqual({
			ts: '2024-05-01T10:00:00Z',
			sensor: 'cold-room',
			temp_c: 20
		});
	}
);

test('readBlobText plain text as Blob.text', async () => {
	const bytes = fixture('cases/case-01-ndjson-bom.jsonl');
	const blob = new Blob([bytes]);
	const read = await readBlobText(blob);

	expect(read.gzip).toBe(false);
	expect(read.text).toBe(await blob.text());
	expect(read.text.startsWith('\uFEFF')).toBe(false);
});

test('readBlobText gzip with a byte order mark', async () => {
	const read = await readBlobText(new Blob([gzipSync('\uFEFF{"v":1}\n')]));

	expect(read.gzip).toBe(true);
	expect(read.text).toBe('{"v":1}\n');
});

test('readBlobText gzip cut short rejects', async () => {
	const bytes = gzipSync('{"v":1}\n'.repeat(1000));

	await expect(readBlobText(new Blob([bytes.subarray(0, bytes.length / 2)]))).rejects.toThrow(
		/^invalid gzip data: /
	);
});

/** Encodes `text` as UTF-16 with its byte order mark, little- or big-endian. */
function utf16(text: string, endian: 'le' | 'be'): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, endian === 'le');
	for (let i = 0; i < text.length; i++) {
		view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
	}
	return bytes;
}

test.each([
	['le', 'utf-16le'],
	['be', 'utf-16be']
] as const)('readBlobText UTF-16 %s with a byte order mark', async (endian, encoding) => {
	const text = '{"v":1,"unit":"°C"}\n{"v":2}\n';
	const read = await readBlobText(new Blob([utf16(text, endian)]));

	expect(read.encoding).toBe(encoding);
	expect(read.text).toBe(text);
});

test('readBlobText UTF-8 reports its encoding', async () => {
	const read = await readBlobText(new Blob(['{"v":1}\n']));

	expect(read.encoding).toBe('utf-8');
});
