import * as Comlink from 'comlink';
import { ReplaySource } from '../src/lib/sources/replay-source';

Comlink.expose(new ReplaySource());
