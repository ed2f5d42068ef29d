import type { ColumnBatch } from '../protocol';

/**
 * Returns records [start, end) of `batch` as a batch of their own, on views of its arrays. The
 * category names new in the batch and its gap counts go with a slice that starts at 0, because
 * later records may refer to those names.
 */
export function sliceBatch(batch: ColumnBatch, start: number, end: number): ColumnBatch {
	const slice: ColumnBatch = {
		count: end - start,
		time: batch.time.subarray(start, end),
		values: batch.values.map((column) => column.subarray(start, end)),
		// A batch without a category field has an empty category column.
		category: batch.category.length === 0 ? batch.category : batch.category.subarray(start, end),
		newCategories: start === 0 ? batch.newCategories : []
	};
	if (start === 0 && batch.valueGaps !== undefined) slice.valueGaps = batch.valueGaps;
	return slice;
}
