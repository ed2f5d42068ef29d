/**
 * `npm run bench [-- --quick] [-- --no-build] [-- --runs N] [-- --only NAME,… [--merge]]`: builds
 * the app, serves it on 127.0.0.1, measures each figure in headless Chromium beside its reference
 * and writes docs/benchmarks.md (`--out PATH` to change), with bench/findings.md appended. With
 * `--merge`, the figures measured replace their own rows in the existing page and the rest of it
 * stays. `--json PATH` also saves the measurements; `--render PATH` rewrites the page from such a
 * file without measuring. Ports come from PREVIEW_PORT and PRODUCER_WS_PORT, as for the browser
 * tests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser';
import type { BenchContext, Figure } from './figure';
import { bufferHeap } from './figures/buffer-heap';
import { chartFrame } from './figures/chart-frame';
import { coldLoad } from './figures/cold-load';
import { dbscanFigure } from './figures/dbscan';
import { fileIngest } from './figures/file-ingest';
import { isolationForest } from './figures/isolation-forest';
import { largeFile } from './figures/large-file';
import { liveIngest } from './figures/live-ingest';
import { recording } from './figures/recording';
import { shippedJs } from './figures/shipped-js';
import { describeMachine } from './machine';
import { formatReport, formatTable, mergeRows, type BenchReport, type FigureRow } from './report';
import { startPreview } from './servers';

/** Every figure, in report order. Add a new figure's module here. */
const figures: Figure[] = [
	fileIngest,
	largeFile,
	liveIngest,
	chartFrame,
	bufferHeap,
	coldLoad,
	shippedJs,
	isolationForest,
	dbscanFigure,
	recording
];

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		runs: { type: 'string' },
		only: { type: 'string' },
		merge: { type: 'boolean', default: false },
		out: { type: 'string', default: 'docs/benchmarks.md' },
		json: { type: 'string' },
		render: { type: 'string' }
	}
});

const findings = readFileSync(new URL('./findings.md', import.meta.url), 'utf8');

// --render re-renders a report saved with --json, so that the findings text can change
// without measuring again.
if (values.render !== undefined) {
	const saved = JSON.parse(readFileSync(values.render, 'utf8')) as BenchReport;
	writeFileSync(values.out, formatReport({ ...saved, findings }));
	console.log(`bench: wrote ${values.out} from ${values.render}`);
	process.exit(0);
}

const quick = values.quick;
const defaultRuns = quick ? 1 : 3;
const runs = values.runs === undefined ? defaultRuns : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
	throw new Error(`invalid --runs ${values.runs}: expected a whole number from 1`);
}
const only = values.only?.split(',').map((name) => name.trim());
const selected = only ? figures.filter((figure) => only.includes(figure.name)) : figures;
if (selected.length === 0) {
	const names = figures.map((figure) => figure.name).join(', ');
	throw new Error(`--only ${values.only} matches no figure: expected some of ${names}`);
}

const previewPort = Number(process.env.PREVIEW_PORT ?? 4173);
const producerPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
const log = (message: string) => console.log(`bench: ${message}`);

if (!values['no-build']) {
	log('building the app');
	const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) throw new Error(`npm run build failed with status ${build.status}`);
}

const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const preview = await startPreview(previewPort);
const { browser, version } = await launchBrowser();
const machine = describeMachine(version);
const context: BenchContext = {
	browser,
	baseUrl: `http://127.0.0.1:${previewPort}`,
	producerPort,
	runs,
	quick,
	log
};

const rows: FigureRow[] = [];
try {
	for (const figure of selected) {
		log(`measuring ${figure.name}`);
		rows.push(...(await figure.run(context)));
	}
} finally {
	await browser.close();
	await preview.stop();
}

machine['Load average at the end (1, 5, 15 min)'] = loadavg()
	.map((load) => load.toFixed(2))
	.join(', ');
const notes = [
	'The machine was shared: other developers ran builds, tests and browsers on it at the same ' +
		'time, so absolute figures vary from run to run. The ratios compare two things measured ' +
		'back to back under the same load and vary less.'
];
const report: BenchReport = { date, machine, runs, quick, rows, notes, findings };
if (values.merge) {
	const load = machine['Load average at the end (1, 5, 15 min)'];
	const measured = `${date} (${runs} runs, load average ${load} at the end)`;
	writeFileSync(values.out, mergeRows(readFileSync(values.out, 'utf8'), rows, measured));
} else {
	writeFileSync(values.out, formatReport(report));
}
if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, '\t'));
console.log(`\n${formatTable(rows)}\n`);
log(`wrote ${values.out}`);
