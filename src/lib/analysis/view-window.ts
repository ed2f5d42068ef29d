import type { ViewQuery } from '../protocol';
import type { ColumnRing } from '../store/ring-buffer';

/**
 * Works out the visible window `[from, to]` in ms for a view query.
 *
 * An explicit `from`/`to` (finite, `to > from`) is used as given, even beyond the buffered data,
 * so that a chart can pan into empty time. Otherwise `points` > 0 shows the newest that many
 * records, and otherwise `spanMs` > 0 the newest span, shrunk to the data. With neither, the
 * whole buffer is shown. An empty buffer gives `[0, 0]`.
 */
export function visibleWindow(ring: ColumnRing, query: ViewQuery): { from: number; to: number } {
	const { from, to, points, spanMs } = query;
	if (from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to)) {
		if (to > from) return { from, to };
	}
	if (ring.length === 0) return { from: 0, to: 0 };

	const newest = ring.maxTime();
	const oldest = ring.minTime();
	if (points !== undefined && Number.isInteger(points) && points > 0) {
		// Records arrive in time order on every source except a file with out-of-order lines.
		// There the window may miss a few of the newest records.
		const first = ring.timeAt(Math.max(0, ring.length - points));
		return { from: Math.min(first, newest), to: newest };
	}
	// A window longer than what is buffered shrinks to the data, so a young stream fills the
	// chart instead of sitting in its right-hand corner.
	if (spanMs > 0 && Number.isFinite(spanMs))
		return { from: Math.max(oldest, newest - spanMs), to: newest };
	return { from: oldest, to: newest };
}
