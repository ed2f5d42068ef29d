/**
 * The `right=` setting: names of the series scaled to the chart's right value axis, written as
 * one comma-separated list. Inside a name, `\,` stands for a comma and `\\` for a backslash.
 */

/**
 * Parses a `right=` list into series names, each once, in order. Empty names are dropped, and a
 * backslash before any character other than a comma or a backslash is kept as it is.
 */
export function parseSeriesList(text: string): string[] {
	const names: string[] = [];
	let name = '';
	const finish = () => {
		if (name !== '' && !names.includes(name)) names.push(name);
		name = '';
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		const next = text[i + 1];
		if (char === '\\' && (next === ',' || next === '\\')) {
			name += next;
			i++;
		} else if (char === ',') {
			finish();
		} else {
			name += char;
		}
	}
	finish();
	return names;
}

/** Formats series names as the list that {@link parseSeriesList} reads back. */
export function formatSeriesList(names: readonly string[]): string {
	return names.map((name) => name.replace(/[\\,]/g, '\\$&')).join(',');
}

/**
 * Sorts the names of a `right=` setting into those of the stream's series and the others. The
 * others give a problem that names each of them, for the page to report under `right`.
 *
 * @param series - The stream's series names, as the legend shows them.
 */
export function checkRightAxis(
	requested: readonly string[],
	series: readonly string[]
): { known: string[]; problem: { param: 'right'; message: string } | null } {
	const known = requested.filter((name) => series.includes(name));
	const unknown = requested.filter((name) => !series.includes(name));
	if (unknown.length === 0) return { known, problem: null };

	const quoted = unknown.map((name) => `"${name}"`).join(', ');
	const noun = unknown.length === 1 ? 'series' : 'series names';
	return {
		known,
		problem: {
			param: 'right',
			message:
				`unknown ${noun} ${quoted} in right, ignored: expected names from the legend ` +
				`(${series.join(', ')}), separated by commas`
		}
	};
}

/**
 * Tells for each series of the legend whether it gets a toggle for the right axis: every shown
 * series does while two or more are shown, the main one included. One series alone has its own
 * axis already, so it gets none.
 *
 * @param shown - Whether each series is drawn, by index. A missing entry counts as shown.
 */
export function rightAxisToggles(names: readonly string[], shown: readonly boolean[]): boolean[] {
	const isShown = names.map((_, i) => shown[i] !== false);
	const drawn = isShown.filter(Boolean).length;
	return isShown.map((visible) => visible && drawn >= 2);
}

/**
 * Flags each drawn series that is scaled to the right axis, in the order given, the main series
 * first. None is flagged while every drawn series is named in `right`, a series alone included,
 * because a second axis with the same scale would only repeat the first. The chart then draws its
 * one axis on the left. The names stay in `right` and apply again once another series is drawn.
 *
 * @param drawn - Names of the drawn series.
 * @param right - Names in the `right=` setting, which may include series that are not drawn.
 */
export function rightAxisFlags(drawn: readonly string[], right: readonly string[]): boolean[] {
	const flags = drawn.map((name) => right.includes(name));
	if (flags.every(Boolean)) return drawn.map(() => false);
	return flags;
}
