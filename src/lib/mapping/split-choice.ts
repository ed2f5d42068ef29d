import type { FieldMapping, FieldPath } from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';
import { formatPath } from './field-path';

/**
 * Maximum number of lines a split series draws, over all its value fields. Each line costs a
 * scan of the window per view, and beyond about twenty colours the legend's keys look alike.
 */
export const MAX_SPLIT_LINES = 20;

/**
 * Returns the field choice that splits by `path`: the split field also becomes the category and
 * stops being a value field, because it cannot both name the lines and be one.
 */
export function splitChoice(mapping: FieldMapping, path: FieldPath): MappingChoice {
	const id = formatPath(path);
	const values = mapping.values.filter((value) => formatPath(value) !== id);
	return { split: path, category: path, values };
}
