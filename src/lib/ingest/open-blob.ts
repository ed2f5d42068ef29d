/** First two bytes of every gzip stream (RFC 1952, section 2.3.1). */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Checks whether `head` starts with the gzip magic bytes. */
export function isGzip(head: Uint8Array): boolean {
	return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** A blob's bytes, decompressed when they are gzip, with a count of the raw bytes read. */
export interface OpenedBlob {
	stream: ReadableStream<Uint8Array>;
	gzip: boolean;
}

/**
 * Opens a file or blob for reading, decompressing it with `DecompressionStream` when its first
 * bytes are the gzip magic, whatever its name. `onRawBytes` receives the size of each raw chunk
 * read from the blob, so progress can be measured against `blob.size` either way.
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
	if (!gzip) return { stream: counted, gzip };

	const decompressed = counted.pipeThrough(
		new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
	);
	return { stream: decompressed, gzip };
}

/**
 * Reads a whole file or blob as UTF-8 text, decompressed first when its first bytes are the gzip
 * magic (see `openBlob`). A byte order mark is dropped and invalid bytes become U+FFFD, as with
 * `Blob.text()`.
 *
 * @throws Error "invalid gzip data: …" when the gzip data is corrupt or cut short.
 */
export async function readBlobText(blob: Blob): Promise<{ text: string; gzip: boolean }> {
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
	return { text: text + decoder.decode(), gzip: opened.gzip };
}
