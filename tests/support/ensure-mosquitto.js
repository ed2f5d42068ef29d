// The MQTT browser test runs against a real Mosquitto broker. A fresh Debian machine has none,
// so the test command installs Debian's package when it can, as it does for Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const places = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'];

/** Returns true when a mosquitto binary is on the PATH or in a usual place. */
function hasMosquitto() {
	if (places.some((path) => existsSync(path))) return true;
	try {
		execFileSync('sh', ['-c', 'command -v mosquitto'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Makes sure Mosquitto is installed; exits with a one-line message when it cannot be. */
export function ensureMosquitto() {
	if (hasMosquitto()) return;

	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.error('tests: no Mosquitto found; installing Debian package mosquitto with apt-get');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'mosquitto'], { stdio: 'inherit' });
	}
	if (hasMosquitto()) return;

	console.error('tests: no Mosquitto found; install it (apt-get install mosquitto) and rerun');
	process.exit(1);
}
