import type { FieldPath } from '../protocol';

/**
 * Deepest field path, in keys, that the field list, the field picker and inference walk to. An
 * object at this depth is listed as one field of type object. Eight keys cover Home Assistant's
 * `event.data.new_state.attributes.brightness` (five) with room to spare. The fields listed stay
 * capped in count, so a deeper or wider record costs no more than one walk over its parsed value.
 */
export const MAX_FIELD_DEPTH = 8;

/**
 * Parses a dotted path such as `metadata.source` into its keys.
 *
 * `\.` stands for a dot inside a key and `\\` for a backslash. Any other backslash is kept as
 * it is. Splitting follows `String.split`, so `''` is `['']` and `'a.'` is `['a', '']`.
 */
export function parsePath(dotted: string): FieldPath {
	if (!dotted.includes('\\')) return dotted.split('.');

	const path: FieldPath = [];
	let key = '';
	for (let i = 0; i < dotted.length; i++) {
		const char = dotted[i];
		if (char === '\\' && i + 1 < dotted.length) {
			const next = dotted[i + 1];
			if (next === '.' || next === '\\') {
				key += next;
				i++;
				continue;
			}
		}
		if (char === '.') {
			path.push(key);
			key = '';
		} else {
			key += char;
		}
	}
	path.push(key);
	return path;
}

/**
 * Formats a path in the dotted form that {@link parsePath} reads back, escaping dots and
 * backslashes inside keys. An empty path formats as `''`, the same as `['']`.
 */
export function formatPath(path: FieldPath): string {
	return path.map((key) => key.replace(/[\\.]/g, '\\$&')).join('.');
}

/**
 * Reads the value at `path`, or undefined when a key on the way is missing.
 *
 * Only own properties count, so a path never reaches into the prototype chain: `toString`
 * reads undefined, and `__proto__` reads the record's own `__proto__` data property (which
 * JSON.parse creates for that key), or undefined.
 */
export function getPath(record: unknown, path: FieldPath): unknown {
	let current = record;
	for (let i = 0; i < path.length; i++) {
		if (current === null || typeof current !== 'object') return undefined;

		const key = path[i];
		if (!Object.hasOwn(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
