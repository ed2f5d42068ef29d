import type { RecordTemplate } from './record-template';

/** JSON whitespace, read from `lastIndex`. */
const SPACE = /[ \t\n\r]*/y;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Reads a JSON array of records, such as one WebSocket message carrying the records of a send
 * tick, when each element matches one of `templates`. Element i's mapped values go to
 * `out[i · slotCount …]` as {@link RecordTemplate.read} writes them. Returns the number of
 * elements, or -1, with `out` in any state, when the text is no such array: not an array, an
 * empty one, an element that matches no template, or anything JSON.parse would reject. A text
 * it reads is one that JSON.parse accepts, with the same values at the mapped paths.
 *
 * Without it every element went through JSON.parse, the field set's shape check and the making
 * of a template, so records sent in arrays cost several times more each than records sent one
 * per message (bench/findings.md has the figures).
 */
export function readRecordArray(
	text: string,
	templates: readonly RecordTemplate[],
	slotCount: number,
	out: unknown[]
): number {
	let position = skipSpace(text, 0);
	if (text.charCodeAt(position) !== OPEN_BRACKET) return -1;
	position += 1;

	let count = 0;
	for (;;) {
		const end = readElement(text, position, templates, out, count * slotCount);
		if (end < 0) return -1;
		count += 1;

		// Each template also reads the whitespace after its record.
		const next = text.charCodeAt(end);
		if (next === COMMA) {
			position = end + 1;
			continue;
		}
		if (next !== CLOSE_BRACKET) return -1;
		return skipSpace(text, end + 1) === text.length ? count : -1;
	}
}

/** Returns the index after the element at `start` that the first matching template reads. */
function readElement(
	text: string,
	start: number,
	templates: readonly RecordTemplate[],
	out: unknown[],
	offset: number
): number {
	for (let t = 0; t < templates.length; t++) {
		const end = templates[t].readAt(text, start, out, offset);
		if (end >= 0) return end;
	}
	return -1;
}

function skipSpace(text: string, start: number): number {
	SPACE.lastIndex = start;
	SPACE.exec(text);
	return SPACE.lastIndex;
}
