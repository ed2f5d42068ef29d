import * as Comlink from 'comlink';
import { AnalysisEngine } from '../src/lib/analysis/engine';
import type {
	AnalysisSettings,
	RangeExport,
	SourceMessage,
	ViewQuery,
	ViewResult
} from '../src/lib/protocol';

const engine = new AnalysisEngine();

/** The analysis worker's service: listens to source ports, answers the page's view queries. */
const service = {
	/** Listens to one source worker's port. */
	listen(port: MessagePort): void {
		port.onmessage = (event: MessageEvent<SourceMessage>) => {
			try {
				engine.handle(event.data, performance.now());
			} catch (error) {
				// A malformed batch is a bug in a source worker: say so, keep the stream going.
				console.error('analysis: rejected a message from a source worker:', error);
			}
		};
	},

	configure(settings: Partial<AnalysisSettings>): void {
		engine.configure(settings);
	},

	view(query: ViewQuery): ViewResult {
		const result = engine.view(query, performance.now());
		const drawn = [result.line, result.movingAverage, result.anomalies];
		for (const extra of result.extraLines) drawn.push(extra.line);
		const buffers = drawn.flatMap((s) => [s.time.buffer, s.value.buffer]);
		return Comlink.transfer(result, buffers);
	},

	exportRange(from: number, to: number): RangeExport {
		const result = engine.exportRange(from, to);
		return Comlink.transfer(result, [result.time.buffer, ...result.values.map((v) => v.buffer)]);
	}
};

export type AnalysisService = typeof service;

Comlink.expose(service);
