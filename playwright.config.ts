import { defineConfig } from '@playwright/test';
import { findBrowser } from './tests/support/find-browser.js';

const executablePath = findBrowser() ?? undefined;
// Ports can be moved so that two checkouts on one machine can run their tests side by side.
const previewPort = Number(process.env.PREVIEW_PORT ?? 4173);
const wsPort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
// The producer's http mode, one port above its WebSocket mode unless set.
const httpPort = Number(process.env.PRODUCER_HTTP_PORT ?? wsPort + 1);
// Mosquitto's WebSockets listener; its plain MQTT listener is one port above.
const mqttWsPort = Number(process.env.MQTT_WS_PORT ?? 18867);

export default defineConfig({
	testDir: 'tests/e2e',
	// Screenshots for the README are made on demand, not counted as tests.
	testIgnore: process.env.SCREENSHOTS ? [] : ['**/screenshots.spec.ts'],
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${previewPort}`,
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
			// --bypass-lock: see startPreview in bench/servers.ts. --strictPort still fails on a clash.
			command: `npm run build && npx vite preview --host 127.0.0.1 --port ${previewPort} --strictPort --bypass-lock`,
			url: `http://127.0.0.1:${previewPort}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 120_000
		},
		{
			command: `npx tsx producer/cli.ts websocket --port ${wsPort} --rate 200 --seed 7`,
			url: `http://127.0.0.1:${wsPort}/health`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `npx tsx producer/cli.ts http --port ${httpPort} --rate 50 --seed 7 --event reading`,
			url: `http://127.0.0.1:${httpPort}/health`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `MQTT_WS_PORT=${mqttWsPort} node tests/support/start-mosquitto.js`,
			port: mqttWsPort + 1,
			reuseExistingServer: false,
			timeout: 30_000
		}
	]
});
