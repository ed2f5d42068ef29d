/**
 * Vertical extent of a polyline in each pixel column: `top[c]` and `bottom[c]` are the least and
 * greatest y the line reaches inside column c, the x range [c, c + 1). A column the line does not
 * reach has `top[c] > bottom[c]`.
 */
export interface ColumnSpans {
	top: Float32Array;
	bottom: Float32Array;
}

/** Returns spans for `columns` pixel columns, each still empty. */
export function emptySpans(columns: number): ColumnSpans {
	const count = Math.max(0, Math.floor(columns));
	return {
		top: new Float32Array(count).fill(Infinity),
		bottom: new Float32Array(count).fill(-Infinity)
	};
}

/** Widens column `c` to include `y`, ignoring columns outside the spans. */
function include(spans: ColumnSpans, c: number, y: number): void {
	if (c < 0 || c >= spans.top.length) return;
	if (y < spans.top[c]) spans.top[c] = y;
	if (y > spans.bottom[c]) spans.bottom[c] = y;
}

/**
 * Adds the polyline through the points (xs[i], ys[i]) to `spans`, in pixel coordinates. A
 * non-finite coordinate breaks the line, as a NaN value breaks a drawn series; a lone point
 * between breaks still marks its column. A segment that crosses several columns adds to each
 * the y range it covers inside that column, by linear interpolation, so the result is the same
 * at any point density. Points may come in any x order.
 */
export function addPolyline(spans: ColumnSpans, xs: ArrayLike<number>, ys: ArrayLike<number>) {
	let open = false;
	let x0 = 0;
	let y0 = 0;
	for (let i = 0; i < xs.length; i++) {
		const x1 = xs[i];
		const y1 = ys[i];
		if (!Number.isFinite(x1) || !Number.isFinite(y1)) {
			open = false;
			continue;
		}
		if (!open) {
			include(spans, Math.floor(x1), y1);
		} else {
			addSegment(spans, x0, y0, x1, y1);
		}
		open = true;
		x0 = x1;
		y0 = y1;
	}
}

function addSegment(spans: ColumnSpans, xa: number, ya: number, xb: number, yb: number): void {
	const left = Math.min(xa, xb);
	const right = Math.max(xa, xb);
	const first = Math.max(0, Math.floor(left));
	const last = Math.min(spans.top.length - 1, Math.floor(right));
	if (right === left) {
		include(spans, first, ya);
		include(spans, first, yb);
		return;
	}
	const slope = (yb - ya) / (xb - xa);
	for (let c = first; c <= last; c++) {
		// The part of the segment inside column c runs from x = max(c, left) to min(c + 1, right);
		// a straight line reaches its extremes there at the two ends.
		const enter = Math.max(c, left);
		const leave = Math.min(c + 1, right);
		include(spans, c, ya + (enter - xa) * slope);
		include(spans, c, ya + (leave - xa) * slope);
	}
}
