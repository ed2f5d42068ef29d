/** First two bytes of every gzip stream (RFC 1952, section 2.3.1). */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Checks whether `head` starts with the gzip magic bytes. */
export function isGzip(head: Uint8Array): boolean {
	return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** Encoding of a blob's text: UTF-8 unless a UTF-16 byte order mark starts the bytes. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Names the UTF-16 encoding whose byte order mark (U+FEFF) starts `head`, or returns 'utf-8'.
 * Windows tools that save text as "Unicode" write UTF-16LE with this mark.
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName {
	if (head.length < 2) return 'utf-8';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	return 'utf-8';
}

/**
 * A blob's bytes as UTF-8, decompressed when they are gzip and transcoded when they are UTF-16,
 * with the encoding they were read in.
 */
export interface OpenedBlob {
	stream: ReadableStream<Uint8Array>;
	gzip: boolean;
	/**
	 * Encoding the text was read in. `stream` is UTF-8 whatever it is, and the text inside a gzip
	 * file is taken as UTF-8.
	 */
	encoding: TextEncodingName;
}

/**
 * Opens a file or blob for reading, decompressing it with `DecompressionStream` when its first
 * bytes are the gzip magic, whatever its name. Text that starts with a UTF-16 byte order mark is
 * transcoded to UTF-8 without that mark, so the readers after it see UTF-8 only. `onRawBytes`
 * receives the size of each raw chunk read from the blob, so progress can be measured against
 * `blob.size` either way.
 */
export async function openBlob(
	blob: Blob,
	onRawBytes: (bytes: number) => void
): Promise<OpenedBlob> {
	const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
	const gzip = isGzip(head);
	const counted = blob.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				onRawBytes(chunk.byteLength);
				controller.enqueue(chunk);
			}
		})
	);
	if (!gzip) {
		const encoding = sniffEncoding(head);
		return { stream: toUtf8(counted, encoding), gzip, encoding };
	}

	const decompressed = counted.pipeThrough(
		new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
	);
	return { stream: decompressed, gzip, encoding: 'utf-8' };
}

/** Transcodes `stream` from `encoding` to UTF-8, or returns it as it is when it is UTF-8. */
function toUtf8(
	stream: ReadableStream<Uint8Array>,
	encoding: TextEncodingName
): ReadableStream<Uint8Array> {
	if (encoding === 'utf-8') return stream;

	// TextDecoderStream drops the byte order mark and replaces unpaired surrogates with U+FFFD.
	return stream
		.pipeThrough(
			new TextDecoderStream(encoding) as unknown as ReadableWritablePair<string, Uint8Array>
		)
		.pipeThrough(new TextEncoderStream());
}

/**
 * Reads a whole file or blob as text, decompressed first when its first bytes are the gzip
 * magic, and read as UTF-16 when they are its byte order mark (see `openBlob`). A byte order
 * mark is dropped and invalid bytes become U+FFFD, as with `Blob.text()`.
 *
 * @throws Error "invalid gzip data: …" when the gzip data is corrupt or cut short.
 */
export async function readBlobText(
	blob: Blob
): Promise<{ text: string; gzip: boolean; encoding: TextEncodingName }> {
	const opened = await openBlob(blob, () => {});
	// Read chunk by chunk rather than through `Response.text()`, which Chromium rejects with only
	// "Failed to fetch" when the decompressor fails.
	const reader = opened.stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (error) {
			if (!opened.gzip) throw error;
			throw new Error(`invalid gzip data: ${(error as Error).message}`, { cause: error });
		}
		if (chunk.done) break;
		text += decoder.decode(chunk.value, { stream: true });
	}
	return { text: text + decoder.decode(), gzip: opened.gzip, encoding: opened.encoding };
}
