import * as Comlink from 'comlink';
import { StreamSource } from '../src/lib/sources/stream-source';

Comlink.expose(new StreamSource());
