import * as Comlink from 'comlink';
import { HistoryService } from '../src/lib/history/history-service';

Comlink.expose(new HistoryService());
