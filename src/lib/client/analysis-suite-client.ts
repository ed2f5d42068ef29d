import * as Comlink from 'comlink';
import type { SessionAnalysisSuite } from '../history/session-analysis';

/** Comlink proxy of the analysis-suite worker's service. */
export type RemoteSuite = Comlink.Remote<SessionAnalysisSuite>;

/** Starts the analysis-suite worker and returns its Comlink proxy and a stop function. */
export function startAnalysisSuite(): { suite: RemoteSuite; stop: () => void } {
	const worker = new Worker(new URL('../../../workers/analysis-suite.worker.ts', import.meta.url), {
		type: 'module',
		name: 'analysis-suite'
	});
	const suite = Comlink.wrap<SessionAnalysisSuite>(worker);
	return {
		suite,
		stop: () => {
			suite[Comlink.releaseProxy]();
			worker.terminate();
		}
	};
}
