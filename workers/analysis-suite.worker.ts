import * as Comlink from 'comlink';
import { SessionAnalysisSuite } from '../src/lib/history/session-analysis';

// The analysis page's batch analyses run here, so the page stays responsive while they run.
// Recorded sessions are read from IndexedDB here too, chunk by chunk.
Comlink.expose(new SessionAnalysisSuite());
