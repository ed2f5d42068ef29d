import type { SessionInfo } from '../protocol';
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

/** A finished export, ready to download. */
export interface ExportFile {
	blob: Blob;
	fileName: string;
	records: number;
}

/**
 * Exports a session, or the records of it inside `range`, as CSV or JSONL. Chunks are read one
 * at a time and each becomes a Blob part at once, so the records never sit in memory all
 * together: the browser may keep large Blobs on disk.
 *
 * @throws Error when no session has that id.
 */
export async function exportSession(
	db: HistoryDb,
	id: string,
	format: ExportFormat,
	range: TimeRange = {}
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
		const text = format === 'csv' ? chunkToCsv(chunk, range) : chunkToJsonl(chunk, keys, range);
		records += countLines(text);
		parts.push(new Blob([text]));
	}

	const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
	return { blob: new Blob(parts, { type }), fileName: exportFileName(session, format), records };
}

/** Builds a file name from the session name, safe on every common file system. */
export function exportFileName(session: SessionInfo, format: ExportFormat): string {
	return `${fileBase(session.name)}.${format}`;
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
