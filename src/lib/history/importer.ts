import { describeParseError, excerptOf } from '../ingest/json-line';
import { LineSplitter } from '../ingest/line-splitter';
import { openBlob } from '../ingest/open-blob';
import type { ColumnBatch, SessionInfo } from '../protocol';
import { ChunkBuilder, chunkBytes, CHUNK_RECORDS, type StoredChunk } from './chunk';
import { deleteSessions } from './catalog';
import { EXPORT_MARK, EXPORT_VERSION, readJsonNumber, type ExportHeader } from './export-format';
import type { HistoryDb } from './schema';

/** An import that failed, with the 1-based line that caused it. */
export class ImportError extends Error {
	readonly line: number;

	constructor(line: number, message: string) {
		super(`line ${line}: ${message}`);
		this.name = 'ImportError';
		this.line = line;
	}
}

/**
 * Reads a Streamlens JSONL export back into a new session. The file is read in pieces and
 * every full chunk is written in its own transaction, after the file read that produced it,
 * so a large file needs no more memory than a chunk. On the first bad line nothing is kept.
 *
 * @throws ImportError naming the line and what was wrong with it.
 * @throws Error when the file contains a header but no records, and then keeps no session.
 */
export async function importSession(
	db: HistoryDb,
	file: Blob,
	id: string,
	now: number
): Promise<SessionInfo> {
	const reader = new ImportReader(id, now);
	const splitter = new LineSplitter();
	const decoder = new TextDecoder('utf-8');
	// A gzip file is read decompressed, known by its first bytes whatever its name.
	const opened = await openBlob(file, () => {});
	const stream = opened.stream.getReader();
	const onLine = (line: string, lineNumber: number) => reader.line(line, lineNumber);
	try {
		for (;;) {
			const { done, value } = await readGzipChecked(stream, opened.gzip);
			if (done) break;
			splitter.push(decoder.decode(value, { stream: true }), onLine);
			await writeChunks(db, reader.takeSealed(), reader.info);
		}
		splitter.push(decoder.decode(), onLine);
		splitter.flush(onLine);
		if (reader.info === null) throw new ImportError(1, 'the file is empty');
		const last = reader.finish();
		if (reader.info.recordCount === 0) {
			throw new Error('the export has a header line but no records, so there is nothing to import');
		}
		if (last !== null) reader.info.bytes += chunkBytes(last);
		await writeChunks(db, last === null ? reader.takeSealed() : [...reader.takeSealed(), last], {
			...reader.info,
			state: 'complete'
		});
		return { ...reader.info, state: 'complete' };
	} catch (error) {
		await stream.cancel().catch(() => undefined);
		await deleteSessions(db, [id]);
		throw error;
	}
}

/**
 * Reads the next piece of the file, turning a decompression failure into an error stating that
 * the gzip data is cut short or corrupt.
 */
async function readGzipChecked(
	stream: ReadableStreamDefaultReader<Uint8Array>,
	gzip: boolean
): Promise<ReadableStreamReadResult<Uint8Array>> {
	try {
		return await stream.read();
	} catch (error) {
		if (!gzip) throw error;
		throw new Error(`the gzip data is cut short or corrupt (${(error as Error).message})`, {
			cause: error
		});
	}
}

/** Writes chunks and the session row in one transaction. */
async function writeChunks(
	db: HistoryDb,
	chunks: StoredChunk[],
	info: SessionInfo | null
): Promise<void> {
	if (info === null) return;
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
		tx.objectStore('sessions').put(info),
		tx.done
	]);
}

/** Maximum length of input quoted in an import error, in UTF-16 code units. */
const QUOTE_LENGTH = 40;

/** Quotes a short, printable excerpt of input for an error message. */
function quoteExcerpt(text: string): string {
	return `"${excerptOf(text, QUOTE_LENGTH)}"`;
}

/** Shows a JSON value in an error: text quoted, a number as written, anything else as JSON. */
function showValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return quoteExcerpt(value);
	if (typeof value === 'number') return String(value);
	return excerptOf(JSON.stringify(value), QUOTE_LENGTH);
}

/** Turns the lines of an export into chunks, checking each. */
class ImportReader {
	info: SessionInfo | null = null;
	#id: string;
	#now: number;
	#keys: string[] = [];
	#builder: ChunkBuilder | null = null;
	#sealed: StoredChunk[] = [];
	#batch: { time: number[]; values: number[][]; category: number[]; names: string[] } | null = null;
	#dictionary = new Map<string, number>();

	constructor(id: string, now: number) {
		this.#id = id;
		this.#now = now;
	}

	line(text: string, lineNumber: number): void {
		if (text.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			throw new ImportError(lineNumber, `${describeParseError(error)} in ${quoteExcerpt(text)}`);
		}
		if (this.info === null) this.#header(value, lineNumber);
		else this.#record(value, lineNumber);
	}

	takeSealed(): StoredChunk[] {
		this.#flushBatch();
		return this.#sealed.splice(0);
	}

	finish(): StoredChunk | null {
		this.#flushBatch();
		return this.#builder?.snapshot() ?? null;
	}

	#header(value: unknown, lineNumber: number): void {
		const header = value as Partial<ExportHeader> | null;
		if (header?.format !== EXPORT_MARK || typeof header.session !== 'object') {
			throw new ImportError(
				lineNumber,
				`not a Streamlens export: the first line must be its header with "format": "${EXPORT_MARK}"`
			);
		}
		if (typeof header.version === 'number' && header.version > EXPORT_VERSION) {
			throw new ImportError(
				lineNumber,
				`the export is version ${header.version} and this Streamlens reads only version ` +
					`${EXPORT_VERSION}, so update Streamlens or export the session again ` +
					'from the one that made it'
			);
		}
		const session = header.session;
		if (session === null) throw new ImportError(lineNumber, 'the header has no "session" object');
		if (!Array.isArray(session.series) || !Array.isArray(header.valueKeys)) {
			throw new ImportError(lineNumber, 'the header has no "series" or "valueKeys" list');
		}
		if (header.valueKeys.length !== session.series.length) {
			const counts = `${header.valueKeys.length} value keys for ${session.series.length} series`;
			throw new ImportError(lineNumber, `the header lists ${counts}`);
		}
		this.#keys = header.valueKeys;
		this.#builder = new ChunkBuilder(this.#id, session.series.length, 0, CHUNK_RECORDS);
		this.info = {
			...session,
			id: this.#id,
			name: `${session.name} (imported)`,
			createdAt: this.#now,
			start: NaN,
			end: NaN,
			recordCount: 0,
			bytes: 0,
			state: 'recording'
		};
	}

	#record(value: unknown, lineNumber: number): void {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw new ImportError(lineNumber, 'expected a JSON object per record');
		}
		const record = value as Record<string, unknown>;
		const time = record.time;
		// Every stored record has a time, so a gap or an infinity here is a damaged file.
		if (typeof time !== 'number' || !Number.isFinite(time)) {
			const message = `field "time" must be a finite number of epoch ms, got ${showValue(time)}`;
			throw new ImportError(lineNumber, message);
		}
		const batch = (this.#batch ??= {
			time: [],
			values: this.#keys.map(() => []),
			category: [],
			names: []
		});
		batch.time.push(time);
		this.#keys.forEach((key, s) => {
			const number = readJsonNumber(record[key] ?? null);
			if (number === undefined) {
				throw new ImportError(lineNumber, `field ${quoteExcerpt(key)} is not a number or null`);
			}
			batch.values[s].push(number);
		});
		const category = record.category ?? null;
		if (category !== null && typeof category !== 'string') {
			throw new ImportError(lineNumber, 'field "category" is not a string or null');
		}
		batch.category.push(category === null ? -1 : this.#categoryIndex(category, batch.names));
		if (batch.time.length >= CHUNK_RECORDS) this.#flushBatch();
	}

	#categoryIndex(name: string, newNames: string[]): number {
		let index = this.#dictionary.get(name);
		if (index === undefined) {
			index = this.#dictionary.size;
			this.#dictionary.set(name, index);
			newNames.push(name);
		}
		return index;
	}

	#flushBatch(): void {
		const batch = this.#batch;
		const info = this.info;
		if (batch === null || info === null || this.#builder === null) return;
		this.#batch = null;
		const columns: ColumnBatch = {
			count: batch.time.length,
			time: Float64Array.from(batch.time),
			values: batch.values.map((column) => Float64Array.from(column)),
			category: Int32Array.from(batch.category),
			newCategories: batch.names
		};
		for (const chunk of this.#builder.append(columns)) {
			this.#sealed.push(chunk);
			info.bytes += chunkBytes(chunk);
		}
		for (const time of batch.time) {
			if (Number.isNaN(info.start) || time < info.start) info.start = time;
			if (Number.isNaN(info.end) || time > info.end) info.end = time;
		}
		info.recordCount += columns.count;
	}
}
