import * as Comlink from 'comlink';
import type {
	AnalysisSettings,
	DigestQuery,
	EventTypeCount,
	FieldReport,
	HistoryStatus,
	RangeExport,
	ReplayOptions,
	ReplayPosition,
	SimOptions,
	SourceSettings,
	StreamDigest,
	ViewQuery,
	ViewResult,
	WindowHistogram
} from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';
import type { ReplaySource } from '../sources/replay-source';
import type { SimulatorSource } from '../sources/simulator-source';
import type { StreamSource } from '../sources/stream-source';
import type { AnalysisService } from '../../../workers/analysis.worker';

/** Maximum wait for the recorded session to be closed when the dashboard goes away, in ms. */
const CLOSE_HISTORY_TIMEOUT_MS = 2000;

/**
 * The page's handle on its workers. Source workers talk to the analysis worker over their
 * own MessagePorts; the page only starts and stops sources and asks for views.
 */
export class Pipeline {
	#workers: Worker[] = [];
	#simulator: Comlink.Remote<SimulatorSource>;
	/**
	 * Started by the first source that is not the simulator, so that the default live page loads
	 * no code for files, WebSocket, SSE, HTTP or MQTT.
	 */
	#stream: Promise<Comlink.Remote<StreamSource>> | null = null;
	#analysis: Comlink.Remote<AnalysisService>;
	#analysisWorker: Worker;
	#ready: Promise<void>;
	/** Started on the first replay only, so that a live page loads one worker less. */
	#replay: Promise<Comlink.Remote<ReplaySource>> | null = null;

	constructor() {
		const simulator = new Worker(new URL('../../../workers/simulator.worker.ts', import.meta.url), {
			type: 'module',
			name: 'simulator'
		});
		const analysis = new Worker(new URL('../../../workers/analysis.worker.ts', import.meta.url), {
			type: 'module',
			name: 'analysis'
		});
		this.#workers = [simulator, analysis];
		this.#analysisWorker = analysis;
		this.#simulator = Comlink.wrap<SimulatorSource>(simulator);
		this.#analysis = Comlink.wrap<AnalysisService>(analysis);
		this.#ready = this.#wire();
	}

	async #wire(): Promise<void> {
		const fromSimulator = new MessageChannel();
		await Promise.all([
			this.#simulator.connect(Comlink.transfer(fromSimulator.port1, [fromSimulator.port1])),
			this.#analysis.listen(Comlink.transfer(fromSimulator.port2, [fromSimulator.port2]))
		]);
	}

	/**
	 * Starts the worker of files and network sources ahead of its first source, as when another
	 * source tab is chosen, so that a file or connection does not wait for the worker to load.
	 */
	prepareStream(): void {
		void this.#streamWorker();
	}

	#streamWorker(): Promise<Comlink.Remote<StreamSource>> {
		this.#stream ??= this.#connectSource<StreamSource>(
			new Worker(new URL('../../../workers/stream.worker.ts', import.meta.url), {
				type: 'module',
				name: 'stream'
			})
		);
		return this.#stream;
	}

	/** Wraps a source worker started on first use and gives it a port to the analysis worker. */
	async #connectSource<T extends { connect(port: MessagePort): void }>(
		worker: Worker
	): Promise<Comlink.Remote<T>> {
		this.#workers.push(worker);
		const source = Comlink.wrap<T>(worker);
		const channel = new MessageChannel();
		await Promise.all([
			source.connect(Comlink.transfer(channel.port1, [channel.port1])),
			this.#analysis.listen(Comlink.transfer(channel.port2, [channel.port2]))
		]);
		return source;
	}

	/**
	 * Starts the simulator. Every start records a new session, unless `continueId` names an
	 * interrupted session to append to.
	 */
	async startSimulator(options: SimOptions, continueId: string | null = null): Promise<void> {
		await this.stop();
		await this.#analysis.prepareRecording({ kind: 'simulator', sim: options }, continueId);
		await this.#simulator.start(options);
	}

	/**
	 * Stops what runs, starts the stream worker if needed and prepares the recording of a stream
	 * source with `settings`; returns the worker, for the caller to open the source.
	 */
	async #prepareStream(
		settings: SourceSettings,
		continueId: string | null
	): Promise<Comlink.Remote<StreamSource>> {
		await this.stop();
		const stream = await this.#streamWorker();
		await this.#analysis.prepareRecording(settings, continueId);
		return stream;
	}

	/** Starts reading a file; resolves once the read has started, not when it ends. */
	async openFile(file: File, choice: MappingChoice): Promise<void> {
		const stream = await this.#prepareStream({ kind: 'file', choice }, null);
		void stream.openFile(file, choice);
	}

	async openWebSocket(
		url: string,
		choice: MappingChoice,
		continueId: string | null = null
	): Promise<void> {
		const stream = await this.#prepareStream({ kind: 'websocket', url, choice }, continueId);
		await stream.openWebSocket(url, choice);
	}

	/** Writes recorded records that are not stored yet, as on `pagehide`. */
	async flushHistory(): Promise<void> {
		await this.#analysis.flushHistory();
	}

	async historyStatus(): Promise<HistoryStatus> {
		return this.#analysis.historyStatus();
	}

	/** Opens an SSE stream, recorded as a new session or into interrupted session `continueId`. */
	async openSse(
		url: string,
		choice: MappingChoice,
		eventType: string | null,
		continueId: string | null = null
	): Promise<void> {
		const stream = await this.#prepareStream({ kind: 'sse', url, eventType, choice }, continueId);
		await stream.openSse(url, choice, eventType);
	}

	/** Opens an HTTP source, recorded as a new session or into interrupted session `continueId`. */
	async openHttp(
		url: string,
		choice: MappingChoice,
		intervalMs: number,
		continueId: string | null = null
	): Promise<void> {
		const stream = await this.#prepareStream({ kind: 'http', url, intervalMs, choice }, continueId);
		await stream.openHttp(url, choice, intervalMs);
	}

	/** Subscribes to MQTT, recorded as a new session or into interrupted session `continueId`. */
	async openMqtt(
		url: string,
		choice: MappingChoice,
		topic: string,
		continueId: string | null = null
	): Promise<void> {
		const stream = await this.#prepareStream({ kind: 'mqtt', url, topic, choice }, continueId);
		await stream.openMqtt(url, choice, topic);
	}

	/** Fields of the open stream source with sample values, and the mapping in use. */
	async fields(): Promise<FieldReport | null> {
		return this.#stream === null ? null : (await this.#stream).fields();
	}

	/** SSE event types seen on the open stream. */
	async eventTypes(): Promise<EventTypeCount[]> {
		return this.#stream === null ? [] : (await this.#stream).eventTypes();
	}

	async setEventType(type: string | null): Promise<void> {
		await (await this.#streamWorker()).setEventType(type);
	}

	/** When the open connection's next reconnection attempt starts, in epoch ms, or null. */
	async retryAt(): Promise<number | null> {
		return this.#stream === null ? null : (await this.#stream).retryAt();
	}

	async retryNow(): Promise<void> {
		await (await this.#stream)?.retryNow();
	}

	async stop(): Promise<void> {
		await this.#ready;
		const replay = this.#replay === null ? null : await this.#replay;
		const stream = this.#stream === null ? null : await this.#stream;
		await Promise.all([this.#simulator.stop(), stream?.stop(), replay?.stop()]);
	}

	/** Plays a recorded session through the analysis worker, as a source. */
	async startReplay(options: ReplayOptions): Promise<ReplayPosition> {
		await this.stop();
		const replay = await this.#replayWorker();
		return replay.start(options);
	}

	/** The replay source, for the scrubber and speed controls; null before the first replay. */
	async replay(): Promise<Comlink.Remote<ReplaySource> | null> {
		return this.#replay;
	}

	#replayWorker(): Promise<Comlink.Remote<ReplaySource>> {
		this.#replay ??= this.#connectSource<ReplaySource>(
			new Worker(new URL('../../../workers/replay.worker.ts', import.meta.url), {
				type: 'module',
				name: 'replay'
			})
		);
		return this.#replay;
	}

	async configure(settings: Partial<AnalysisSettings>): Promise<void> {
		await this.#analysis.configure(settings);
	}

	async view(query: ViewQuery): Promise<ViewResult> {
		return this.#analysis.view(query);
	}

	/** Bins the main series of `query` in the window its view shows, for the histogram panel. */
	async histogram(query: ViewQuery): Promise<WindowHistogram | undefined> {
		return this.#analysis.histogram(query);
	}

	/** Returns what arrived in each series since the previous digest, for alert rules. */
	async digest(query: DigestQuery): Promise<StreamDigest> {
		return this.#analysis.digest(query);
	}

	/** Gives the analysis worker a port on which it posts a ChangeNotice when its state changes. */
	async watch(port: MessagePort): Promise<void> {
		await this.#analysis.watch(Comlink.transfer(port, [port]));
	}

	/** Copies the buffered records between two times (ms, inclusive), for export. */
	async exportRange(from: number, to: number): Promise<RangeExport> {
		return this.#analysis.exportRange(from, to);
	}

	/**
	 * Stops the sources, then closes the recorded session and ends the analysis worker, so that
	 * leaving the dashboard within the app stores the session complete instead of interrupted.
	 */
	async dispose(): Promise<void> {
		const analysis = this.#analysisWorker;
		for (const worker of this.#workers) if (worker !== analysis) worker.terminate();
		this.#workers = [];
		// A history write that hangs (a full disk, a blocked database) must not keep the worker.
		const timeout = new Promise((resolve) => setTimeout(resolve, CLOSE_HISTORY_TIMEOUT_MS));
		const closed = this.#analysis.closeHistory().catch((error: unknown) => {
			// The page is going away, so the console is the only place left to report it.
			console.warn('Could not close the recorded session:', error);
		});
		await Promise.race([closed, timeout]);
		analysis.terminate();
	}
}
