// Starts Mosquitto for the browser tests on ports taken from the environment, so that two
// checkouts on one machine can run their tests side by side. The settings are those of
// mosquitto.conf beside this file with its two listener ports replaced.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const wsPort = Number(process.env.MQTT_WS_PORT ?? 18867);
const tcpPort = Number(process.env.MQTT_TCP_PORT ?? wsPort + 1);

const base = readFileSync(new URL('./mosquitto.conf', import.meta.url), 'utf8');
const conf = base
	.replace('listener 18867 lo', `listener ${wsPort} lo`)
	.replace('listener 18868 127.0.0.1', `listener ${tcpPort} 127.0.0.1`);
const file = join(mkdtempSync(join(tmpdir(), 'streamlens-mqtt-')), 'mosquitto.conf');
writeFileSync(file, conf);

const broker = spawn('mosquitto', ['-c', file], { stdio: 'inherit' });
broker.on('exit', (code) => process.exit(code ?? 1));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => broker.kill(signal));
}
