import * as Comlink from 'comlink';
import { AnalysisSuite } from '../src/lib/analysis/analysis-suite';

// The analysis page's batch analyses run here, so the page stays responsive while they run.
Comlink.expose(new AnalysisSuite());
