import type { LinesTaken } from '../../../src/lib/ingest/json-value-splitter';

/** Whether `text` is a JSON object, by JSON.parse. */
function isObjectText(text: string): boolean {
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
	} catch {
		return false;
	}
}

/**
 * A `SplitSink.wholeLines` for tests: takes lines from `start` while each is one JSON object from
 * its first character, then spaces or tabs and a line end, as the record pipeline's templates
 * take the lines they match, and passes each object's text and line number to `onLine`.
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
		const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
		if (end === -1) break;
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
