/**
 * Rule for records of equal time: 'last' drops exact duplicates and keeps the last of a key,
 * 'all' drops exact duplicates only, 'none' keeps every record (for arrival times).
 */
export type DuplicateRule = 'last' | 'all' | 'none';

/** Records in columns: epoch-ms time, one value column per series, a category index. */
export interface RecordColumns {
	count: number;
	time: Float64Array;
	values: Float64Array[];
	category: Int32Array;
}

/**
 * Outcome of one incoming record in {@link mergeInOrder}: dropped (an exact duplicate,
 * or replaced by a later incoming record with the same key), added as a new record, or kept in
 * place of a buffered record with the same key and other values.
 */
export const MergeOutcome = { Dropped: 0, Added: 1, Replaced: 2 } as const;

/** The merged records, sorted by time, and what the merge did. */
export interface MergeResult extends RecordColumns {
	/** Outcome of each incoming record, by its index in the incoming batch. */
	outcome: Uint8Array;
	/**
	 * Source of each merged record: its index among the buffered records, or the buffered count
	 * plus its index in the incoming batch.
	 */
	origin: Int32Array;
	/** Indexes of the buffered records that an incoming record replaced. */
	replaced: number[];
	/** Incoming records identical to one already present (same time, category and values). */
	exactDuplicates: number;
	/** Incoming records with the time and category of another but other values: the last wins. */
	conflicts: number;
	/** Incoming records older than a record that was present or arrived before them. */
	late: number;
}

/**
 * Merges incoming records into buffered ones so that time never goes down.
 *
 * A record's key is its time and category: two sensors may report at the same millisecond. A
 * record whose key and values equal those of an earlier one is an exact duplicate and dropped.
 * One whose key matches but whose values differ replaces the earlier record ("keep last"), so
 * a corrected reading wins. `buffered` must already be sorted, without records that `rule`
 * would merge.
 *
 * With rule 'all' records of one key but other values are all kept, and with 'none' every
 * record is kept, for arrival times: records that arrive in the same millisecond are distinct.
 */
export function mergeInOrder(
	buffered: RecordColumns,
	incoming: RecordColumns,
	rule: DuplicateRule = 'last'
): MergeResult {
	const oldCount = buffered.count;
	const total = oldCount + incoming.count;
	const timeOf = (i: number) => (i < oldCount ? buffered.time[i] : incoming.time[i - oldCount]);
	const categoryOf = (i: number) =>
		i < oldCount ? buffered.category[i] : incoming.category[i - oldCount];
	const valueOf = (i: number, s: number) =>
		i < oldCount ? buffered.values[s][i] : incoming.values[s][i - oldCount];

	let late = 0;
	let newest = oldCount > 0 ? buffered.time[oldCount - 1] : -Infinity;
	for (let i = 0; i < incoming.count; i++) {
		if (incoming.time[i] < newest) late++;
		else newest = incoming.time[i];
	}

	// Array.prototype.sort is stable, so records of equal time keep their arrival order and
	// buffered ones come first.
	const order = Array.from({ length: total }, (_, i) => i);
	order.sort((a, b) => timeOf(a) - timeOf(b));

	const seriesCount = buffered.values.length;
	const sameValues = (a: number, b: number) => {
		for (let s = 0; s < seriesCount; s++) {
			if (!Object.is(valueOf(a, s), valueOf(b, s))) return false;
		}
		return true;
	};

	/** Surviving record of each key; `origin` is the buffered record the slot began with. */
	const slots: { survivor: number; origin: number }[] = [];
	const outcome = new Uint8Array(incoming.count);
	const replaced: number[] = [];
	let exactDuplicates = 0;
	let conflicts = 0;
	let groupStart = 0;
	for (let k = 0; k < total; k++) {
		const i = order[k];
		if (k > 0 && timeOf(i) !== timeOf(order[k - 1])) groupStart = slots.length;
		let slot = undefined;
		for (let j = rule === 'none' ? slots.length : groupStart; j < slots.length; j++) {
			const candidate = slots[j];
			if (categoryOf(candidate.survivor) !== categoryOf(i)) continue;
			if (rule === 'last' || sameValues(candidate.survivor, i)) slot = candidate;
		}
		if (slot === undefined) {
			slots.push({ survivor: i, origin: i < oldCount ? i : -1 });
		} else if (sameValues(slot.survivor, i)) {
			exactDuplicates++;
		} else {
			conflicts++;
			slot.survivor = i;
		}
	}

	const merged: RecordColumns = {
		count: slots.length,
		time: new Float64Array(slots.length),
		values: Array.from({ length: seriesCount }, () => new Float64Array(slots.length)),
		category: new Int32Array(slots.length)
	};
	const sources = new Int32Array(slots.length);
	slots.forEach(({ survivor, origin }, n) => {
		sources[n] = survivor;
		merged.time[n] = timeOf(survivor);
		merged.category[n] = categoryOf(survivor);
		for (let s = 0; s < seriesCount; s++) merged.values[s][n] = valueOf(survivor, s);
		if (survivor < oldCount) return;

		if (origin >= 0) {
			replaced.push(origin);
			outcome[survivor - oldCount] = MergeOutcome.Replaced;
		} else outcome[survivor - oldCount] = MergeOutcome.Added;
	});
	return { ...merged, outcome, origin: sources, replaced, exactDuplicates, conflicts, late };
}
