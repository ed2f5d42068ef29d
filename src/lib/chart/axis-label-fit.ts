/** Space kept between two neighbouring axis labels, in CSS px or viewBox units. */
export const LABEL_GAP = 12;

/** The horizontal span that a placed axis label covers. */
export interface LabelSpan {
	left: number;
	right: number;
}

/** Tests whether each label starts at least LABEL_GAP after the one before it ends. */
export function fitSideBySide(placed: readonly LabelSpan[]): boolean {
	return placed.every((p, i) => i === 0 || p.left >= placed[i - 1].right + LABEL_GAP);
}

/**
 * Picks the ticks whose placed labels fit side by side: those of `ticks(n)` for n from `count`
 * down to 2, or else every second, third… of `ticks(count)`, so that the labels stay evenly
 * spaced. With no two that fit, the first label alone. D3 takes a tick count as a hint and may
 * return more ticks than asked (11 for 7 over 2.2 s), so a count alone does not keep labels
 * apart.
 */
export function fitAxisLabels<T, P extends LabelSpan>(
	ticks: (count: number) => T[],
	place: (ticks: T[]) => P[],
	count: number
): P[] {
	for (let n = count; n >= 2; n--) {
		const placed = place(ticks(n));
		if (placed.length >= 2 && fitSideBySide(placed)) return placed;
	}
	const all = ticks(count);
	for (let stride = 2; stride < all.length; stride++) {
		const placed = place(all.filter((_, i) => i % stride === 0));
		if (placed.length >= 2 && fitSideBySide(placed)) return placed;
	}
	return place(all.slice(0, 1));
}
