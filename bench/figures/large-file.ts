import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from '../../tests/support/find-browser.js';
import { chromiumArgs } from '../browser';
import { megabytes, type BenchContext, type Figure } from '../figure';
import { MemorySampler } from '../memory-sampler';
import type { FigureRow } from '../report';
import { writeSeedFormatFile } from '../seed-file';

/** Threads whose heap is sampled: the page's main thread and the workers a file goes through. */
const threads = ['page', 'stream', 'analysis'] as const;

/** Peak memory of one ingest, in MiB, and its speed. */
interface LargeRun {
	ms: number;
	count: number;
	heap: Record<(typeof threads)[number], number>;
	/** Peak of the samples taken right after a garbage collection: what the thread kept. */
	liveHeap: Record<(typeof threads)[number], number>;
	rendererRss: number;
	chromiumRss: number;
	samples: number;
}

interface SeedFile {
	path: string;
	bytes: number;
	records: number;
}

const helperScript = readFileSync(new URL('../page/bench-page.js', import.meta.url), 'utf8');

/**
 * Reads `file` from disk through the dashboard's file input in a new Chromium with its own
 * profile directory, while sampling memory every 250 ms.
 */
async function ingestFromDisk(context: BenchContext, file: SeedFile): Promise<LargeRun> {
	// The dashboard records the file in IndexedDB. A profile directory keeps that on disk, as in a
	// user's browser, because a plain new context would keep it in memory.
	const profile = await mkdtemp(join(tmpdir(), 'streamlens-bench-'));
	const browserContext = await chromium.launchPersistentContext(profile, {
		executablePath: findBrowser() ?? undefined,
		args: chromiumArgs,
		bypassCSP: true,
		viewport: { width: 1280, height: 800 }
	});
	try {
		const page = await browserContext.newPage();
		await page.addInitScript({ content: helperScript });
		await page.goto(`${context.baseUrl}/?source=file`);
		await page.waitForSelector('[data-testid="source-status"]');
		const sampler = await MemorySampler.attach(page, ['stream', 'analysis'], profile);

		await page.evaluate('streamlensBench.armFileInput()');
		sampler.start(250);
		// A path, not a buffer: Chromium reads the file from disk as it would a picked one.
		await page.getByTestId('file-input').setInputFiles(file.path);
		const timeoutMs = 600_000;
		const result = (await page.evaluate(
			`streamlensBench.waitForArmedIngest(${file.records}, ${timeoutMs})`
		)) as { ms: number; count: number; status: string };
		await sampler.stop();
		// A small file may be read before the first collection: one more sample after it ends.
		await sampler.sample(true);
		if (!Number.isFinite(result.ms)) {
			throw new Error(
				`ingest of ${megabytes(file.bytes)} from disk did not finish: status ` +
					`${result.status}, ${result.count} of ${file.records} records`
			);
		}
		const heap = {} as LargeRun['heap'];
		const liveHeap = {} as LargeRun['liveHeap'];
		for (const thread of threads) {
			heap[thread] = sampler.peak((s) => s.heap[thread]);
			liveHeap[thread] = sampler.peak((s) => s.heap[thread], true);
		}
		return {
			ms: result.ms,
			count: result.count,
			heap,
			liveHeap,
			rendererRss: sampler.peak((s) => s.rendererRss),
			chromiumRss: sampler.peak((s) => s.chromiumRss),
			samples: sampler.samples.length
		};
	} finally {
		await browserContext.close();
		await rm(profile, { recursive: true, force: true });
	}
}

/** What each thread keeps by design, whatever the file size. */
const bounds: Record<(typeof threads)[number], string> = {
	page: '',
	stream:
		'The stream worker keeps one chunk of the file, the record being cut, the batch being ' +
		'built, up to four record templates and the latest 200 rejected lines.',
	analysis:
		'The analysis worker keeps the ring buffer (200,000 records of 41 bytes: time, value, ' +
		'moving average, z-score, flag, deviation, standard deviation and category, 7.8 MiB) and ' +
		'at most 64 batches not yet handled and about 32 recorded chunks waiting for IndexedDB.'
};

const threadNames: Record<(typeof threads)[number], string> = {
	page: 'page main thread',
	stream: 'stream worker',
	analysis: 'analysis worker'
};

/** Formats a file size in decimal units, gigabytes from 1 GB on. */
function fileSize(bytes: number): string {
	return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : megabytes(bytes);
}

/**
 * Reads a seed-format file ten times the size of the file-ingest figure's from disk, beside the
 * same reading of a file a tenth its size. Reports whether it completes, its speed, and whether
 * the peak memory of each thread stays flat when the file grows tenfold.
 */
export const largeFile: Figure = {
	name: 'large file',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const largeBytes = context.quick ? 100e6 : 1000e6;
		const dir = await mkdtemp(join(tmpdir(), 'streamlens-bench-files-'));
		const large: LargeRun[] = [];
		const small: LargeRun[] = [];
		let bigFile!: SeedFile;
		let smallFile!: SeedFile;
		try {
			const write = async (name: string, bytes: number) => {
				const path = join(dir, name);
				return { path, ...(await writeSeedFormatFile(path, bytes)) };
			};
			bigFile = await write('large.jsonl', largeBytes);
			smallFile = await write('small.jsonl', largeBytes / 10);
			context.log(
				`large file: wrote ${megabytes(bigFile.bytes)} and ${megabytes(smallFile.bytes)}`
			);

			for (let run = 0; run < context.runs; run++) {
				for (const [file, runs] of [
					[smallFile, small],
					[bigFile, large]
				] as const) {
					const result = await ingestFromDisk(context, file);
					runs.push(result);
					const heaps = threads
						.map((t) => `${t} ${result.heap[t].toFixed(1)} (live ${result.liveHeap[t].toFixed(1)})`)
						.join(', ');
					context.log(
						`large file run ${run + 1}, ${fileSize(file.bytes)}: ${result.ms.toFixed(0)} ms, ` +
							`peak heap MiB ${heaps}, renderer RSS ${result.rendererRss.toFixed(0)} MiB, ` +
							`all Chromium ${result.chromiumRss.toFixed(0)} MiB, ${result.samples} samples`
					);
				}
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}

		const rate = (file: SeedFile, run: LargeRun) => file.bytes / 1e6 / (run.ms / 1000);
		const bigSize = fileSize(bigFile.bytes);
		const smallSize = fileSize(smallFile.bytes);
		const files =
			`generated seed-format JSON Lines files of ${bigSize} ` +
			`(${bigFile.records.toLocaleString('en-US')} records) and ${smallSize} ` +
			`(${smallFile.records.toLocaleString('en-US')} records), written to a temporary ` +
			'directory and deleted after the runs. Each is given to the file input by path with ' +
			"Playwright's setInputFiles, in a new Chromium with its own profile directory, so the " +
			'recorded session goes to IndexedDB on disk. A run is timed from the change event until ' +
			'`source-status` reads `done` and `record-count` equals the record count. The buffer ' +
			'keeps the default 200,000 points. ';
		const sampling =
			'Sampled every 250 ms from the change event until `done`, and once after it; before ' +
			'every fourth sample (once a second) and the last, CDP `HeapProfiler.collectGarbage` ' +
			'runs in each thread. ';
		const occupied = (runs: LargeRun[], thread: (typeof threads)[number]) =>
			runs.map((r) => r.heap[thread].toFixed(1)).join(', ');
		const rows: FigureRow[] = [
			{
				figure: `File ingest, ${bigSize} seed-format JSONL from disk`,
				value: { label: 'records counted', unit: 'records', samples: large.map((r) => r.count) },
				reference: {
					label: 'records in the file',
					unit: 'records',
					samples: large.map(() => bigFile.records)
				},
				target: { of: 'ratio', compare: '>=', limit: 1 },
				note: files.trim()
			},
			{
				figure: `File ingest rate, ${bigSize} from disk`,
				value: { label: bigSize, unit: 'MB/s', samples: large.map((r) => rate(bigFile, r)) },
				reference: {
					label: smallSize,
					unit: 'MB/s',
					samples: small.map((r) => rate(smallFile, r))
				},
				target: { of: 'ratio', compare: '>=', limit: 0.9 },
				note:
					'The runs of the row above, against the same reading of the smaller file in the same ' +
					'runs: a rate that holds as the file grows tenfold shows no cost that grows with ' +
					'what was read.'
			}
		];
		for (const thread of threads) {
			rows.push({
				figure: `Peak live JS heap of the ${threadNames[thread]}, ${bigSize} file`,
				value: { label: bigSize, unit: 'MiB', samples: large.map((r) => r.liveHeap[thread]) },
				reference: {
					label: smallSize,
					unit: 'MiB',
					samples: small.map((r) => r.liveHeap[thread])
				},
				target: { of: 'ratio', compare: '<=', limit: 2 },
				note:
					sampling +
					'The figure is the largest heap right after a collection: CDP ' +
					'`Runtime.getHeapUsage` on the target, `usedSize` plus `backingStorageSize` ' +
					'(ArrayBuffers). Memory kept per record or per line read would grow about tenfold ' +
					'with the file; the target allows less than double. Peaks of all samples, garbage ' +
					`not yet collected included: ${occupied(large, thread)} MiB for ${bigSize}, ` +
					`${occupied(small, thread)} MiB for ${smallSize}.` +
					(bounds[thread] === '' ? '' : ` ${bounds[thread]}`)
			});
		}
		rows.push({
			figure: `Peak renderer RSS, ${bigSize} file`,
			value: { label: bigSize, unit: 'MiB', samples: large.map((r) => r.rendererRss) },
			reference: { label: smallSize, unit: 'MiB', samples: small.map((r) => r.rendererRss) },
			target: { of: 'ratio', compare: '<=', limit: 1.25 },
			note:
				sampling +
				'Largest resident set size of the renderer processes (the page and its workers) from `ps`. ' +
				'Peak of all Chromium processes, IndexedDB and the file reading included: ' +
				`${large.map((r) => r.chromiumRss.toFixed(0)).join(', ')} MiB for ${bigSize}, ` +
				`${small.map((r) => r.chromiumRss.toFixed(0)).join(', ')} MiB for ${smallSize}.`
		});
		return rows;
	}
};
