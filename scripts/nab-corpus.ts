import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NabWindow } from '../src/lib/analysis/nab-score';
import { loadSeries, type LoadedSeries } from '../src/lib/mapping/load-series';
import { parseIsoDate } from '../src/lib/mapping/coerce-time';

/** One series of a NAB folder with its labelled anomaly windows. */
export interface CorpusFile {
	name: string;
	series: LoadedSeries;
	windows: NabWindow[];
}

/**
 * Reads a folder laid out like NAB's `data/`: `windows.json` maps each series path
 * (`folder/name.csv`) to its anomaly windows, and each series is that CSV or a JSON Lines file at
 * the same path ending in `.jsonl`. Calls `fail` with a message on a missing or invalid part.
 */
export function readNabCorpus(dir: string, fail: (message: string) => never): CorpusFile[] {
	const windowsPath = join(dir, 'windows.json');
	if (!existsSync(windowsPath)) fail(`windows.json not found in ${dir}`);
	const labels = JSON.parse(readFileSync(windowsPath, 'utf8')) as Record<string, string[][]>;
	return Object.entries(labels).map(([name, pairs]) => {
		const csv = join(dir, name);
		const jsonl = csv.replace(/\.csv$/i, '.jsonl');
		const path = existsSync(csv) ? csv : existsSync(jsonl) ? jsonl : null;
		if (path === null)
			fail(`series ${name} listed in windows.json not found as ${csv} or ${jsonl}`);
		const series = loadSeries(readFileSync(path, 'utf8'), path, {
			value: 'value',
			time: 'timestamp'
		});
		for (const error of series.errors) console.error(`${path}:${error.line}: ${error.message}`);
		const windows = pairs.map((pair, k): NabWindow => {
			const [start, end] = pair.map((text) => parseIsoDate(text));
			if (!Number.isFinite(start) || !Number.isFinite(end)) {
				fail(`invalid window ${k + 1} of ${name} in windows.json: ${JSON.stringify(pair)}`);
			}
			return [start, end];
		});
		return { name, series, windows };
	});
}
