import { expect, test, type Page } from './support/test';
import { startProducer } from './support/producer';

// Screenshots for the README, made with `SCREENSHOTS=1 npx playwright test screenshots`.
const folder = 'docs/screenshots';

test.use({ viewport: { width: 1400, height: 900 } });

for (const scheme of ['light', 'dark'] as const) {
	test(`screenshot of live simulator, ${scheme}`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/?rate=50');
		await expect
			.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
			.toBeGreaterThan(300);
		await page.screenshot({ path: `${folder}/live-simulator-${scheme}.png` });
	});
}

test('screenshot of NAB file', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/nab/speed_7578.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await page.screenshot({ path: `${folder}/nab-file.png` });
});

test('screenshot of narrow screen', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto('/?rate=50');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(100);
	await page.screenshot({ path: `${folder}/narrow.png`, fullPage: true });
});

test('screenshot of history page', async ({ page }) => {
	await page.goto('/?rate=50');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(100);
	await page.getByTestId('stop').click();
	await page.goto('/?rate=200&pattern=sawtooth');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(300);
	await page.goto('/history/');
	await expect(page.getByTestId('session')).toHaveCount(2);
	const newest = page.getByTestId('session').first();
	await newest.getByTestId('range-chart').click();
	const box = (await newest.getByTestId('session-brush').boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
	await page.mouse.up();
	await page.screenshot({ path: `${folder}/history.png` });
});

test('screenshot of a session analysed', async ({ page }) => {
	await page.goto('/?rate=200&pattern=sine');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(2000);
	await page.getByTestId('stop').click();
	await page.goto('/history/');
	await page.getByTestId('analyse-session').first().click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done', {
		timeout: 30_000
	});
	await page.screenshot({ path: `${folder}/analysis-session.png` });
});

test('screenshot of a replay', async ({ page }) => {
	await page.goto('/?rate=200&pattern=sawtooth');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(1000);
	await page.getByTestId('stop').click();
	await page.goto('/history/');
	await page.getByRole('link', { name: 'Replay' }).click();
	await page.getByTestId('replay-speed').selectOption({ label: '5×' });
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(400);
	await page.screenshot({ path: `${folder}/replay.png` });
});

test('screenshot of chart selection and tooltip', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/nab/speed_7578.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const box = await page.getByTestId('timeseries').boundingBox();
	if (!box) throw new Error('chart has no box');
	const y = box.y + box.height / 2;
	await page.keyboard.down('Shift');
	await page.mouse.move(box.x + box.width * 0.3, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.42, y, { steps: 4 });
	await page.mouse.up();
	await page.keyboard.up('Shift');
	await page.mouse.move(box.x + box.width * 0.6, y - 60);
	await expect(page.getByTestId('chart-tooltip')).toBeVisible();
	await page.screenshot({ path: `${folder}/chart-selection.png` });
});

/** Opens the dashboard with a fired alert banner and the rule editor open. */
async function showAlerts(page: Page): Promise<void> {
	await page.goto('/?rate=50');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(100);
	await page.getByTestId('alert-add').click();
	const form = page.getByTestId('alert-rule-form');
	await form.getByLabel('Series').fill('value');
	await form.getByLabel('Level').fill('0');
	await form.getByLabel('Cooldown (s)').fill('300');
	await form.getByRole('button', { name: 'Add rule' }).click();
	await expect(page.getByTestId('alert-banner')).toHaveCount(1);
	await page.getByTestId('alert-add').click();
	await page.getByTestId('alert-rule-form').getByLabel('Condition').selectOption('no-data');
}

test('screenshot of alerts', async ({ page }) => {
	await showAlerts(page);
	await page.screenshot({ path: `${folder}/alerts.png` });
});

for (const [name, scheme, width] of [
	['dark', 'dark', 1400],
	['narrow', 'light', 375]
] as const) {
	test(`screenshot of alerts, ${name}`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.setViewportSize({ width, height: 900 });
		await showAlerts(page);
		await page.screenshot({ path: `reports/alerts-${name}.png`, fullPage: true });
	});
}

test('screenshot of the rolling band', async ({ page }) => {
	await page.goto('/?rate=50&pattern=random&band=on&band-k=2');
	await expect
		.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
		.toBeGreaterThan(400);
	await expect(page.getByTestId('rolling-band')).toHaveCount(1);
	await page.screenshot({ path: `${folder}/rolling-band.png` });
});

for (const scheme of ['light', 'dark'] as const) {
	test(`screenshot of a stream split by device, ${scheme}`, async ({ page }) => {
		const port = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;
		const producer = await startProducer(port, [
			'--shape',
			'fleet',
			'--devices',
			'5',
			'--rate',
			'50'
		]);
		try {
			await page.emulateMedia({ colorScheme: scheme });
			const url = encodeURIComponent(`ws://127.0.0.1:${port}`);
			await page.goto(`/?source=websocket&url=${url}&value=temperature&split=device&span=20`);
			await expect(page.getByTestId('series-entry')).toHaveCount(5, { timeout: 30_000 });
			await expect
				.poll(async () => Number(await page.getByTestId('record-count').getAttribute('data-value')))
				.toBeGreaterThan(900);
			await page.getByTestId('timeseries').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${folder}/split-${scheme}.png` });
		} finally {
			producer.child.kill();
			await producer.exited;
		}
	});
}

test('screenshot of records counted per category', async ({ page }) => {
	const port = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 9;
	const producer = await startProducer(port, ['--rate', '40']);
	try {
		const url = encodeURIComponent(`ws://127.0.0.1:${port}`);
		await page.goto(`/?source=websocket&url=${url}&count=10s&split=category&span=30`);
		await expect(page.getByTestId('series-entry')).toHaveCount(4, { timeout: 30_000 });
		const records = async () =>
			Number(await page.getByTestId('record-count').getAttribute('data-value'));
		// At 40 records a second the 10 s windows are full after about 400 records, and the 30 s
		// view shows only full windows after about 1,600.
		await expect.poll(records, { timeout: 70_000 }).toBeGreaterThan(1600);
		await page.getByTestId('timeseries').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${folder}/count-split.png` });
	} finally {
		producer.child.kill();
		await producer.exited;
	}
});
