import { megabytes, openAppPage, type BenchContext, type Figure } from '../figure';
import type { FigureRow } from '../report';

interface IngestRun {
	ms: number;
	count: number;
	status: string;
	longTasks: number[];
}

/**
 * File ingest end to end (file input to status `done` with the exact record count) of a
 * seed-format JSONL file, against a worker in the same page that only splits lines and calls
 * JSON.parse on the same Blob. Also reports the main thread's long tasks during the ingest.
 */
export const fileIngest: Figure = {
	name: 'file ingest',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const targetBytes = context.quick ? 10e6 : 100e6;
		const appRates: number[] = [];
		const referenceRates: number[] = [];
		const longestTasks: number[] = [];
		const longTaskCounts: number[] = [];
		let bytes = 0;
		let records = 0;

		for (let run = 0; run < context.runs; run++) {
			const page = await openAppPage(context, '/?source=file');
			({ bytes, records } = (await page.evaluate(`(() => {
				const file = streamlensBench.seedFormatFile(${targetBytes});
				streamlensBench.store.file = file;
				return { bytes: file.blob.size, records: file.records };
			})()`)) as { bytes: number; records: number });
			// A Blob built in the page may still be on its way to Chromium's browser process when
			// it is first read. One untimed read first keeps that transfer out of both timings.
			await page.evaluate('streamlensBench.referenceIngest(streamlensBench.store.file.blob)');

			// The reference runs first, while the dashboard is idle: after a file the page goes on
			// drawing and recording for a while, and that work would slow the reference down.
			const reference = (await page.evaluate(
				'streamlensBench.referenceIngest(streamlensBench.store.file.blob)'
			)) as { ms: number; records: number };
			if (reference.records !== records) {
				throw new Error(`reference parsed ${reference.records} records, expected ${records}`);
			}
			const app = (await page.evaluate(
				`streamlensBench.ingestIntoApp(streamlensBench.store.file.blob, 'bench.jsonl', ${records}, 300000)`
			)) as IngestRun;
			if (!Number.isFinite(app.ms)) {
				throw new Error(
					`file ingest did not finish: status ${app.status}, ${app.count} of ${records} records`
				);
			}
			await page.close();

			appRates.push(bytes / 1e6 / (app.ms / 1000));
			referenceRates.push(bytes / 1e6 / (reference.ms / 1000));
			longestTasks.push(app.longTasks.length === 0 ? 0 : Math.max(...app.longTasks));
			longTaskCounts.push(app.longTasks.length);
			context.log(
				`file ingest run ${run + 1}: app ${app.ms.toFixed(0)} ms, reference ` +
					`${reference.ms.toFixed(0)} ms, ${app.longTasks.length} long tasks`
			);
		}

		const size = `${megabytes(bytes)} (${records.toLocaleString('en-US')} records)`;
		return [
			{
				figure: `File ingest, ${megabytes(bytes)} seed-format JSONL`,
				value: { label: 'end to end', unit: 'MB/s', samples: appRates },
				reference: {
					label: 'split + JSON.parse in a worker',
					unit: 'MB/s',
					samples: referenceRates
				},
				target: { of: 'ratio', compare: '>=', limit: 0.7 },
				note:
					`a generated seed-format file of ${size}, one record per second, given to the ` +
					'file input as a File. Timed from the change event until `source-status` reads ' +
					'`done` and `record-count` equals the record count, checked each animation frame. ' +
					'The reference reads the same Blob in a new worker of the same page, decodes it, ' +
					'splits lines and calls JSON.parse on each, nothing else. It runs before the app, ' +
					'on the idle dashboard, because after a file the page goes on drawing and ' +
					'recording for a while. One untimed read of the Blob comes first, because a Blob ' +
					'made in the page may still be on its way to the browser process when it is ' +
					'first read.'
			},
			{
				figure: 'Longest main-thread task during that ingest',
				value: { label: 'longest task', unit: 'ms', samples: longestTasks },
				target: { of: 'value', compare: '<=', limit: 50 },
				note:
					"PerformanceObserver entries of type 'longtask' (tasks over 50 ms) between the " +
					'change event and `done`; 0 means none. Long tasks per run: ' +
					`${longTaskCounts.join(', ')}.`
			}
		];
	}
};
