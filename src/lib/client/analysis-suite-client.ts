import * as Comlink from 'comlink';
import type { AnalysisSuite } from '../analysis/analysis-suite';

/** Starts the analysis-suite worker and returns its Comlink proxy and a stop function. */
export function startAnalysisSuite(): { suite: Comlink.Remote<AnalysisSuite>; stop: () => void } {
	const worker = new Worker(new URL('../../../workers/analysis-suite.worker.ts', import.meta.url), {
		type: 'module',
		name: 'analysis-suite'
	});
	const suite = Comlink.wrap<AnalysisSuite>(worker);
	return {
		suite,
		stop: () => {
			suite[Comlink.releaseProxy]();
			worker.terminate();
		}
	};
}
