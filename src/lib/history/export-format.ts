import type { SessionInfo } from '../protocol';
import type { StoredChunk } from './chunk';
import { lineCategory, onLine, type SplitLine } from './split-line';

/** Marks the first line of a Streamlens JSONL export. */
export const EXPORT_MARK = 'streamlens-session';
export const EXPORT_VERSION = 1;

/** Formats a session can be exported in. */
export type ExportFormat = 'csv' | 'jsonl';

/** Inclusive range of record times to export, epoch ms; both ends open when left out. */
export interface TimeRange {
	from?: number;
	to?: number;
}

/** First line of a JSONL export: everything but the records, so that an import restores all. */
export interface ExportHeader {
	format: typeof EXPORT_MARK;
	version: number;
	session: Omit<SessionInfo, 'id' | 'recordCount' | 'bytes' | 'start' | 'end' | 'state'>;
	/** Record keys of the value columns, in series order. */
	valueKeys: string[];
}

/**
 * Picks one record key per series: its name, unless that is `time`, `category` or a name
 * already taken, in which case the series position is appended (`time#0`).
 */
export function valueKeys(series: readonly string[]): string[] {
	const taken = new Set(['time', 'category']);
	return series.map((name, s) => {
		const key = taken.has(name) ? `${name}#${s}` : name;
		taken.add(key);
		return key;
	});
}

/** Builds the JSONL header line, with its line end. */
export function jsonlHeader(session: SessionInfo): string {
	const header: ExportHeader = {
		format: EXPORT_MARK,
		version: EXPORT_VERSION,
		session: {
			name: session.name,
			source: session.source,
			label: session.label,
			settings: session.settings,
			series: session.series,
			mapping: session.mapping,
			createdAt: session.createdAt
		},
		valueKeys: valueKeys(session.series)
	};
	return JSON.stringify(header) + '\n';
}

/**
 * Writes a number so that JSON.parse gives back the same double. JSON has no NaN or
 * infinities: NaN (a gap) becomes null and an infinity becomes the string "Infinity" or
 * "-Infinity".
 */
export function jsonNumber(value: number): string {
	if (Number.isFinite(value)) return JSON.stringify(value);
	if (Number.isNaN(value)) return 'null';
	return value > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Reads back what `jsonNumber` wrote; returns undefined for anything else. */
export function readJsonNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (value === null) return NaN;
	if (value === 'Infinity') return Infinity;
	if (value === '-Infinity') return -Infinity;
	return undefined;
}

/** Formats the records of a chunk inside `range`, and of `line` when given, as JSON lines. */
export function chunkToJsonl(
	chunk: StoredChunk,
	keys: readonly string[],
	range: TimeRange,
	line?: SplitLine
): string {
	const category = lineCategory(chunk, line);
	if (category === undefined) return '';
	const quoted = keys.map((key) => JSON.stringify(key));
	const lines: string[] = [];
	for (let i = 0; i < chunk.count; i++) {
		const time = chunk.time[i];
		if (!inRange(time, range) || !onLine(chunk, i, category)) continue;
		let line = `{"time":${jsonNumber(time)}`;
		for (let s = 0; s < quoted.length; s++) {
			line += `,${quoted[s]}:${jsonNumber(chunk.values[s][i])}`;
		}
		const c = chunk.category[i];
		line += `,"category":${c < 0 ? 'null' : JSON.stringify(chunk.categories[c])}}\n`;
		lines.push(line);
	}
	return lines.join('');
}

/** Builds the CSV header row, with its line end. */
export function csvHeader(session: SessionInfo): string {
	const names = ['time', 'timestamp', ...session.series, 'category'];
	return names.map(csvText).join(',') + '\r\n';
}

/**
 * Formats the records of a chunk inside `range`, and of `line` when given, as CSV rows (RFC 4180,
 * CRLF line ends): epoch ms, ISO 8601 time in UTC, one plain number per series (empty for a
 * gap), category.
 */
export function chunkToCsv(chunk: StoredChunk, range: TimeRange, line?: SplitLine): string {
	const category = lineCategory(chunk, line);
	if (category === undefined) return '';
	const rows: string[] = [];
	for (let i = 0; i < chunk.count; i++) {
		const time = chunk.time[i];
		if (!inRange(time, range) || !onLine(chunk, i, category)) continue;
		let row = `${csvNumber(time)},${isoTime(time)}`;
		for (const column of chunk.values) row += `,${csvNumber(column[i])}`;
		const c = chunk.category[i];
		row += `,${c < 0 ? '' : csvText(chunk.categories[c])}\r\n`;
		rows.push(row);
	}
	return rows.join('');
}

/** True when a chunk may hold records inside the range. */
export function chunkOverlaps(chunk: Pick<StoredChunk, 'minTime' | 'maxTime'>, range: TimeRange) {
	return (
		!(range.from !== undefined && chunk.maxTime < range.from) &&
		!(range.to !== undefined && chunk.minTime > range.to)
	);
}

/**
 * Quotes a text cell. A cell starting with =, +, -, @, tab or CR gets a leading apostrophe,
 * so that a spreadsheet shows it as text instead of running it as a formula (OWASP's advice on
 * CSV injection).
 */
export function csvText(text: string): string {
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvNumber(value: number): string {
	return Number.isNaN(value) ? '' : String(value);
}

function isoTime(time: number): string {
	const date = new Date(time);
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** True when `time` lies inside `range`; both ends are included. */
export function inRange(time: number, range: TimeRange): boolean {
	return (
		!(range.from !== undefined && time < range.from) && !(range.to !== undefined && time > range.to)
	);
}
