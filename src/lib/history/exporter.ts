import type { SessionInfo } from '../protocol';
import { formatLineName, formatRangeName, utc } from './session-name';
import {
	chunkOverlaps,
	chunkToCsv,
	chunkToJsonl,
	csvHeader,
	jsonlHeader,
	valueKeys,
	type ExportFormat,
	type TimeRange
} from './export-format';
import { sessionChunks, type HistoryDb } from './schema';
import type { SplitLine } from './split-line';

/** A finished export, ready to download. */
export interface ExportFile {
	blob: Blob;
	fileName: string;
	records: number;
}

/**
 * Exports a session, or the records of it inside `range`, as CSV or JSONL. With `line`, only
 * the records of that line of a split session are exported. Every record keeps its category
 * column, which in a split session contains the split value. Chunks are read one
 * at a time and each becomes a Blob part at once, so the records never sit in memory all
 * together: the browser may keep large Blobs on disk.
 *
 * @throws Error when no session has that id, or when `range` is set and no record lies in it, so
 * that no empty file is written.
 */
export async function exportSession(
	db: HistoryDb,
	id: string,
	format: ExportFormat,
	range: TimeRange = {},
	line?: SplitLine
): Promise<ExportFile> {
	const session = await db.get('sessions', id);
	if (session === undefined) throw new Error(`session ${id} not found in history`);
	const keys = valueKeys(session.series);
	const parts: Blob[] = [new Blob([format === 'csv' ? csvHeader(session) : jsonlHeader(session)])];
	let records = 0;

	// Keys first, then one chunk per request: each read is its own short transaction.
	const chunkKeys = await db.getAllKeys('chunks', sessionChunks(id));
	for (const key of chunkKeys) {
		const chunk = await db.get('chunks', key);
		if (chunk === undefined || !chunkOverlaps(chunk, range)) continue;
		const text =
			format === 'csv' ? chunkToCsv(chunk, range, line) : chunkToJsonl(chunk, keys, range, line);
		records += countLines(text);
		parts.push(new Blob([text]));
	}

	if (records === 0 && (range.from !== undefined || range.to !== undefined)) {
		throw new Error(emptyRangeMessage(session, range, line));
	}

	const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
	const fileName = exportFileName(session, format, line);
	return { blob: new Blob(parts, { type }), fileName, records };
}

function emptyRangeMessage(session: SessionInfo, range: TimeRange, line: SplitLine): string {
	const name = formatRangeName({ name: formatLineName(session, line) }, range);
	const span =
		session.recordCount > 0
			? `choose a range between ${utc(session.start)} and ${utc(session.end)} UTC`
			: 'the session has no records';
	return `no records in ${name}: ${span}`;
}

/** Builds a file name from the session name and the line, safe on every common file system. */
export function exportFileName(
	session: SessionInfo,
	format: ExportFormat,
	line?: SplitLine
): string {
	return `${fileBase(formatLineName(session, line))}.${format}`;
}

/** Turns a session name into a file name stem of at most 80 characters, safe on every common file system. */
export function fileBase(name: string): string {
	const base = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
	return base.slice(0, 80) || 'session';
}

function countLines(text: string): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
	return count;
}
