import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { runInNewContext } from 'node:vm';

/** One part of a seed-format file, with the count of records written so far. */
interface SeedPart {
	text: string;
	records: number;
}

interface PageHelpers {
	seedFormatParts(targetBytes: number): Iterable<SeedPart>;
}

/**
 * Runs the page helpers (`bench/page/bench-page.js`, a classic script) in a Node vm context and
 * returns them. A file written here then contains the same records as the Blob that
 * `seedFormatFile` builds in the page, from one generator. The script uses browser APIs only
 * inside functions that Node never calls.
 */
function loadPageHelpers(): PageHelpers {
	const source = readFileSync(new URL('./page/bench-page.js', import.meta.url), 'utf8');
	const sandbox: { window: { streamlensBench?: PageHelpers } } = { window: {} };
	runInNewContext(source, sandbox, { filename: 'bench-page.js' });
	return sandbox.window.streamlensBench!;
}

/**
 * Writes a seed-format JSON Lines file of at least `targetBytes` to `path`, one record per
 * second, in parts of 10,000 lines so that the whole file is never held in memory. Returns its
 * size and record count.
 */
export async function writeSeedFormatFile(
	path: string,
	targetBytes: number
): Promise<{ bytes: number; records: number }> {
	const out = createWriteStream(path);
	let bytes = 0;
	let records = 0;
	for (const part of loadPageHelpers().seedFormatParts(targetBytes)) {
		// Every character is ASCII, so the string length is the byte length.
		bytes += part.text.length;
		records = part.records;
		if (!out.write(part.text)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return { bytes, records };
}
