import { defineConfig } from '@playwright/test';
import { findBrowser } from './tests/support/find-browser.js';

const executablePath = findBrowser() ?? undefined;
const wsPort = 18765;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
	use: {
		baseURL: 'http://127.0.0.1:4173',
		trace: 'off',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: [
		{
			command: 'npm run build && npm run preview',
			url: 'http://127.0.0.1:4173/',
			reuseExistingServer: !process.env.CI,
			timeout: 120_000
		},
		{
			command: `npx tsx producer/cli.ts websocket --port ${wsPort} --rate 200 --seed 7`,
			url: `http://127.0.0.1:${wsPort}/health`,
			reuseExistingServer: false,
			timeout: 30_000
		}
	]
});
