import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { decodeBinaryFrame } from '../../../src/lib/ingest/binary-frame';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';

interface Frame {
	type: 'text' | 'binary';
	text?: string;
	hex?: string;
}

const frames: Frame[] = JSON.parse(
	readFileSync(
		new URL('../../fixtures/cases/case-22-ws-binary-frames.json', import.meta.url),
		'utf8'
	)
).frames;

function bytesOf(hex: string): Uint8Array {
	return new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));
}

test('decodeBinaryFrame case-22 frames', async () => {
	const values: number[] = [];
	const errors: string[] = [];
	for (const frame of frames) {
		const decoded =
			frame.type === 'text'
				? { kind: 'text' as const, text: frame.text! }
				: await decodeBinaryFrame(bytesOf(frame.hex!));
		if (decoded.kind === 'error') {
			errors.push(decoded.message);
			continue;
		}
		const result = parseJsonLine(decoded.text, 1);
		if (result.kind === 'record') values.push((result.value as { v: number }).v);
		if (result.kind === 'records') values.push(...result.values.map((v) => (v as { v: number }).v));
	}

	expect(values).toEqual([1, 2, 3, 4, 6, 7]);
	expect(errors).toEqual([
		'binary message looks like MessagePack, which is not supported; send JSON'
	]);
});

test('decodeBinaryFrame invalid UTF-8', async () => {
	expect(await decodeBinaryFrame(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
		kind: 'error',
		message: 'binary message is not valid UTF-8 text'
	});
});

test('decodeBinaryFrame torn gzip', async () => {
	const result = await decodeBinaryFrame(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01]));

	expect(result.kind).toBe('error');
	expect(result.kind === 'error' && result.message).toMatch(/^invalid gzip data/);
});
