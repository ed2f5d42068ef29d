import * as Comlink from 'comlink';
import { SimulatorSource } from '../src/lib/sources/simulator-source';

Comlink.expose(new SimulatorSource());
