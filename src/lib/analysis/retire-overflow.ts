import type { ColumnRing } from '../store/ring-buffer';
import type { SeriesLines } from './series-lines';

/** Records about to be appended: their count, value columns and category indexes. */
export interface IncomingRecords {
	count: number;
	values: readonly Float64Array[];
	/** Category index per record; shorter than `count` when the records have none (-1). */
	category: Int32Array;
}

/**
 * Retires in each line's running figures the values of the records that leave the ring when
 * `incoming` is appended to it, or when it is resized to `capacity`. Those are the ring's oldest
 * records past the capacity and, when `incoming` alone exceeds it, its own first records. A
 * record that has left the ring can no longer be replaced, so a later replacement restores min
 * and max from the ring and these retired values (`SeriesAnalysis.restoreExtremes`).
 *
 * Call it before the ring's `append` or `resize`. Costs O(fields × records leaving).
 */
export function retireOverflow(
	ring: ColumnRing,
	lines: SeriesLines,
	categoryColumn: string,
	incoming: IncomingRecords | null,
	capacity = ring.capacity
): void {
	const count = incoming?.count ?? 0;
	const overflow = ring.length + count - capacity;
	if (overflow <= 0) return;

	const series = lines.lines;
	const fromRing = Math.min(overflow, ring.length);
	const categories = ring.column(categoryColumn);
	for (let field = 0; field < lines.fieldCount; field++) {
		const values = ring.values(field);
		for (let i = 0; i < fromRing; i++) {
			const p = ring.physical(i);
			const line = lines.lineIndex(field, categories[p]);
			if (line >= 0) series[line].stats.retire(values[p]);
		}
	}

	const fromIncoming = overflow - fromRing;
	if (incoming === null || fromIncoming <= 0) return;
	for (let field = 0; field < lines.fieldCount; field++) {
		const values = incoming.values[field];
		for (let i = 0; i < fromIncoming; i++) {
			const category = i < incoming.category.length ? incoming.category[i] : -1;
			const line = lines.lineIndex(field, category);
			if (line >= 0) series[line].stats.retire(values[i]);
		}
	}
}
