import type { NumericColumn } from './ring-buffer';

/**
 * The records of one category, for a series split by a category field: a line drawn from a
 * value column keeps only the records whose category column contains `category`.
 */
export interface CategoryFilter {
	/** Physical category column of the ring, read at the same indexes as the value column. */
	column: NumericColumn;
	/** Category index of the records kept; -1 keeps the records that have no category. */
	category: number;
}
