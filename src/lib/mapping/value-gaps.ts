import type { ValueGaps } from '../protocol';

/** Line under which the gaps of split lines beyond a counter's `maxLines` are counted. */
export const OTHER_LINES = '(other lines)';

/** Most distinct texts named per field; further texts are counted together as "other text". */
const MAX_TEXT_KINDS = 8;
/** Maximum length of a text named as a gap kind, in characters. Longer ones are "other text". */
const MAX_TEXT_LENGTH = 24;

/** Gap kinds of a record that carries no value for the field (see `gapKind`). */
const ABSENT_KINDS = ['missing', 'null', 'empty text'] as const;

/**
 * Names why a value is a gap rather than a number: `missing` for a field the record leaves
 * out, `null`, the text itself for a string such as "unavailable" or "unknown", `true` or
 * `false`, and otherwise the JSON type. Kinds stay apart because each means something else: a
 * sensor that is offline, one that has not reported, or a field the sender omits when it is 0.
 */
export function gapKind(raw: unknown): string {
	if (raw === undefined) return 'missing';
	if (raw === null) return 'null';
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return 'empty text';
		return text.length <= MAX_TEXT_LENGTH ? `"${text}"` : 'other text';
	}
	if (typeof raw === 'boolean') return String(raw);
	if (typeof raw === 'number') return String(raw);
	return Array.isArray(raw) ? 'array' : typeof raw;
}

/**
 * Counts the gaps of each value field by kind, for a note that distinguishes "unavailable" from a
 * field left out. Only values that are not numbers are added, so a stream without gaps never
 * adds to it.
 */
export class ValueGapCounter {
	/** Counts by kind, by field, then by split line (undefined for a stream without a split). */
	#counts = new Map<string, Map<string | undefined, Map<string, number>>>();
	readonly #maxLines: number;

	/**
	 * @param maxLines - Split lines counted apart per field. The gaps of further lines are counted
	 *   together as OTHER_LINES, so a split by an id with thousands of values keeps a short list.
	 */
	constructor(maxLines = Infinity) {
		this.#maxLines = maxLines;
	}

	/** Counts one gap of `field`, or of its split line `line`, whose raw value was `raw`. */
	add(field: string, raw: unknown, line?: string): void {
		this.#count(this.#kinds(field, line), gapKind(raw), 1);
	}

	/** Adds counts taken from another counter, such as those of a batch. */
	merge(gaps: ValueGaps): void {
		for (const { field, line, kinds } of gaps) {
			const into = this.#kinds(field, line);
			for (const { kind, count } of kinds) this.#count(into, kind, count);
		}
	}

	/**
	 * Adds `count` to `kind`, or to "other text" when `kind` is a text beyond the first
	 * MAX_TEXT_KINDS texts of the field, so that a field of many texts keeps a short list.
	 */
	#count(kinds: Map<string, number>, kind: string, count: number): void {
		let counted = kind;
		if (!kinds.has(kind) && kind.startsWith('"')) {
			let texts = 0;
			for (const known of kinds.keys()) if (known.startsWith('"')) texts++;
			if (texts >= MAX_TEXT_KINDS) counted = 'other text';
		}
		kinds.set(counted, (kinds.get(counted) ?? 0) + count);
	}

	/** Returns the counts by field and line, most frequent kind first. */
	counts(): ValueGaps {
		return [...this.#counts].flatMap(([field, lines]) =>
			[...lines].map(([line, kinds]) => ({
				field,
				...(line === undefined ? {} : { line }),
				kinds: [...kinds]
					.map(([kind, count]) => ({ kind, count }))
					.sort((a, b) => b.count - a.count)
			}))
		);
	}

	/**
	 * Returns the gaps of `field`, over all its lines, where a record carries no value at all:
	 * left out, null or an empty text. A text such as "unavailable" is a failed reading instead.
	 */
	absent(field: string): number {
		let absent = 0;
		for (const kinds of this.#counts.get(field)?.values() ?? []) {
			for (const kind of ABSENT_KINDS) absent += kinds.get(kind) ?? 0;
		}
		return absent;
	}

	/** Returns the counts and starts again from none; undefined when there were none. */
	take(): ValueGaps | undefined {
		if (this.#counts.size === 0) return undefined;
		const counts = this.counts();
		this.#counts.clear();
		return counts;
	}

	#kinds(field: string, line: string | undefined): Map<string, number> {
		let lines = this.#counts.get(field);
		if (lines === undefined) {
			lines = new Map();
			this.#counts.set(field, lines);
		}
		let kinds = lines.get(line);
		if (kinds === undefined) {
			const full = line !== undefined && line !== OTHER_LINES && lines.size >= this.#maxLines;
			if (full) return this.#kinds(field, OTHER_LINES);
			kinds = new Map();
			lines.set(line, kinds);
		}
		return kinds;
	}
}
