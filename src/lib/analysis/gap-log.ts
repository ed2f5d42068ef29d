import type { StreamGap } from '../protocol';

/** Gaps kept at most; older ones go first. */
export const MAX_GAPS = 200;

/**
 * The disconnects of a network source, placed in record time. A source reports a disconnect
 * once it has reconnected, in wall-clock time. The gap then runs from the newest record before
 * it to the first record after it, so the mark sits where the data is missing even when the
 * records' clock differs from the browser's.
 */
export class GapLog {
	#gaps: StreamGap[] = [];
	#pending: { from: number; reason: string; durationMs: number } | null = null;

	/**
	 * Notes a disconnect that lasted from `wallFrom` to `wallTo`, both epoch ms. `newestTime` is
	 * the newest buffered record's time, or NaN when the buffer is empty, and then no gap is kept.
	 */
	disconnected(newestTime: number, wallFrom: number, wallTo: number, reason: string): void {
		if (Number.isNaN(newestTime)) return;
		this.#pending = { from: newestTime, reason, durationMs: Math.max(0, wallTo - wallFrom) };
	}

	/**
	 * Closes a pending gap at the first record that arrived after the reconnect. A source that
	 * resumed without losing records (SSE with `Last-Event-ID`) sends nothing newer than the
	 * gap's start first, and then no gap is kept, because no data is missing.
	 */
	arrived(firstTime: number): void {
		const pending = this.#pending;
		if (pending === null || Number.isNaN(firstTime)) return;
		this.#pending = null;
		if (!(firstTime > pending.from)) return;

		this.#gaps.push({ ...pending, to: firstTime });
		if (this.#gaps.length > MAX_GAPS) this.#gaps.shift();
	}

	/** Drops gaps that end before `oldestTime`, because their records have left the buffer. */
	prune(oldestTime: number): void {
		let drop = 0;
		while (drop < this.#gaps.length && this.#gaps[drop].to < oldestTime) drop++;
		if (drop > 0) this.#gaps.splice(0, drop);
	}

	/** Gaps overlapping [from, to], oldest first, as copies. */
	within(from: number, to: number): StreamGap[] {
		return this.#gaps.filter((gap) => gap.to >= from && gap.from <= to).map((gap) => ({ ...gap }));
	}

	get count(): number {
		return this.#gaps.length;
	}

	clear(): void {
		this.#gaps = [];
		this.#pending = null;
	}
}
