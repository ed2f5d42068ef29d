import type { ColumnBatch, OrderCounts } from '../protocol';
import {
	MergeOutcome,
	mergeInOrder,
	type DuplicateRule,
	type MergeResult,
	type RecordColumns
} from '../store/merge-in-order';
import type { ColumnRing } from '../store/ring-buffer';
import { retireOverflow } from './retire-overflow';
import { derivedColumnNames } from './series-analysis';
import type { PriorColumns, SeriesLines } from './series-lines';

/**
 * Tells whether a batch can go straight after the buffer: every time newer than the one before,
 * or with `strict` false (no duplicates to look for) not older.
 */
export function followsInOrder(ring: ColumnRing, batch: ColumnBatch, strict: boolean): boolean {
	let previous = ring.length > 0 ? ring.maxTime() : -Infinity;
	for (let i = 0; i < batch.count; i++) {
		const t = batch.time[i];
		if (strict ? !(t > previous) : !(t >= previous)) return false;
		previous = t;
	}
	return true;
}

/**
 * Appends a batch with late or repeated times so that the ring stays sorted by time.
 *
 * The buffered records from the batch's oldest time on are taken out, merged with the batch by
 * {@link mergeInOrder} (exact duplicates dropped, conflicting ones keep the last) and appended
 * again. Each series' moving average, scores and anomaly flags are derived again from that
 * point, and its running figures take replaced values out, min and max included. The ensemble
 * detector keeps the scores of the records taken out and scores only the batch's records, in
 * arrival order. A line of a split series does this for its own category's records only. Costs
 * O(records taken out + batch).
 *
 * @param categoryColumn - Name of the ring's category column.
 * @param duplicates - How records of equal time are merged, see {@link mergeInOrder}.
 * @returns The category index of every record added, for the category counts, and the counts.
 */
export function appendOutOfOrder(
	ring: ColumnRing,
	lines: SeriesLines,
	batch: ColumnBatch,
	categoryColumn: string,
	duplicates: DuplicateRule
): { addedCategories: Int32Array; counts: OrderCounts } {
	let oldest = Infinity;
	for (let i = 0; i < batch.count; i++) oldest = Math.min(oldest, batch.time[i]);
	const start = ring.sorted ? ring.lowerBound(oldest) : 0;

	const buffered = copyTail(ring, start, categoryColumn);
	const incoming: RecordColumns = {
		count: batch.count,
		time: batch.time,
		values: batch.values,
		category:
			batch.category.length >= batch.count ? batch.category : new Int32Array(batch.count).fill(-1)
	};
	const merged = mergeInOrder(buffered, incoming, duplicates);

	for (const analysis of lines.lines) {
		const s = analysis.series;
		for (const index of merged.replaced) {
			if (analysis.includes(buffered.category[index])) {
				analysis.stats.remove(buffered.values[s][index]);
			}
		}
		for (let i = 0; i < batch.count; i++) {
			if (merged.outcome[i] === MergeOutcome.Dropped) continue;
			if (analysis.includes(incoming.category[i])) analysis.stats.push(batch.values[s][i]);
		}
		analysis.rewind(ring, start);
	}
	ring.truncate(start);
	appendMerged(ring, lines, categoryColumn, merged, priorScores(buffered, merged.origin));

	const added: number[] = [];
	for (let i = 0; i < batch.count; i++) {
		if (merged.outcome[i] === MergeOutcome.Added) added.push(incoming.category[i]);
	}
	return {
		addedCategories: Int32Array.from(added),
		counts: {
			late: merged.late,
			duplicates: merged.exactDuplicates,
			replaced: merged.conflicts
		}
	};
}

/**
 * Merges records of equal time that the buffer kept under a looser rule, now that `duplicates`
 * applies. The engine takes a stream whose first records fall on a whole second for a clock of
 * whole seconds, which keeps ties, until a time with a fraction arrives. From the first tie on,
 * the buffered records are merged again as if they had just arrived in that order, so the last
 * of a key wins. As for late records, the ensemble keeps the scores it gave them and the other
 * derived columns are computed again. Returns null when none is dropped.
 *
 * @returns The category index of every record dropped, for the category counts, and the counts.
 */
export function collapseTies(
	ring: ColumnRing,
	lines: SeriesLines,
	categoryColumn: string,
	duplicates: DuplicateRule
): { droppedCategories: Int32Array; counts: OrderCounts } | null {
	const start = firstTie(ring);
	if (start < 0) return null;
	const tail = copyTail(ring, start, categoryColumn);
	const none: RecordColumns = {
		count: 0,
		time: new Float64Array(0),
		values: tail.values.map(() => new Float64Array(0)),
		category: new Int32Array(0)
	};
	const merged = mergeInOrder(none, tail, duplicates);
	const dropped: number[] = [];
	for (let i = 0; i < tail.count; i++) {
		if (merged.outcome[i] === MergeOutcome.Dropped) dropped.push(i);
	}
	if (dropped.length === 0) return null;

	for (const analysis of lines.lines) {
		for (const i of dropped) {
			if (analysis.includes(tail.category[i]))
				analysis.stats.remove(tail.values[analysis.series][i]);
		}
		analysis.rewind(ring, start);
	}
	ring.truncate(start);
	// With nothing buffered before them, the merged records' origins index the tail itself.
	appendMerged(ring, lines, categoryColumn, merged, priorScores(tail, merged.origin));
	return {
		droppedCategories: Int32Array.from(dropped, (i) => tail.category[i]),
		counts: { late: 0, duplicates: merged.exactDuplicates, replaced: merged.conflicts }
	};
}

/**
 * Appends merged records after the ring was truncated where they start: their derived columns
 * from `prior`, then the running figures' extremes restored. Retires the oldest records first
 * when the ring would overflow.
 */
function appendMerged(
	ring: ColumnRing,
	lines: SeriesLines,
	categoryColumn: string,
	merged: MergeResult,
	prior: PriorColumns
): void {
	const extras = {
		...lines.derive(merged.values, merged.time, merged.category, merged.count, false, prior),
		[categoryColumn]: merged.category
	};
	retireOverflow(ring, lines, categoryColumn, merged);
	ring.append(merged.count, merged.time, merged.values, extras);
	for (const analysis of lines.lines) analysis.restoreExtremes(ring);
}

/** Returns the index of the first buffered record whose time the next one repeats, or −1. */
function firstTie(ring: ColumnRing): number {
	if (!ring.sorted) return -1;
	for (let i = 1; i < ring.length; i++) {
		if (ring.timeAt(i) === ring.timeAt(i - 1)) return i - 1;
	}
	return -1;
}

/** Records taken out of the ring, with the scores and flags they had there. */
interface ScoredRecords extends RecordColumns {
	score: Float32Array[];
	anomaly: Uint8Array[];
}

/**
 * Copies logical records [start, length) of the ring's time, value, category, score and flag
 * columns.
 */
function copyTail(ring: ColumnRing, start: number, categoryColumn: string): ScoredRecords {
	const count = ring.length - start;
	const seriesCount = ring.seriesCount;
	const time = new Float64Array(count);
	const values = Array.from({ length: seriesCount }, () => new Float64Array(count));
	const score = Array.from({ length: seriesCount }, () => new Float32Array(count));
	const anomaly = Array.from({ length: seriesCount }, () => new Uint8Array(count));
	const category = new Int32Array(count);
	const categories = ring.column(categoryColumn);
	for (let s = 0; s < seriesCount; s++) {
		const names = derivedColumnNames(s);
		const valueColumn = ring.values(s);
		const scoreColumn = ring.column(names.score);
		const flagColumn = ring.column(names.anomaly);
		for (let i = 0; i < count; i++) {
			const p = ring.physical(start + i);
			values[s][i] = valueColumn[p];
			score[s][i] = scoreColumn[p];
			anomaly[s][i] = flagColumn[p];
		}
	}
	for (let i = 0; i < count; i++) {
		const p = ring.physical(start + i);
		time[i] = ring.time[p];
		category[i] = categories[p];
	}
	return { count, time, values, category, score, anomaly };
}

/**
 * Lays the scores of the records taken out along the merged records: a merged record that was
 * buffered keeps its score and flag, and one from the batch gets its index in the batch.
 */
function priorScores(buffered: ScoredRecords, origin: Int32Array): PriorColumns {
	const count = origin.length;
	const arrival = new Int32Array(count);
	const score = buffered.score.map(() => new Float32Array(count).fill(NaN));
	const anomaly = buffered.anomaly.map(() => new Uint8Array(count));
	for (let n = 0; n < count; n++) {
		const from = origin[n];
		if (from >= buffered.count) {
			arrival[n] = from - buffered.count;
			continue;
		}
		arrival[n] = -1;
		for (let s = 0; s < score.length; s++) {
			score[s][n] = buffered.score[s][from];
			anomaly[s][n] = buffered.anomaly[s][from];
		}
	}
	return { arrival, score, anomaly };
}
