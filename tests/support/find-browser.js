// Finds a Chromium for the browser tests: CHROMIUM_PATH first, then Playwright's own
// download, then Debian's package. Playwright cannot fetch its own browser on machines
// without internet access, so Debian's package is what these tests use on such machines.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';

/** Returns a path to a Chromium binary, or null when none is installed. */
export function findBrowser() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv && existsSync(fromEnv)) return fromEnv;

	try {
		const bundled = chromium.executablePath();
		if (bundled && existsSync(bundled)) return bundled;
	} catch {
		// Playwright throws when its browser registry has no entry; fall through.
	}

	if (existsSync(debianChromium)) return debianChromium;
	return null;
}

/** Returns a Chromium path, installing one when possible; exits with a one-line message when not. */
export function ensureBrowser() {
	const found = findBrowser();
	if (found) return found;

	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.error('tests: no Chromium found; installing Debian package chromium with apt-get');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
	} else {
		try {
			execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
		} catch {
			// Reported below with the fix.
		}
	}

	const installed = findBrowser();
	if (installed) return installed;
	console.error(
		'tests: no Chromium found; install one (apt-get install chromium) or set CHROMIUM_PATH'
	);
	process.exit(1);
}
