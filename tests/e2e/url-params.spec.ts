import { expect, test, type Page } from './support/test';
import { figure } from './support/history-db';

/** Opens `query` on the file source and reads `lines` as a JSON Lines file. */
async function readFile(page: Page, query: string, lines: object[]): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles({
		name: 'records.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n'))
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
}

test('unknown parameters get a dismissable notice', async ({ page }) => {
	await page.goto('/?sourc=websocket&windw=1h&rate=5');
	const notice = page.getByTestId('unknown-params');
	await expect(notice).toBeVisible();
	await expect(page.getByTestId('unknown-param')).toHaveText(['sourc', 'windw']);
	await expect(page.getByTestId('param-suggestion')).toHaveText(['source']);
	await expect(notice).toContainText('(did you mean source?)');
	// The misspelt source was not applied, and the known parameter was.
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await page.getByTestId('unknown-params-dismiss').click();
	await expect(notice).toBeHidden();
});

test('known parameters show no notice', async ({ page }) => {
	await page.goto('/?rate=5&lenient=1&duplicates=all&booleans=1&time-unit=ms&band-k=2');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('unknown-params')).toHaveCount(0);
	await expect(page.getByTestId('param-problem')).toHaveCount(0);
});

const switchRecords = [true, false, true, true].map((on, i) => ({
	timestamp: `2024-01-20T10:00:0${i}Z`,
	on
}));

test('booleans are gaps by default', async ({ page }) => {
	await readFile(page, 'value=on', switchRecords);
	await expect.poll(() => figure(page, 'record-count')).toBe(4);
	await expect(page.getByTestId('kpi-mean')).toHaveText('–');
	await expect(page.getByTestId('value-gaps')).toContainText('3 true');
	await expect(page.getByTestId('value-gaps')).toContainText('1 false');
});

test('split lines count their gaps apart', async ({ page }) => {
	const records = [
		{ ts: '2024-01-20T10:00:00Z', entity: 'kitchen', state: '21.4' },
		{ ts: '2024-01-20T10:00:01Z', entity: 'kitchen', state: 'unavailable' },
		{ ts: '2024-01-20T10:00:02Z', entity: 'door', state: 'on' },
		{ ts: '2024-01-20T10:00:03Z', entity: 'door', state: 'off' },
		{ ts: '2024-01-20T10:00:04Z', state: 'unknown' }
	];
	await readFile(page, 'value=state&split=entity', records);

	const kitchen = page.locator('[data-testid="value-gaps"][data-line="kitchen"]');
	await expect(kitchen).toContainText('Gaps in state · kitchen');
	await expect(kitchen).toContainText('1 "unavailable"');
	await expect(kitchen).not.toContainText('"on"');
	const door = page.locator('[data-testid="value-gaps"][data-line="door"]');
	await expect(door).toContainText('1 "on", 1 "off"');
	// The record without an entity belongs to no line, and its gap is not the field's total.
	const noLine = page.locator('[data-testid="value-gaps"]:not([data-line])');
	await expect(noLine).toHaveText(
		'Gaps in state · (no entity) (breaks in the line, never 0): 1 "unknown".'
	);
});

test('booleans=1 charts true and false as 1 and 0', async ({ page }) => {
	await readFile(page, 'value=on&booleans=1', switchRecords);
	// The figures follow the views, which may come a little after the status reads done.
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(0.75);
	expect(await figure(page, 'record-count')).toBe(4);
	expect(await figure(page, 'kpi-min')).toBe(0);
	expect(await figure(page, 'kpi-max')).toBe(1);
	await expect(page.getByTestId('value-gaps')).toHaveCount(0);
	await expect(page.getByText('true and false as 1 and 0')).toBeVisible();
});

// Seconds near 1e11, in the year 5138: by size the first is seconds and the rest milliseconds.
const epochRecords = [99_999_999_999, 100_000_000_000, 100_000_000_001].map((t, i) => ({
	t,
	v: i
}));

test('epoch times near 1e11 warn and name the unit choice', async ({ page }) => {
	await readFile(page, 'time=t&value=v', epochRecords);
	const warnings = page.getByTestId('warning-item');
	await expect(warnings).toHaveCount(2);
	// The first time, read as seconds, lands in 5138; as milliseconds it would be 1973.
	await expect(warnings.first()).toContainText(
		'time field "t" holds 99999999999, read as epoch seconds: 5138-11-16. Read as ' +
			'milliseconds it is 1973-03-03.'
	);
	const warning = warnings.nth(1);
	await expect(warning).toContainText(
		'time field "t" mixes epoch units: seconds at first, milliseconds here (100000000000)'
	);
	for (const item of [warnings.first(), warning]) {
		await expect(item).toContainText('Epoch unit under Fields');
		await expect(item).toContainText('time-unit=s, ms, us or ns');
	}
});

test('epoch unit chosen in Fields reads every time in it', async ({ page }) => {
	await readFile(page, 'time=t&value=v', epochRecords);
	await expect(page.getByTestId('warning-item')).toHaveCount(2);
	// Read by size, the later records land in 1973, before the first in 5138.
	await expect(page.getByTestId('order-counts')).toContainText('2 late records sorted in');

	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByTestId('time-unit').selectOption('s');
	await expect(page).toHaveURL(/[?&]time-unit=s(&|$)/);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByText('time: t (epoch s)')).toBeVisible();
	await expect(page.getByTestId('warning-item')).toHaveCount(0);
	await expect(page.getByTestId('order-counts')).toBeHidden();
	expect(await figure(page, 'record-count')).toBe(3);
});

test('time-unit parameter sets the epoch unit', async ({ page }) => {
	await readFile(page, 'time=t&value=v&time-unit=s', epochRecords);
	await expect(page.getByTestId('warning-item')).toHaveCount(0);
	await page.getByTestId('field-picker').locator('summary').click();
	await expect(page.getByTestId('time-unit')).toHaveValue('s');
});

test('analysis page names its own unknown parameters', async ({ page }) => {
	await page.goto('/analysis/?sesion=abc&value=v&source=file');
	await expect(page.getByTestId('unknown-param')).toHaveText(['sesion', 'source']);
	await expect(page.getByTestId('param-suggestion')).toHaveText(['session']);
	await page.screenshot({ path: 'reports/screenshots/analysis-unknown-params.png' });
});

test('value field in no record is named', async ({ page }) => {
	const records = [1, 2, 3, 4, 5].map((v, i) => ({ ts: 1_700_000_000_000 + i * 1000, v }));
	await readFile(page, 'value=nosuch', records);

	const problem = page.getByTestId('param-problem');
	await expect(problem).toHaveCount(1);
	await expect(problem).toContainText('URL parameter value:');
	await expect(problem).toContainText('field "nosuch" not found in the 5 records read.');
	await expect(problem).toContainText('Numeric fields found: "v".');
	await expect(problem).toContainText('Choose a value field under Fields.');
	expect(await figure(page, 'record-count')).toBe(5);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 800 });
		await page.screenshot({ path: `reports/value-not-found-${width}.png` });
	}
});

test('value field holding an object is named', async ({ page }) => {
	const records = [1.5, 2, 2.5].map((value, i) => ({
		timestamp: `2024-01-20T10:30:0${i}`,
		value,
		category: 'A',
		status: 'normal',
		metadata: { source: 's1', location: 'b' }
	}));
	await readFile(page, 'value=metadata', records);

	const problem = page.getByTestId('param-problem');
	await expect(problem).toHaveCount(1);
	await expect(problem).toContainText('URL parameter value:');
	await expect(problem).toContainText('field "metadata" is an object, not a number.');
	await expect(problem).toContainText('Numeric fields found: "value".');
	await expect(problem).toContainText('Choose a value field under Fields.');
});

test('value field holding an array is named from the picker', async ({ page }) => {
	const records = [1, 2, 3].map((v, i) => ({ ts: 1_700_000_000_000 + i * 1000, v, tags: [v] }));
	await readFile(page, '', records);
	await expect(page.getByTestId('param-problem')).toHaveCount(0);

	await page.getByTestId('field-picker').locator('summary').click();
	await page.getByLabel('Chart tags').check();

	const problem = page.getByTestId('param-problem');
	await expect(problem).toContainText('Field choice value:');
	await expect(problem).toContainText('field "tags" is an array, not a number.');
	await expect(problem).toContainText('Numeric fields found: "v".');
});

test('value field the simulator lacks is named', async ({ page }) => {
	await page.goto('/?value=nosuch');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	const problem = page.getByTestId('param-problem');
	await expect(problem).toContainText('field "nosuch" not found');
	await expect(problem).toContainText('the simulator\'s records have one value field, "value"');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(0);
});

test('value field missing from a stream is named', async ({ page }) => {
	const producer = `ws://127.0.0.1:${process.env.PRODUCER_WS_PORT ?? 18765}`;
	await page.goto(`/?source=websocket&url=${encodeURIComponent(producer)}&value=nosuch`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	const problem = page.getByTestId('param-problem');
	await expect(problem).toContainText(/field "nosuch" not found in the first \d+ records\./);
	await expect(problem).toContainText('Numeric fields found: "value"');
	expect(await figure(page, 'record-count')).toBeGreaterThanOrEqual(50);
});
