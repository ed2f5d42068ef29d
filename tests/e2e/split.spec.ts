import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';
import { startProducer } from './support/producer';

const sensors = 'tests/fixtures/sensors.jsonl';
const sensors25 = 'tests/fixtures/sensors-25.jsonl';
// Other specs start their own producers on the ports up to +9, but never at the same time.
const fleetPort = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;

interface SensorRecord {
	sensor: string;
	temp: number | null;
}

/** Finite `temp` values per sensor, in the order the sensors first appear in the file. */
function tempsBySensor(path: string): Map<string, number[]> {
	const bySensor = new Map<string, number[]>();
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line.trim() === '') continue;
		const record = JSON.parse(line) as SensorRecord;
		if (!bySensor.has(record.sensor)) bySensor.set(record.sensor, []);
		if (record.temp !== null) bySensor.get(record.sensor)!.push(record.temp);
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

test('split file charts a line per sensor', async ({ page }) => {
	await openFile(page, 'value=temp&split=sensor', sensors);

	const expected = [...tempsBySensor(sensors)].map(([sensor, temps]) => ({
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
	const temps = tempsBySensor(sensors);
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
	const producer = await startProducer(fleetPort, [
		'--shape',
		'fleet',
		'--devices',
		'4',
		'--rate',
		'40',
		'--anomaly-rate',
		'0'
	]);
	try {
		const url = encodeURIComponent(`ws://127.0.0.1:${fleetPort}`);
		await page.goto(`/?source=websocket&url=${url}&value=temperature&split=device`);
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
	} finally {
		producer.child.kill();
		await producer.exited;
	}
});

test('split line alert fires for its device only', async ({ page }) => {
	test.setTimeout(90_000);
	// Device k (from 0) reads 10 × k above a sine of 50 ± 5 with noise of σ 2. So device-03
	// swings round 70 and crosses 65, while device-01 would need five σ of noise to reach it.
	const producer = await startProducer(fleetPort, [
		'--shape',
		'fleet',
		'--devices',
		'3',
		'--rate',
		'40',
		'--anomaly-rate',
		'0'
	]);
	try {
		const url = encodeURIComponent(`ws://127.0.0.1:${fleetPort}`);
		await page.goto(`/?source=websocket&url=${url}&value=temperature&split=device`);
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
		const count = Number(await page.getByTestId('record-count').getAttribute('data-value'));
		await expect
			.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
			.toBeGreaterThan(count + 80);
		await expect(banner).toHaveCount(1);
	} finally {
		producer.child.kill();
		await producer.exited;
	}
});
