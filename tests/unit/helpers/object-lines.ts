import type { LinesTaken } from '../../../src/lib/ingest/json-value-splitter';

/** Tests whether JSON.parse reads `text` as an object. */
function isObjectText(text: string): boolean {
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
	} catch {
		return false;
	}
}

/**
 * Takes lines from `start` as a `SplitSink.wholeLines` for tests: while each is one JSON object
 * from its first character, then spaces or tabs and a line end, as the record pipeline's
 * templates take the lines they match. Passes each object's text and line number to `onLine`.
 */
export function takeObjectLines(
	text: string,
	start: number,
	line: number,
	taken: LinesTaken,
	onLine: (objectText: string, line: number) => void
): void {
	let position = start;
	let lines = 0;
	while (position < text.length) {
		const lf = text.indexOf('\n', position);
		const cr = text.indexOf('\r', position);
		if (lf === -1 && cr === -1) break;
		let end = Math.min(lf, cr);
		if (lf === -1) end = cr;
		if (cr === -1) end = lf;
		const body = text.slice(position, end).replace(/[ \t]+$/, '');
		if (!body.startsWith('{') || !isObjectText(body)) break;
		const after = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
		if (after - position > taken.maxLength) break;
		onLine(body, line + lines);
		position = after;
		lines++;
	}
	taken.end = position;
	taken.lines = lines;
}
