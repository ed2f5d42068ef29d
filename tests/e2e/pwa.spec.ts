import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from './support/test';
import { startVersionedServer } from '../support/versioned-server.js';
import { streamWorkerResources } from './support/worker-resources';

const nabFile = 'tests/fixtures/nab/speed_7578.jsonl';
// Inside the range of ports this checkout's tests may use; see playwright.config.ts.
const updatePort = Number(process.env.PWA_UPDATE_PORT ?? 19166);
const mqttWsPort = Number(process.env.MQTT_WS_PORT ?? 18867);

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Waits until a service worker controls the page, so that it can load offline. */
async function waitForControl(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
}

test('manifest parses and the app is installable', async ({ baseURL, launchOptions }) => {
	// Chromium never offers to install from an incognito profile, which is what a Playwright
	// context is, so this test opens a profile on disk.
	const profile = mkdtempSync(join(tmpdir(), 'streamlens-install-'));
	const context = await chromium.launchPersistentContext(profile, launchOptions);
	try {
		const page = await context.newPage();
		await page.goto(`${baseURL}/`);
		await waitForControl(page);
		await checkInstallable(page);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

async function checkInstallable(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);

	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
	expect(manifest.errors).toEqual([]);
	const data = JSON.parse(manifest.data ?? '{}');
	expect(data.short_name).toBe('Streamlens');
	expect(data.display).toBe('standalone');
	expect(data.theme_color).toMatch(/^#/);
	expect(data.background_color).toMatch(/^#/);
	const icons = data.icons.map((icon: { sizes: string; purpose: string }) => icon);
	expect(icons).toContainEqual(expect.objectContaining({ sizes: '192x192' }));
	expect(icons).toContainEqual(expect.objectContaining({ sizes: '512x512', purpose: 'any' }));
	expect(icons).toContainEqual(expect.objectContaining({ purpose: 'maskable' }));

	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
}

test('icons in the manifest are real PNG files', async ({ page, request }) => {
	await page.goto('/');
	const data = await (await request.get('/manifest.webmanifest')).json();
	for (const icon of data.icons as { src: string; sizes: string }[]) {
		const response = await request.get(icon.src);
		expect(response.status(), icon.src).toBe(200);
		const body = await response.body();
		// PNG signature, then the IHDR width and height as big-endian 32-bit integers.
		expect(body.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
		const size = `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
		expect(size, icon.src).toBe(icon.sizes);
	}
});

test('offline reload runs the simulator and opens a file', async ({ page, context }) => {
	await page.goto('/?rate=100');
	await waitForControl(page);

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);

	await page.getByRole('radio', { name: 'File' }).check();
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(1127);
});

for (const path of ['/analysis/', '/history/']) {
	test(`first visit to ${path} works offline`, async ({ page, context }) => {
		const missing: string[] = [];
		page.on('response', (response) => {
			if (response.status() === 404) missing.push(response.url());
		});
		await page.goto(path);
		await waitForControl(page);
		const scope = await page.evaluate(
			async () => (await navigator.serviceWorker.getRegistration())?.scope
		);
		expect(scope).toBe(new URL('/', page.url()).href);
		expect(missing).toEqual([]);

		await context.setOffline(true);
		const response = await page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	});
}

test('offline mqtt source loads its client from the cache', async ({ page, context }) => {
	await page.goto('/?rate=100');
	await waitForControl(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// The MQTT client is a chunk of its own that the stream worker imports on the first MQTT
	// connection. The broker may or may not be reachable offline, so either state after
	// 'connecting' shows that the client loaded, and offline only the service worker serves it.
	await page.getByRole('radio', { name: 'MQTT' }).check();
	await page.getByTestId('source-url').fill(`ws://127.0.0.1:${mqttWsPort}`);
	await page.getByTestId('start').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute(
		'data-value',
		/^(live|reconnecting)$/
	);
	const chunks = async () =>
		(await streamWorkerResources(page)).filter((url) => /\/workers\/chunks\//.test(url));
	await expect.poll(async () => (await chunks()).length).toBe(1);
});

test.describe('without a service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('offline reload fails', async ({ page, context }) => {
		await page.goto('/');
		await context.setOffline(true);
		await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	});
});

test('service worker leaves streams to the network', async ({ page }) => {
	await page.goto('/');
	await waitForControl(page);

	const fetchedFromWorker = async (accept: string) => {
		const [response] = await Promise.all([
			page.waitForResponse(
				(r) => r.url().endsWith('/manifest.webmanifest') && r.request().headers().accept === accept
			),
			page.evaluate(
				(value) => fetch('/manifest.webmanifest', { headers: { accept: value } }).then(() => {}),
				accept
			)
		]);
		return response.fromServiceWorker();
	};

	// The same precached URL: an ordinary request is served by the worker, a stream is not.
	expect(await fetchedFromWorker('application/json')).toBe(true);
	expect(await fetchedFromWorker('text/event-stream')).toBe(false);
	expect(await fetchedFromWorker('application/x-ndjson')).toBe(false);
});

test('new version waits for the reload prompt', async ({ page }) => {
	const server = await startVersionedServer('build', updatePort);
	try {
		await page.goto(`${server.url}/?rate=100`);
		await waitForControl(page);
		// Headless Chromium starts no update check while the page repaints every frame, so the
		// chart refreshes every 500 ms here, one of the dashboard's own settings.
		await page.getByTestId('refresh-select').selectOption('500');
		const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);

		// Deploy a second version. The page looks for one when the user returns to its tab.
		server.setVersion(2);
		await expect(async () => {
			await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
			await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 3000 });
		}).toPass({ timeout: 40_000 });

		// Nothing changed under the running page: the old worker still controls it.
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		await page.waitForTimeout(500);
		const state = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return {
				waiting: registration?.waiting?.state ?? null,
				marker: (window as unknown as { marker?: number }).marker
			};
		});
		expect(state.waiting).toBe('installed');
		expect(state.marker).toBe(1);

		// A worker left waiting from an earlier visit is found again on the next load.
		await page.reload();
		await expect(page.getByTestId('update-prompt')).toBeVisible();

		let loads = 0;
		page.on('load', () => (loads += 1));
		await page.getByTestId('update-reload').click();
		await expect.poll(() => loads).toBe(1);
		await waitForControl(page);
		const after = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return { waiting: registration?.waiting ?? null, url: location.href };
		});
		expect(after.waiting).toBeNull();
		expect(after.url).toContain(server.url);
		expect(firstWorker).toContain('/sw.js');
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		await page.waitForTimeout(500);
		expect(loads).toBe(1);
	} finally {
		await server.close();
	}
});
