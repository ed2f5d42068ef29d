import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './support/test';
import { dumpHistory, figure, recordSimulator } from './support/history-db';

const statistics = ['mean', 'std', 'min', 'max'] as const;

/** Records the simulator until it has sent more than `count` records, then stops it. */
async function record(page: Page, count: number): Promise<Record<string, number>> {
	await recordSimulator(page, 1000, count);
	// One more frame, so that the figures shown are those after the last batch.
	await page.waitForTimeout(300);
	const live: Record<string, number> = { count: await figure(page, 'record-count') };
	for (const name of statistics) live[name] = await figure(page, `kpi-${name}`);
	return live;
}

/** Expects `actual` to equal `expected` up to rounding: running sums and a two-pass mean differ. */
function expectClose(actual: number, expected: number, figureName: string) {
	expect(Number.isFinite(actual), `${figureName} is a number`).toBe(true);
	expect(
		Math.abs(actual - expected),
		`${figureName}: ${actual} vs ${expected}`
	).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function downloadFrom(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
	const downloading = page.waitForEvent('download');
	await page.getByTestId('session').getByRole('button', { name: button }).click();
	const download = await downloading;
	return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('analysis of a recorded session matches its live figures', async ({ page }) => {
	const live = await record(page, 4000);
	const [session] = await dumpHistory(page);
	expect(session.recordCount).toBe(live.count);

	await page.goto('/history/');
	await page.getByTestId('analyse-session').click();
	await expect(page).toHaveURL(new RegExp(`/analysis/\\?session=${session.id}$`));
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	await expect(page.getByTestId('session-picker')).toHaveValue(session.id);

	expect(await figure(page, 'suite-count')).toBe(live.count);
	for (const name of statistics) {
		expectClose(await figure(page, `suite-${name}`), live[name], name);
	}
	await expect(page.getByTestId('suite-status')).toContainText(
		`Analyses of ${live.count.toLocaleString('en-US')} records`
	);
	await expect(page.getByTestId('chart-series').locator('svg').first()).toBeVisible();
	await page.screenshot({ path: 'reports/analysis-session.png', fullPage: true });
});

test('analysis page reads a time range of a session', async ({ page }) => {
	await record(page, 2000);
	const [session] = await dumpHistory(page);
	const from = session.time[0];
	const to = session.time[1999];
	const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

	await page.goto('/analysis/');
	await page.getByTestId('dataset-session').check();
	await expect(page.getByTestId('session-picker')).toHaveValue(session.id);
	// The fields hold whole seconds: From is the start of `from`'s second, To the end of `to`'s.
	const fromSecond = Math.floor(from / 1000) * 1000;
	const toSecond = Math.floor(to / 1000) * 1000;
	const expected = session.time.filter((t) => t >= fromSecond && t <= toSecond + 999).length;
	expect(expected).toBeGreaterThan(0);
	await page.getByTestId('session-from').fill(text(from));
	await page.getByTestId('session-to').fill(text(toSecond));
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('suite-status')).toContainText(
		`${expected.toLocaleString('en-US')} records`
	);
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	expect(await figure(page, 'suite-count')).toBe(expected);

	// A range without records is rejected with a message instead of analysing nothing.
	await page.getByTestId('session-from').fill('2000-01-01 00:00:00');
	await page.getByTestId('session-to').fill('2000-01-01 00:00:01');
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('suite-status')).toContainText('no records in');

	// A reversed range and a text that is not a time name the field at fault.
	await page.getByTestId('session-from').fill('2000-01-01 00:00:05');
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toContainText(
		'Invalid range: From "2000-01-01 00:00:05" is after To "2000-01-01 00:00:01"'
	);
	await page.getByTestId('session-to').fill('yesterday');
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toContainText('Invalid To "yesterday"');
});

test('history exports chart PNG, SVG and HTML report', async ({ page }) => {
	const live = await record(page, 3000);
	await page.goto('/history/');

	const png = await downloadFrom(page, 'Chart PNG');
	expect(png.name).toMatch(/-chart\.png$/);
	expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	// IHDR: width and height, big-endian, at bytes 16 and 20; the chart is drawn at 2×.
	expect(png.bytes.readUInt32BE(16)).toBe(1800);
	expect(png.bytes.readUInt32BE(20)).toBe(520);
	expect(png.bytes.length).toBeGreaterThan(10_000);

	const svg = await downloadFrom(page, 'Chart SVG');
	expect(svg.name).toMatch(/-chart\.svg$/);
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			root: doc.documentElement.localName,
			errors: doc.getElementsByTagName('parsererror').length,
			paths: doc.getElementsByTagName('path').length
		};
	}, svg.bytes.toString('utf8'));
	expect(parsed.root).toBe('svg');
	expect(parsed.errors).toBe(0);
	expect(parsed.paths).toBeGreaterThan(0);

	const report = await downloadFrom(page, 'Report HTML');
	expect(report.name).toMatch(/-report\.html$/);
	const html = report.bytes.toString('utf8');
	expect(html.includes(`${live.count} records`), `report says ${live.count} records`).toBe(true);
	expect(html.includes('<svg'), 'report has inline SVG').toBe(true);
	// The only URLs are SVG namespace names, which are never fetched.
	const urls = html.replaceAll('http://www.w3.org/2000/svg', '').match(/(https?:)?\/\/[\w.-]+/g);
	expect(urls).toBeNull();
	expect(/<(script|link|img|iframe)\b/i.test(html), 'report loads no resource').toBe(false);
	await expect(page.getByTestId('history-message')).toContainText(
		`Exported ${live.count.toLocaleString('en-US')} records`
	);
});

test('history report of a time range', async ({ page }) => {
	await record(page, 2000);
	const [session] = await dumpHistory(page);
	const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
	const fromSecond = Math.floor(session.time[0] / 1000) * 1000 + 1000;
	const toSecond = Math.floor(session.time[1999] / 1000) * 1000;
	// To includes its whole second.
	const expected = session.time.filter((t) => t >= fromSecond && t <= toSecond + 999).length;
	expect(expected).toBeLessThan(session.recordCount);

	await page.goto('/history/');
	const row = page.getByTestId('session');
	await row.getByRole('textbox', { name: 'From', exact: true }).fill(text(fromSecond));
	await row.getByRole('textbox', { name: 'To', exact: true }).fill(text(toSecond));
	const report = await downloadFrom(page, 'Report HTML');
	const html = report.bytes.toString('utf8');
	expect(html.includes(`${expected} records`), `report says ${expected} records`).toBe(true);
	const title = `${session.name} (${text(fromSecond)} to`;
	expect(html.includes(title), `report title has the range`).toBe(true);

	// The Analyse link carries the same range to the analysis page.
	await row.getByTestId('analyse-session').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	expect(await figure(page, 'suite-count')).toBe(expected);
});

test('dashboard Analyse opens the stream recorded so far', async ({ page, context }) => {
	await page.goto('/?rate=1000');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(1500);
	const opening = context.waitForEvent('page');
	await page.getByTestId('analyse-live').click();
	const analysis = await opening;
	await expect(analysis.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	const [session] = await dumpHistory(page);
	await expect(analysis.getByTestId('session-picker')).toHaveValue(session.id);
	// The stream went on in the first tab, so the analysis contains what was recorded at the click.
	const analysed = await figure(analysis, 'suite-count');
	expect(analysed).toBeGreaterThan(1500);
	// The dashboard's own count is not redrawn while its tab is behind, so history is the check.
	const [later] = await dumpHistory(page);
	expect(analysed).toBeLessThanOrEqual(later.recordCount);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

test('history brush sets the export range', async ({ page }) => {
	await record(page, 3000);
	const [session] = await dumpHistory(page);
	await page.goto('/history/');
	const row = page.getByTestId('session');
	await row.getByTestId('range-chart').click();
	const chart = row.getByTestId('session-brush');
	await expect(chart.locator('path').first()).toHaveAttribute('d', /^M/);

	const box = (await chart.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.4);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.4, { steps: 5 });
	await page.mouse.up();

	const from = await row.getByRole('textbox', { name: 'From', exact: true }).inputValue();
	const to = await row.getByRole('textbox', { name: 'To', exact: true }).inputValue();
	expect(from).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	expect(to).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	const fromMs = Date.parse(from.replace(' ', 'T') + 'Z');
	const toMs = Date.parse(to.replace(' ', 'T') + 'Z');
	expect(fromMs).toBeLessThan(toMs);
	const expected = session.time.filter((t) => t >= fromMs && t <= toMs + 999).length;
	expect(expected).toBeGreaterThan(0);

	const report = await downloadFrom(page, 'Report HTML');
	const html = report.bytes.toString('utf8');
	expect(html.includes(`${expected} records`), `report says ${expected} records`).toBe(true);
	await page.screenshot({ path: 'reports/history-brush.png' });
});

test('session chooser fits a 390 px screen', async ({ page }) => {
	await record(page, 100);
	const [session] = await dumpHistory(page);
	// A network source's session is named after its URL, which can be wider than a phone's screen.
	const longName = `http://127.0.0.1:8766/events?topic=${'building_a/floor_2/'.repeat(4)}`;
	await page.goto('/history/');
	await page.getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('Session name').fill(longName);
	await page.getByTestId('session').getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('session').locator('.name')).toHaveText(longName);

	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`/analysis/?session=${session.id}`);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	const picker = page.getByTestId('session-picker');
	await expect(picker).toHaveValue(session.id);
	const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(scrollWidth).toBe(390);
	const right = await picker.evaluate((select) => select.getBoundingClientRect().right);
	expect(right).toBeLessThanOrEqual(390);
	await page.screenshot({ path: 'reports/analysis-session-390.png', fullPage: true });
});
