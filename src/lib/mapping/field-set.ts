import { formatPath, MAX_FIELD_DEPTH } from './field-path';

/** Top-level key lists remembered; a stream whose records vary more is walked every time. */
const MAX_SHAPES = 256;
/** Field paths tracked at most, so that records with ever-new keys stay cheap. */
const MAX_PATHS = 1000;

/**
 * The leaf field paths seen so far, to notice a record that brings a new field.
 *
 * Walking every record's keys would double the cost of a fast stream whose records all look
 * alike, so a record whose top-level keys, in order, were seen before is skipped. A new field
 * nested in an object whose top-level keys did not change is therefore noticed only once a
 * record's top-level keys differ.
 */
export class FieldSet {
	#paths = new Set<string>();
	#shapes = new Set<string>();

	/** Checks whether a record with these top-level keys, in this order, was added before. */
	knowsShape(keys: readonly string[]): boolean {
		return this.#shapes.has(keys.join('\u0000'));
	}

	/** Adds the leaf paths of `record`; returns true when any of them is new. */
	add(record: unknown): boolean {
		if (!isPlainObject(record)) return false;
		const shape = Object.keys(record).join('\u0000');
		if (this.#shapes.has(shape)) return false;
		if (this.#shapes.size < MAX_SHAPES) this.#shapes.add(shape);

		let added = false;
		const visit = (value: Record<string, unknown>, prefix: string[]) => {
			for (const key of Object.keys(value)) {
				const path = [...prefix, key];
				const child = value[key];
				if (isPlainObject(child) && path.length < MAX_FIELD_DEPTH) {
					visit(child, path);
					continue;
				}
				const id = formatPath(path);
				if (this.#paths.has(id) || this.#paths.size >= MAX_PATHS) continue;
				this.#paths.add(id);
				added = true;
			}
		};
		visit(record, []);
		return added;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
