import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dumpHistory } from './support/history-db';
import { expect, test, type Page } from './support/test';
import { startProducer } from './support/producer';

const sensors = 'tests/fixtures/sensors.jsonl';
const sensors25 = 'tests/fixtures/sensors-25.jsonl';
// Other specs start their own producers on the ports up to +9, but never at the same time.
const fleetPort = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;

interface SensorRecord {
	sensor: string;
	temp: number | null;
	rh: number | null;
}

/** Number of records per sensor, gaps included. */
function recordsBySensor(path: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line.trim() === '') continue;
		const record = JSON.parse(line) as SensorRecord;
		counts.set(record.sensor, (counts.get(record.sensor) ?? 0) + 1);
	}
	return counts;
}

/** Finite values of `field` per sensor, in the order the sensors first appear in the file. */
function valuesBySensor(path: string, field: 'temp' | 'rh' = 'temp'): Map<string, number[]> {
	const bySensor = new Map<string, number[]>();
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line.trim() === '') continue;
		const record = JSON.parse(line) as SensorRecord;
		if (!bySensor.has(record.sensor)) bySensor.set(record.sensor, []);
		const value = record[field];
		if (value !== null) bySensor.get(record.sensor)!.push(value);
	}
	return bySensor;
}

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Name and value count of every legend entry, in legend order. */
async function legendEntries(page: Page): Promise<{ name: string; count: number }[]> {
	const entries = page.getByTestId('series-entry');
	const names = await entries.evaluateAll((labels) =>
		labels.map((label) => ({
			name: label.getAttribute('data-name') ?? '',
			count: Number(label.getAttribute('data-value'))
		}))
	);
	return names;
}

async function openFile(page: Page, query: string, file: string): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
}

/**
 * Reads the sensors fixture split by sensor, waits until history has stored all 80 records,
 * opens the history page and chooses the line of `sensor` in the session's row.
 */
async function chooseRecordedLine(page: Page, sensor: string): Promise<void> {
	await openFile(page, 'value=temp&split=sensor', sensors);
	await expect.poll(async () => (await dumpHistory(page))[0]?.time.length).toBe(80);
	await page.goto('/history/');
	const chooser = page.getByTestId('session').getByTestId('export-line');
	// The row reads the session's lines when its chooser first gets focus.
	await chooser.focus();
	await chooser.selectOption({ label: sensor });
}

/** Expects the analysis page's figures of one sensor's line, from its finite `values`. */
async function expectSuiteFigures(page: Page, sensor: string, values: number[]): Promise<void> {
	const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
	expect(await figure(page, 'suite-count')).toBe(recordsBySensor(sensors).get(sensor));
	expect(await figure(page, 'suite-mean')).toBeCloseTo(mean, 9);
	expect(await figure(page, 'suite-min')).toBe(Math.min(...values));
	expect(await figure(page, 'suite-max')).toBe(Math.max(...values));
}

/** Downloads the analysis page's report and returns its file name. */
async function reportFileName(page: Page): Promise<string> {
	const [report] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('download-report').click()
	]);
	return report.suggestedFilename();
}

/**
 * Starts the producer's fleet shape with `devices` devices at 40 records/s and no anomalies,
 * opens the dashboard on it split by device, runs `body`, and stops the producer.
 */
async function withFleet(page: Page, devices: number, body: () => Promise<void>): Promise<void> {
	const producer = await startProducer(fleetPort, [
		'--shape',
		'fleet',
		'--devices',
		String(devices),
		'--rate',
		'40',
		'--anomaly-rate',
		'0'
	]);
	try {
		const url = encodeURIComponent(`ws://127.0.0.1:${fleetPort}`);
		await page.goto(`/?source=websocket&url=${url}&value=temperature&split=device`);
		await body();
	} finally {
		producer.child.kill();
		await producer.exited;
	}
}

test('split file charts a line per sensor', async ({ page }) => {
	await openFile(page, 'value=temp&split=sensor', sensors);

	const expected = [...valuesBySensor(sensors)].map(([sensor, temps]) => ({
		name: sensor,
		count: temps.length
	}));
	expect(expected.map((entry) => entry.name)).toEqual(['s1', 's2', 's3']);
	await expect.poll(() => legendEntries(page)).toEqual(expected);
	await expect(page.getByText('split by: sensor')).toBeVisible();
	await expect(page.getByTestId('split-note')).toHaveCount(0);
	expect(await figure(page, 'record-count')).toBe(80);
});

test('split KPIs follow the shown line', async ({ page }) => {
	await openFile(page, 'value=temp&split=sensor', sensors);
	const temps = valuesBySensor(sensors);
	const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean(temps.get('s1')!), 6);
	// The KPIs follow the first shown line, so hiding s1 and s2 leaves s3, the late one.
	const toggles = page.getByTestId('series-toggle');
	await toggles.nth(0).uncheck();
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean(temps.get('s2')!), 6);
	await toggles.nth(1).uncheck();
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean(temps.get('s3')!), 6);
	expect(await figure(page, 'kpi-max')).toBe(Math.max(...temps.get('s3')!));
	await expect(page.locator('.chart-head h2')).toHaveText('s3');

	await toggles.nth(0).check();
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(mean(temps.get('s1')!), 6);
});

test('split over the limit names what is left out', async ({ page }) => {
	await openFile(page, 'value=temp&split=sensor', sensors25);

	const entries = await legendEntries(page);
	expect(entries).toHaveLength(20);
	expect(entries[0]).toEqual({ name: 's01', count: 4 });
	expect(entries[19]).toEqual({ name: 's20', count: 4 });
	const note = page.getByTestId('split-note');
	await expect(note).toHaveAttribute('data-value', '5');
	await expect(note).toContainText(
		'Split by sensor: 5 values of sensor left out (20 records not drawn), because a split ' +
			'draws at most 20 lines and 20 are drawn.'
	);
	expect(await figure(page, 'record-count')).toBe(100);
});

test('split chosen in the field picker', async ({ page }) => {
	await openFile(page, 'value=temp', sensors);
	await expect.poll(() => legendEntries(page)).toEqual([{ name: 'temp', count: 78 }]);

	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByLabel('Filter fields').fill('sens');
	await expect(page.getByTestId('field-row')).toHaveCount(1);
	await page.getByLabel('One line per sensor').check();

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['s1', 's2', 's3']);
	await expect(page).toHaveURL(/[?&]split=sensor(&|$)/);
	await expect(page).toHaveURL(/[?&]category=sensor(&|$)/);

	await page.getByLabel('No split').check();
	await expect.poll(async () => (await legendEntries(page)).length).toBe(1);
	await expect(page).not.toHaveURL(/split=/);
});

test('split with an invalid value shows a message', async ({ page }) => {
	await openFile(page, 'value=temp&split=temp', sensors);

	await expect(page.getByTestId('param-problem')).toContainText(
		'invalid split "temp": it is also a value field'
	);
	await expect.poll(() => legendEntries(page)).toEqual([{ name: 'temp', count: 78 }]);
});

test('split live stream gains a line per device', async ({ page }) => {
	test.setTimeout(90_000);
	await withFleet(page, 4, async () => {
		// A device joins every 50 records, 1.25 s at 40 records/s: the first lines drawn are
		// fewer than four.
		await expect.poll(async () => (await legendEntries(page)).length).toBeGreaterThan(0);
		const first = await legendEntries(page);
		expect(first.length).toBeLessThan(4);
		expect(first[0].name).toBe('device-01');

		const names = ['device-01', 'device-02', 'device-03', 'device-04'];
		await expect
			.poll(async () => (await legendEntries(page)).map((entry) => entry.name), {
				timeout: 30_000
			})
			.toEqual(names);
		const entries = await legendEntries(page);
		expect(entries[3].count).toBeGreaterThan(0);
		expect(entries[3].count).toBeLessThan(entries[0].count);
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	});
});

test('split line alert fires for its device only', async ({ page }) => {
	test.setTimeout(90_000);
	// Device k (from 0) reads 10 × k above a sine of 50 ± 5 with noise of σ 2. So device-03
	// swings round 70 and crosses 65, while device-01 would need five σ of noise to reach it.
	await withFleet(page, 3, async () => {
		await expect(page.getByTestId('series-entry')).toHaveCount(3, { timeout: 30_000 });

		for (const series of ['device-01', 'device-03']) {
			await page.getByTestId('alert-add').click();
			const form = page.getByTestId('alert-rule-form');
			await form.getByLabel('Series').fill(series);
			await form.getByLabel('Condition').selectOption({ label: 'Value above' });
			await form.getByLabel('Level').fill('65');
			await form.getByLabel('Cooldown (s)').fill('600');
			await form.getByRole('button', { name: 'Add rule' }).click();
			await expect(form).toHaveCount(0);
		}

		const banner = page.getByTestId('alert-banner');
		await expect(banner).toHaveCount(1);
		await expect(banner).toContainText('device-03 above 65');
		expect(Number(await banner.getAttribute('data-value'))).toBeGreaterThan(65);
		// A few more digests pass without device-01 crossing 65.
		const count = await figure(page, 'record-count');
		await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(count + 80);
		await expect(banner).toHaveCount(1);
	});
});

test('split session analysed per line', async ({ page }) => {
	await chooseRecordedLine(page, 's2');
	await page.getByTestId('analyse-session').click();
	await expect(page).toHaveURL(/[?&]line=s2(&|$)/);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});

	const temps = valuesBySensor(sensors).get('s2')!;
	await expect(page.getByTestId('session-line')).toHaveValue('=s2');
	await expectSuiteFigures(page, 's2', temps);
	expect(await reportFileName(page)).toMatch(/-s2-report\.html$/);
	await page.screenshot({ path: 'reports/analysis-split-line.png', fullPage: true });

	// Another line from the chooser on the analysis page itself.
	await page.getByTestId('session-line').selectOption({ label: 's3' });
	await page.getByTestId('load-session').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	expect(await figure(page, 'suite-count')).toBe(recordsBySensor(sensors).get('s3'));
});

test('split session exports one line', async ({ page }) => {
	await chooseRecordedLine(page, 's3');
	const row = page.getByTestId('session');

	const downloading = page.waitForEvent('download');
	await row.getByRole('button', { name: 'Export CSV' }).click();
	const download = await downloading;
	const rows = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
	expect(download.suggestedFilename()).toMatch(/-s3\.csv$/);
	expect(rows[0]).toBe('time,timestamp,temp,category');
	expect(rows).toHaveLength(1 + recordsBySensor(sensors).get('s3')!);
	for (const csvRow of rows.slice(1)) expect(csvRow).toMatch(/,s3$/);

	const charting = page.waitForEvent('download');
	await row.getByRole('button', { name: 'Chart SVG' }).click();
	const chart = await charting;
	expect(chart.suggestedFilename()).toMatch(/-s3-chart\.svg$/);
	await row.screenshot({ path: 'reports/history-split-line.png' });
});

test('split file analysed per line', async ({ page }) => {
	await page.goto('/analysis/?split=sensor');
	await expect(page.getByTestId('file-split')).toHaveValue('sensor');
	await page.locator('input[type=file]').setInputFiles(sensors);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');

	const chooser = page.getByTestId('file-line');
	await expect(chooser.locator('option')).toHaveText(['All records', 's1', 's2', 's3']);
	await chooser.selectOption({ label: 's1' });
	await expect(page.getByTestId('suite-status')).toContainText('records of s1 read from');
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});

	// With a split, the page charts the value field with the most numbers: rh, not temp.
	await expectSuiteFigures(page, 's1', valuesBySensor(sensors, 'rh').get('s1')!);
	expect(await reportFileName(page)).toBe('sensors-s1-report.html');
	await page.screenshot({ path: 'reports/analysis-split-file.png', fullPage: true });
});
