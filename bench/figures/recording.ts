import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from '../../tests/support/find-browser.js';
import { chromiumArgs } from '../browser';
import type { BenchContext, Figure } from '../figure';
import { bundleRecordingWorker } from '../recording/bundle';
import type { RecordingReply, RecordingRequest } from '../recording/recording-worker';
import type { FigureRow } from '../report';

/** Records per source batch: what the file and WebSocket sources post at full speed. */
const BATCH_RECORDS = 1000;

/**
 * History recording: the app's HistoryRecorder writing a stream of batches to IndexedDB,
 * beside a bare `idb` bulk put of the same records, in a worker of a page of the built app.
 */
export const recording: Figure = {
	name: 'recording',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const records = context.quick ? 100_000 : 1_000_000;
		const script = await bundleRecordingWorker();
		const recorderRates: number[] = [];
		const referenceRates: number[] = [];

		for (let run = 0; run < context.runs; run++) {
			// A new profile directory per run: an empty IndexedDB on disk, as a user's browser has.
			// A plain new context would keep IndexedDB in memory, like an incognito window.
			// Bypassing the page's CSP lets the bundled worker start from a Blob URL.
			const profile = await mkdtemp(join(tmpdir(), 'streamlens-bench-'));
			const browserContext = await chromium.launchPersistentContext(profile, {
				executablePath: findBrowser() ?? undefined,
				args: chromiumArgs,
				bypassCSP: true
			});
			const page = await browserContext.newPage();
			await page.goto(`${context.baseUrl}/analysis/`);
			const time = async (kind: RecordingRequest['kind']) => {
				const request: RecordingRequest = { kind, records, batchRecords: BATCH_RECORDS, run };
				const reply = (await page.evaluate(
					async ({ source, request }) => {
						const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
						const worker = new Worker(url);
						const result = await new Promise((resolve) => {
							worker.onmessage = (event) => resolve(event.data);
							worker.postMessage(request);
						});
						worker.terminate();
						URL.revokeObjectURL(url);
						return result;
					},
					{ source: script, request }
				)) as RecordingReply;
				if (reply.error !== undefined || reply.stored !== records) {
					throw new Error(
						`${kind} run ${run + 1} stored ${reply.stored} of ${records} records: ${reply.error ?? 'no error reported'}`
					);
				}
				if (reply.feedMs !== undefined) {
					context.log(
						`recording run ${run + 1}: batches handed over after ${reply.feedMs.toFixed(0)} of ${reply.ms.toFixed(0)} ms`
					);
				}
				return (records / reply.ms) * 1000;
			};
			// The two sides alternate which goes first, so that neither always meets a warmer disk.
			const order: RecordingRequest['kind'][] =
				run % 2 === 0 ? ['recorder', 'reference'] : ['reference', 'recorder'];
			for (const kind of order) {
				const rate = await time(kind);
				(kind === 'recorder' ? recorderRates : referenceRates).push(rate);
				context.log(`recording run ${run + 1}, ${kind}: ${Math.round(rate)} records/s`);
			}
			await browserContext.close();
			await rm(profile, { recursive: true, force: true });
		}

		const count = records.toLocaleString('en-US');
		const setup =
			`${count} records (time, one value, a category of five) in batches of ${BATCH_RECORDS}, ` +
			'generated in a worker of a page of the built app. Each run starts Chromium with a new ' +
			'profile directory, so IndexedDB writes to disk. ';
		return [
			{
				figure: `History recording, ${count} records`,
				value: { label: 'HistoryRecorder', unit: 'records/s', samples: recorderRates },
				reference: { label: 'bare idb bulk put', unit: 'records/s', samples: referenceRates },
				target: { of: 'ratio', compare: '>=', limit: 0.5 },
				note:
					setup +
					'HistoryRecorder (src/lib/history/recorder.ts, bundled with the app modules it imports) ' +
					'gets a reset, then one batch per task, as the analysis worker hands it each batch. ' +
					'It writes with its own 200 ms timer. A run is timed from the reset until the write ' +
					"after the source's 'done' has completed. The reference puts the same records, already cut into " +
					'the same columnar chunks of 4,096 before the clock starts, with idb in one read-write ' +
					'transaction, timed until the transaction completes. Both read the stored record count ' +
					'back to check the run.'
			},
			{
				figure: 'History recording rate',
				value: { label: 'HistoryRecorder', unit: 'records/s', samples: recorderRates },
				target: { of: 'value', compare: '>=', limit: 50_000 },
				note: 'The recorder rate of the row above, against the rate a live stream must sustain.'
			}
		];
	}
};
