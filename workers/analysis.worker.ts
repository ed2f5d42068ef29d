import * as Comlink from 'comlink';
import { AnalysisEngine } from '../src/lib/analysis/engine';
import { loadLiveDetector } from '../src/lib/analysis/detector-loader';
import { ReceiptPacer } from '../src/lib/analysis/receipt-pacer';
import { HistoryRecorder } from '../src/lib/history/recorder';
import { openHistoryDb } from '../src/lib/history/schema';
import type {
	AnalysisSettings,
	BatchReceipt,
	ChangeNotice,
	SourceStatus,
	HistoryStatus,
	DigestQuery,
	RangeExport,
	SourceMessage,
	StreamDigest,
	SourceSettings,
	ViewQuery,
	ViewResult,
	WindowHistogram
} from '../src/lib/protocol';

const engine = new AnalysisEngine();
// The recorder gets every message the engine gets, so history contains exactly what was analysed.
const recorder = new HistoryRecorder(openHistoryDb);
const recorderStarted = recorder.start();
let ports = 0;
/** The page's port for change notices, and whether one was sent since the last view. */
let watcher: MessagePort | null = null;
let noticeSent = false;
/** The source status that the last notice carried. */
let noticedStatus: SourceStatus | null = null;
let viewedVersion = -1;
/** The last `configure` call, which the next one waits for. */
let configuring: Promise<void> = Promise.resolve();

/**
 * Posts a ChangeNotice when the state moved past the last view: once until the next view, and
 * once more if the source's status changes meanwhile, so that the page can show a new status
 * without waiting for its refresh interval.
 */
function noticeChange(): void {
	if (watcher === null || engine.version === viewedVersion) return;
	if (noticeSent && engine.status === noticedStatus) return;
	noticeSent = true;
	noticedStatus = engine.status;
	const notice: ChangeNotice = { kind: 'changed', version: engine.version, status: engine.status };
	watcher.postMessage(notice);
}

/** The analysis worker's service: listens to source ports, answers the page's view queries. */
const service = {
	/** Listens to one source worker's port. */
	listen(port: MessagePort): void {
		const origin = ++ports;
		const receipts = new ReceiptPacer(recorder, (batches) => {
			const receipt: BatchReceipt = { kind: 'handled', batches };
			port.postMessage(receipt);
		});
		port.onmessage = (event: MessageEvent<SourceMessage>) => {
			try {
				recorder.handle(event.data, origin);
			} catch (error) {
				console.error('history: could not record a message:', error);
			}
			try {
				engine.handle(event.data, performance.now());
			} catch (error) {
				// A malformed batch is a bug in a source worker, so it is logged and the stream goes on.
				console.error('analysis: rejected a message from a source worker:', error);
			}
			if (event.data.kind === 'batch') receipts.handled();
			noticeChange();
		};
	},

	/** Sends a ChangeNotice on `port` whenever the state moves past the last view's version. */
	watch(port: MessagePort): void {
		watcher = port;
		noticeSent = false;
	},

	/**
	 * Applies settings in the order they were sent. Choosing a detector loads its module first,
	 * and a later call waits for that, so the last choice always wins.
	 */
	configure(settings: Partial<AnalysisSettings>): Promise<void> {
		const run = configuring.then(async () => {
			if (settings.detector !== undefined) await loadLiveDetector(settings.detector);
			try {
				engine.configure(settings);
			} finally {
				noticeChange();
			}
		});
		configuring = run.catch(() => undefined);
		return run;
	},

	view(query: ViewQuery): ViewResult {
		const result = engine.view(query, performance.now());
		viewedVersion = result.version;
		noticeSent = false;
		const drawn = [result.line, result.movingAverage, result.anomalies];
		for (const extra of result.extraLines) drawn.push(extra.line, extra.anomalies);
		const buffers = drawn.flatMap((s) => [s.time.buffer, s.value.buffer]);
		buffers.push(result.anomalyScores.buffer);
		for (const extra of result.extraLines) buffers.push(extra.anomalyScores.buffer);
		if (result.band) {
			buffers.push(result.band.time.buffer, result.band.lower.buffer, result.band.upper.buffer);
		}
		return Comlink.transfer(result, buffers);
	},

	histogram(query: ViewQuery): WindowHistogram | undefined {
		return engine.histogram(query);
	},

	digest(query: DigestQuery): StreamDigest {
		return engine.digest(query);
	},

	/** Sets the settings the next recorded session is stored with, or the session it continues. */
	async prepareRecording(settings: SourceSettings, continueId: string | null): Promise<void> {
		await recorderStarted;
		await recorder.prepare(settings, continueId);
	},

	/** Writes what has not been written yet; resolves when the transaction is done. */
	async flushHistory(): Promise<void> {
		await recorderStarted;
		await recorder.flush();
	},

	/** Closes the recorded session as complete and writes it. The recorder stays closed after. */
	async closeHistory(): Promise<void> {
		await recorderStarted;
		await recorder.dispose();
	},

	historyStatus(): HistoryStatus {
		return recorder.status();
	},

	exportRange(from: number, to: number): RangeExport {
		const result = engine.exportRange(from, to);
		return Comlink.transfer(result, [result.time.buffer, ...result.values.map((v) => v.buffer)]);
	}
};

export type AnalysisService = typeof service;

Comlink.expose(service);
