/**
 * `npm run eval:nab -- DIR [--detector NAME]`: scores every detector (or one) on a folder laid
 * out like NAB. In it, `windows.json` maps each series path (`folder/name.csv`) to its anomaly
 * windows. Each series is that CSV, or a JSON Lines file at the same path ending in `.jsonl`.
 * Prints a Markdown table of normalised scores per detector and profile.
 */
import { parseArgs } from 'node:util';
import { NAB_DETECTORS } from '../src/lib/analysis/nab-detectors';
import { evaluateNab, type NabFileScores } from '../src/lib/analysis/nab-evaluate';
import { nabLayout } from '../src/lib/analysis/nab-score';
import { readNabCorpus } from './nab-corpus';

const USAGE = `Usage: npm run eval:nab -- DIR [--detector NAME]

  DIR              folder with windows.json and one CSV or JSON Lines file per series
  --detector NAME  score only this detector: ${Object.keys(NAB_DETECTORS).join(', ')}`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

function main(): void {
	const { values: options, positionals } = parseArgs({
		allowPositionals: true,
		options: { detector: { type: 'string' } }
	});
	if (positionals.length !== 1) fail(`expected one DIR, got ${positionals.length}`);
	const names = options.detector ? [options.detector] : Object.keys(NAB_DETECTORS);
	for (const name of names) if (!NAB_DETECTORS[name]) fail(`unknown detector "${name}"`);

	const corpus = readNabCorpus(positionals[0], fail);
	const layouts = corpus.map((file) => nabLayout(file.series.time, file.windows));
	const windowCount = layouts.reduce((sum, layout) => sum + layout.windowCount, 0);
	console.log(`${corpus.length} series, ${windowCount} windows\n`);
	console.log(
		'| Detector | Profile | Score | Leave-one-out | Own flags | Threshold | TP | FP | FN |'
	);
	console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const name of names) {
		const files: NabFileScores[] = corpus.map((file, k) => {
			const detection = NAB_DETECTORS[name](file.series.values, file.series.time);
			return { name: file.name, layout: layouts[k], ...detection };
		});
		for (const r of evaluateNab(files)) {
			const cells = [name, r.profile, r.score.toFixed(1), r.leaveOneOut.toFixed(1)];
			cells.push(r.ownFlags.toFixed(1));
			cells.push(r.threshold.toPrecision(4), String(r.tp), String(r.fp), String(r.fn));
			console.log(`| ${cells.join(' | ')} |`);
		}
	}
}

main();
