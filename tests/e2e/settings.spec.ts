import { readFileSync } from 'node:fs';
import { DETECTORS } from '../../src/lib/analysis/detectors';
import { LiveForest } from '../../src/lib/analysis/live-forest';
import { RollingIqr } from '../../src/lib/analysis/rolling-iqr';
import { RollingZScore } from '../../src/lib/analysis/rolling-zscore';
import { expect, test, type Page } from './support/test';

// Started by the Playwright config: `producer websocket --rate 200 --seed 7`.
const producerPort = process.env.PRODUCER_WS_PORT ?? 18765;
const producer = `ws://127.0.0.1:${producerPort}`;
const nabFile = 'tests/fixtures/nab/speed_7578.jsonl';

/** Values and times of the NAB file, in file order (which is time order). */
function readNab(): { value: Float64Array; time: Float64Array } {
	const records = readFileSync(nabFile, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as { timestamp: string; value: number });
	return {
		value: Float64Array.from(records, (record) => record.value),
		// NAB timestamps carry no zone. The ensemble reads only the steps between times, so the
		// zone the page reads them in does not change its flags.
		time: Float64Array.from(records, (record) => Date.parse(`${record.timestamp}Z`))
	};
}

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Time span of the window on the chart, in ms. */
async function shownSpan(page: Page): Promise<number> {
	const chart = page.getByTestId('timeseries');
	return (
		Number(await chart.getAttribute('data-to')) - Number(await chart.getAttribute('data-from'))
	);
}

/** Sets the view and analysis controls to values that differ from every default. */
async function changeViewSettings(page: Page): Promise<void> {
	await page.getByTestId('window-select').selectOption({ label: 'Last 1,000 points' });
	await page.getByTestId('refresh-select').selectOption({ label: 'Every 2 s' });
	await page.getByTestId('ma-window').fill('12');
	await page.getByTestId('z-threshold').fill('2.5');
	await page.getByTestId('band-toggle').check();
	await page.getByTestId('band-k').fill('3.5');
}

/** Asserts the controls that `changeViewSettings` sets. */
async function expectViewSettings(page: Page): Promise<void> {
	await expect(page.getByTestId('window-select')).toHaveValue('p1000');
	await expect(page.getByTestId('refresh-select')).toHaveValue('2000');
	await expect(page.getByTestId('ma-window')).toHaveValue('12');
	await expect(page.getByTestId('z-threshold')).toHaveValue('2.5');
	await expect(page.getByTestId('band-toggle')).toBeChecked();
	await expect(page.getByTestId('band-k')).toHaveValue('3.5');
}

test('settings survive a reload and a new visit', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await page.getByLabel('Pattern').selectOption('sawtooth');
	await page.getByLabel('Records/s').fill('40');
	await page.getByTestId('start').click();
	await changeViewSettings(page);
	await expect(page).toHaveURL(/band-k=3\.5/);

	await page.reload();
	await expect(page.getByLabel('Pattern')).toHaveValue('sawtooth');
	await expect(page.getByLabel('Records/s')).toHaveValue('40');
	await expectViewSettings(page);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// A visit without parameters, as an installed app starts, restores the saved settings.
	await page.goto('/');
	await expect(page.getByLabel('Pattern')).toHaveValue('sawtooth');
	await expect(page.getByLabel('Records/s')).toHaveValue('40');
	await expectViewSettings(page);
	await expect(page.getByTestId('param-problem')).toHaveCount(0);
});

test('saved settings keep another source’s setup', async ({ page }) => {
	const events = `http://127.0.0.1:${Number(producerPort) + 1}/events`;
	await page.goto(`/?source=sse&event=reading&url=${encodeURIComponent(events)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// Switching to the simulator saves its settings beside the SSE source's.
	await page.getByRole('radio', { name: 'Simulated' }).check();
	await page.getByTestId('start').click();
	await expect(page).toHaveURL(/source=simulator/);
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('streamlens.settings')))
		.toContain('event=reading');

	await page.goto('/');
	await expect(page.getByRole('radio', { name: 'Simulated' })).toBeChecked();
	await page.getByRole('radio', { name: 'SSE' }).check();
	await expect(page.getByTestId('source-url')).toHaveValue(events);
	await expect(page.getByTestId('event-type')).toHaveValue('reading');
});

test('URL parameters win over saved settings', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('ma-window').fill('40');
	await expect(page).toHaveURL(/ma=40/);

	await page.goto('/?source=simulator&pattern=random&ma=8');
	await expect(page.getByLabel('Pattern')).toHaveValue('random');
	await expect(page.getByTestId('ma-window')).toHaveValue('8');
	await expect(page).toHaveURL(/ma=8/);
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('streamlens.settings')))
		.toContain('pattern=random');
});

test('copy link reproduces the setup in a fresh context', async ({ page, context, browser }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto(`/?source=websocket&url=${encodeURIComponent(producer)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByLabel('Use status as category').check();
	await expect(page.getByLabel('Use status as category')).toBeChecked();
	await changeViewSettings(page);

	await page.getByTestId('copy-link').click();
	await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
	const link = await page.evaluate(() => navigator.clipboard.readText());
	expect(link).toContain('category=status');

	const fresh = await browser.newContext({ baseURL: undefined });
	try {
		const other = await fresh.newPage();
		await other.goto(link);
		await expect(other.getByRole('radio', { name: 'WebSocket' })).toBeChecked();
		await expect(other.getByTestId('source-url')).toHaveValue(producer);
		await expectViewSettings(other);
		await expect(other.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
		await expect.poll(() => figure(other, 'record-count')).toBeGreaterThan(20);
		await other.getByTestId('field-picker').locator('summary').click();
		await expect(other.getByLabel('Use status as category')).toBeChecked();
		await expect(other.getByTestId('categories')).toContainText('normal');
		await expect(other.getByTestId('param-problem')).toHaveCount(0);
	} finally {
		await fresh.close();
	}
});

test('copy link of the simulator leaves other sources out', async ({ page, context, browser }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/?source=simulator&pattern=random&rate=40');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await page.getByTestId('copy-link').click();
	await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
	const link = await page.evaluate(() => navigator.clipboard.readText());
	const params = new URL(link).searchParams;
	for (const name of ['url', 'event', 'interval', 'topic']) {
		expect(params.has(name), `${name}= in ${link}`).toBe(false);
	}

	const fresh = await browser.newContext({ baseURL: undefined });
	try {
		const other = await fresh.newPage();
		await other.goto(link);
		await expect(other.getByRole('radio', { name: 'Simulated' })).toBeChecked();
		await expect(other.getByLabel('Pattern')).toHaveValue('random');
		await expect(other.getByLabel('Records/s')).toHaveValue('40');
		await expect(other.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
		await expect(other.getByTestId('param-problem')).toHaveCount(0);
	} finally {
		await fresh.close();
	}
});

test('copy link falls back to a selectable field', async ({ page }) => {
	// Headless Chromium writes to the clipboard after a click even with the permission denied,
	// so the refusal that other browsers give is reproduced by replacing writeText.
	await page.addInitScript(() => {
		Clipboard.prototype.writeText = () =>
			Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
	});
	await page.goto('/?rate=30&ma=15');
	await page.getByTestId('copy-link').click();

	const field = page.getByTestId('share-link');
	await expect(field).toBeVisible();
	await expect(field).toHaveValue(/ma=15/);
	await expect(field).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/\?source=simulator/);
	const selected = await field.evaluate(
		(input: HTMLInputElement) => input.selectionEnd! - input.selectionStart!
	);
	expect(selected).toBe(((await field.inputValue()) as string).length);
});

test('invalid saved setting is named and the rest apply', async ({ page }) => {
	await page.goto('/history/');
	await page.evaluate(() =>
		localStorage.setItem(
			'streamlens.settings',
			'source=simulator&pattern=sawtooth&rate=-5&ma=9&band=sideways&band-k=2'
		)
	);
	await page.goto('/');

	const problems = page.getByTestId('param-problem');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toContainText('Saved setting rate');
	await expect(problems.nth(0)).toContainText('invalid rate "-5"');
	await expect(problems.nth(1)).toContainText('Saved setting band');
	await expect(page.getByLabel('Pattern')).toHaveValue('sawtooth');
	await expect(page.getByTestId('ma-window')).toHaveValue('9');
	await expect(page.getByTestId('band-toggle')).not.toBeChecked();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

test('idle dashboard stops asking for views', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// A finished file offers no Pause, and nothing else changes the data now.
	await expect(page.getByTestId('pause')).toBeDisabled();

	// The rate figure falls to 0 within 2 s of the last record; after that nothing changes.
	await expect
		.poll(
			async () => {
				const before = await figure(page, 'view-requests');
				await page.waitForTimeout(1000);
				return (await figure(page, 'view-requests')) - before;
			},
			{ timeout: 20_000 }
		)
		.toBe(0);

	// A change of query (the window) still gets a view.
	const idle = await figure(page, 'view-requests');
	const allSpan = await shownSpan(page);
	await page.getByTestId('window-select').selectOption({ label: 'Last 1,000 points' });
	await expect.poll(() => figure(page, 'view-requests')).toBeGreaterThan(idle);
	await expect.poll(() => shownSpan(page)).toBeLessThan(allSpan);
});

test('flowing data keeps the views coming', async ({ page }) => {
	await page.goto('/?rate=50');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	const requests = await figure(page, 'view-requests');
	const records = await figure(page, 'record-count');

	await expect.poll(() => figure(page, 'view-requests')).toBeGreaterThan(requests + 30);
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(records + 50);

	// Stopping the source ends the requests once the rate figure has fallen to 0.
	await page.getByTestId('stop').click();
	await expect
		.poll(
			async () => {
				const before = await figure(page, 'view-requests');
				await page.waitForTimeout(1000);
				return (await figure(page, 'view-requests')) - before;
			},
			{ timeout: 20_000 }
		)
		.toBe(0);
	expect(await figure(page, 'kpi-rate')).toBe(0);
});

test('detector select sets the anomaly count', async ({ page }) => {
	const { value, time } = readNab();
	// The dashboard's defaults: a window of 100 previous values, z threshold 3.
	const iqr = new RollingIqr(100, 2.5);
	const iqrCount = value.filter((v) => Math.abs(Math.fround(iqr.push(v))) > 0).length;
	const zscore = new RollingZScore(100, 3);
	const zCount = value.filter((v) => Math.abs(Math.fround(zscore.push(v))) > 3).length;
	const ensembleCount = DETECTORS.ensemble(value, time).anomaly.reduce((a, b) => a + b, 0);
	expect(new Set([iqrCount, zCount, ensembleCount]).size).toBe(3);

	await page.goto('/?source=file&detector=iqr&iqr-k=2.5');
	await expect(page.getByTestId('detector')).toHaveValue('iqr');
	await expect(page.getByTestId('iqr-k')).toHaveValue('2.5');
	await expect(page.getByTestId('z-threshold')).toHaveCount(0);
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(value.length);
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(iqrCount);
	await expect(page.getByTestId('anomaly-rule')).toContainText('Q3 + 2.5·IQR');

	await page.getByTestId('detector').selectOption('zscore');
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(zCount);
	await expect(page.getByTestId('z-threshold')).toHaveValue('3');
	await expect(page).toHaveURL(/detector=zscore/);

	await page.getByTestId('detector').selectOption('ensemble');
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(ensembleCount);
	await expect(page.getByTestId('ensemble-threshold')).toContainText('0.098');
	await expect(page.getByTestId('anomaly-rule')).toContainText('ensemble');
});

test('anomaly list says how many it leaves out', async ({ page }) => {
	const { value } = readNab();
	const iqr = new RollingIqr(100, 1.5);
	const count = value.filter((v) => Math.abs(Math.fround(iqr.push(v))) > 0).length;
	expect(count).toBeGreaterThan(50);

	await page.goto('/?source=file&detector=iqr');
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('anomaly-jump')).toHaveCount(50);
	await expect(page.getByTestId('anomaly-more')).toContainText(
		`The newest 50 of ${count} in the visible window.`
	);
});

test('anomaly list says when the window holds more than the view counts', async ({ page }) => {
	// Every tenth value of 25,000 is a spike that IQR flags: 2,500 anomalies in the window.
	const lines = Array.from({ length: 25_000 }, (_, i) =>
		JSON.stringify({ t: 1_700_000_000_000 + i * 1000, v: i % 10 === 9 ? 1000 : i % 7 })
	);
	await page.goto('/?source=file&detector=iqr');
	await page.locator('input[type=file]').setInputFiles({
		name: 'spikes.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('anomaly-more')).toContainText(
		'The newest 50 of 2,000 or more in the visible window.'
	);
	await expect.poll(() => figure(page, 'anomaly-count')).toBeGreaterThan(2000);
});

test('cards show huge values with an exponent', async ({ page }) => {
	const lines = [1e300, 2e300, 3e300].map((v, i) =>
		JSON.stringify({ t: 1_700_000_000_000 + i * 1000, v })
	);
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'huge.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('kpi-max')).toHaveText('3.00e+300');
	await expect(page.getByTestId('kpi-min')).toHaveText('1.00e+300');
});

test('isolation forest flags records as they arrive, at the chosen score', async ({ page }) => {
	const { value, time } = readNab();
	// The forest's scores do not depend on its threshold, only the flags do.
	const forest = new LiveForest();
	const scores = Array.from(value, (v, i) => Math.fround(forest.push(v, time[i])));
	const countAbove = (threshold: number) => scores.filter((s) => s > threshold).length;
	expect(countAbove(0.85)).toBeGreaterThan(0);
	expect(countAbove(0.75)).toBeGreaterThan(countAbove(0.85));

	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await page.getByTestId('detector').selectOption('iforest');
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(countAbove(0.85));
	await expect(page.getByTestId('forest-threshold')).toHaveValue('0.85');
	await expect(page.getByTestId('anomaly-rule')).toContainText('Isolation forest: score above');

	await page.getByTestId('forest-threshold').fill('0.75');
	await expect.poll(() => figure(page, 'anomaly-count')).toBe(countAbove(0.75));
	await expect(page).toHaveURL(/detector=iforest/);
	await expect(page).toHaveURL(/forest=0\.75/);
	await expect(page.getByTestId('anomaly-rule')).toContainText('score above 0.75');
});

test('invalid detector is named and the default applies', async ({ page }) => {
	await page.goto('/?detector=lof&iqr-k=9');

	const problems = page.getByTestId('param-problem');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toContainText('invalid iqr-k "9"');
	await expect(problems.nth(1)).toContainText('invalid detector "lof"');
	await expect(page.getByTestId('detector')).toHaveValue('zscore');
});
