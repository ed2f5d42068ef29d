import { isGzip } from './open-blob';

/** Text of a binary message, or why it could not be read. */
export type FrameText = { kind: 'text'; text: string } | { kind: 'error'; message: string };

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a binary WebSocket message as JSON text: gunzip it when it starts with the gzip magic
 * bytes, drop a UTF-8 byte order mark, then decode UTF-8. MessagePack and other binary formats
 * are reported as unsupported rather than decoded into garbage.
 */
export async function decodeBinaryFrame(bytes: Uint8Array): Promise<FrameText> {
	let data = bytes;
	if (isGzip(data)) {
		try {
			const stream = new Blob([data as Uint8Array<ArrayBuffer>])
				.stream()
				.pipeThrough(new DecompressionStream('gzip'));
			data = new Uint8Array(await new Response(stream).arrayBuffer());
		} catch (error) {
			return { kind: 'error', message: `invalid gzip data: ${(error as Error).message}` };
		}
	}
	if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);

	const format = describeBinaryFormat(data[0]);
	if (format !== null) {
		return {
			kind: 'error',
			message: `binary message looks like ${format}, which is not supported; send JSON`
		};
	}
	try {
		return { kind: 'text', text: fatalDecoder.decode(data) };
	} catch {
		return { kind: 'error', message: 'binary message is not valid UTF-8 text' };
	}
}

/**
 * Names the binary format a first byte suggests, or null when it can start JSON text. JSON
 * starts with whitespace, `{`, `[`, `"`, a digit, `-` or a literal; a MessagePack map or array
 * starts with 0x80–0x9f or 0xdc–0xdf.
 */
function describeBinaryFormat(first: number | undefined): string | null {
	if (first === undefined) return null;
	if ((first >= 0x80 && first <= 0x9f) || (first >= 0xdc && first <= 0xdf)) return 'MessagePack';
	if (first < 0x20 && first !== 0x09 && first !== 0x0a && first !== 0x0d) return 'binary data';
	return null;
}
