import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { HISTORY_DB_NAME } from '../../../src/lib/history/schema';
import type { ColumnBatch } from '../../../src/lib/protocol';

/** Gives each test an empty IndexedDB of its own. */
export function freshIndexedDb(): void {
	globalThis.indexedDB = new IDBFactory();
}

/** Creates the history database as version 1 of the app did, without the summary index. */
export function openVersion1Db(): Promise<IDBPDatabase> {
	return openDB(HISTORY_DB_NAME, 1, {
		upgrade(db) {
			db.createObjectStore('sessions', { keyPath: 'id' });
			db.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
			db.createObjectStore('settings');
		}
	});
}

/**
 * A batch of `count` records from `first`: time 1000 + 10·i ms, value i / 2, a second series
 * 2i with a gap at every seventh record, and categories cycling over the dictionary.
 */
export function makeBatch(
	first: number,
	count: number,
	newCategories: string[] = [],
	dictionarySize = 3
): ColumnBatch {
	const time = new Float64Array(count);
	const a = new Float64Array(count);
	const b = new Float64Array(count);
	const category = new Int32Array(count);
	for (let k = 0; k < count; k++) {
		const i = first + k;
		time[k] = 1000 + 10 * i;
		a[k] = i / 2;
		b[k] = i % 7 === 0 ? NaN : 2 * i;
		category[k] = i % 5 === 4 ? -1 : i % dictionarySize;
	}
	return { count, time, values: [a, b], category, newCategories };
}
