import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { findBrowser } from '../tests/support/find-browser.js';

/** Flags the browser tests use too: no sandbox, no GPU, no background traffic. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	// Headless tabs that are not in front would otherwise run timers and frames slower.
	'--disable-background-timer-throttling',
	'--disable-renderer-backgrounding',
	'--disable-backgrounding-occluded-windows'
];

/** Launches headless Chromium, the same binary the browser tests use. */
export async function launchBrowser(): Promise<{ browser: Browser; version: string }> {
	const executablePath = findBrowser();
	if (executablePath === null) {
		throw new Error('no Chromium found: set CHROMIUM_PATH or install the chromium package');
	}
	const browser = await chromium.launch({ executablePath, args: chromiumArgs });
	return { browser, version: `${browser.version()} (${describeBinary(executablePath)})` };
}

function describeBinary(path: string): string {
	try {
		// Debian's wrapper script prints a harmless shell error on stderr, hence the pipe.
		const text = execFileSync(path, ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		});
		return text.trim() || path;
	} catch {
		return path;
	}
}
