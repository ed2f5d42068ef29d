import type { StoredChunk } from './chunk';
import { sessionChunks, type HistoryDb } from './schema';

/**
 * One line of a split session: the split value whose records are read (the recorder stores it
 * as each record's category), null for the records without one, or undefined for every record.
 */
export type SplitLine = string | null | undefined;

/** Category index that `lineCategory` returns when every record is kept. */
export const EVERY_RECORD = -2;

/**
 * Returns the index in `chunk.categories` of the records of `line`: -1 for the records without
 * a category, EVERY_RECORD when `line` is undefined, and undefined when the chunk contains no
 * record of that line, so that the caller can skip it.
 */
export function lineCategory(
	chunk: Pick<StoredChunk, 'categories'>,
	line: SplitLine
): number | undefined {
	if (line === undefined) return EVERY_RECORD;
	if (line === null) return -1;
	const index = chunk.categories.indexOf(line);
	return index < 0 ? undefined : index;
}

/** Tests whether record `i` of a chunk belongs to the line that `lineCategory` gave `category` for. */
export function onLine(chunk: Pick<StoredChunk, 'category'>, i: number, category: number): boolean {
	return category === EVERY_RECORD || chunk.category[i] === category;
}

/** The lines a split session can be read by. */
export interface SessionLines {
	/** Split values in the order of their first record. */
	names: string[];
	/** Whether some records have no split value, which the null line reads. */
	unnamed: boolean;
}

/**
 * Lists the split values of a session's records. Chunks are read one per request and only their
 * dictionaries and category columns are looked at, so this costs one pass over the session.
 *
 * @throws Error when no session has that id.
 */
export async function listSessionLines(db: HistoryDb, id: string): Promise<SessionLines> {
	const session = await db.get('sessions', id);
	if (session === undefined) throw new Error(`session ${id} not found in history`);
	const names = new Set<string>();
	let unnamed = false;
	const keys = await db.getAllKeys('chunks', sessionChunks(id));
	for (const key of keys) {
		const chunk = await db.get('chunks', key);
		if (chunk === undefined) continue;
		// The dictionary lists a chunk's categories in the order of their first record.
		for (const name of chunk.categories) names.add(name);
		if (!unnamed) unnamed = chunk.category.subarray(0, chunk.count).includes(-1);
	}
	return { names: [...names], unnamed };
}
