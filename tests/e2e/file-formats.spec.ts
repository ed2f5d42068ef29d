import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

test('file gzip named .jsonl is decompressed', async ({ page }) => {
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-11b-gzip-misnamed.jsonl');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(50);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect(page.getByTestId('file-bytes')).toContainText('(gzip)');
});

test('file pretty-printed JSON array', async ({ page }) => {
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-07-json-array.json');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(4);
	// The figures follow the views at most four times a second, so they may lag the status.
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(18.15, 9);
	expect(await figure(page, 'error-count')).toBe(0);
});

test('file torn last line and warnings listed', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles([
		{
			name: 'torn.jsonl',
			mimeType: 'application/x-ndjson',
			buffer: Buffer.concat([
				Buffer.from('\uFEFF{"ts":1714557600000,"v":1}\n\uFEFF{"ts":1714557601000,"v":2}\n'),
				Buffer.from('{"ts":1714557602000,"v":3,"s":"a'),
				Buffer.from([0xff]),
				Buffer.from('"}\n{"ts":1714557602500,"v":4,"s":"b'),
				Buffer.from([0xff]),
				Buffer.from('"}\n{"ts":1714557603000,"v":')
			])
		}
	]);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(4);
	expect(await figure(page, 'error-count')).toBe(1);
	await expect(page.getByTestId('error-item')).toHaveAttribute('data-line', '5');
	await expect(page.getByTestId('error-item')).toContainText('incomplete trailing record');
	const warnings = page.getByTestId('warning-item');
	await expect(warnings).toHaveCount(3);
	await expect(warnings.nth(0)).toContainText('byte order mark');
	await expect(warnings.nth(1)).toContainText('invalid UTF-8');
	await expect(warnings.nth(1)).toHaveAttribute('data-line', '3');
	await expect(warnings.nth(2)).toContainText('invalid UTF-8');
	await expect(warnings.nth(2)).toHaveAttribute('data-line', '4');
});

test('file read can be cancelled', async ({ page }) => {
	await page.goto('/?source=file');
	await expect(page.locator('input[type=file]')).toBeAttached();
	await page.evaluate(() => {
		const line = (i: number) => `{"ts":${1714557600000 + i},"v":${i % 10}}\n`;
		const parts: string[] = [];
		for (let i = 0; i < 3_000_000; i++) parts.push(line(i));
		const data = new DataTransfer();
		data.items.add(new File(parts, 'cancel-me.jsonl'));
		const input = document.querySelector('input[type=file]') as HTMLInputElement;
		input.files = data.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
	});

	await expect(page.getByTestId('file-cancel')).toBeVisible();
	await expect(page.getByTestId('file-time-left')).toBeVisible();
	await page.getByTestId('file-cancel').click();

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	const read = await figure(page, 'file-bytes');
	await page.waitForTimeout(500);
	expect(await figure(page, 'file-bytes')).toBe(read);
	expect(await figure(page, 'record-count')).toBeLessThan(3_000_000);
});

test('field picker shows samples and sets the URL', async ({ page }) => {
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-02-ndjson-crlf.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	await page.getByTestId('field-picker').locator('summary').click();
	const kwh = page.locator('[data-testid=field-row][data-field=kwh]');
	await expect(kwh).toContainText('12.5 · 12.9 · 13.4');
	await expect(kwh.getByLabel('Chart kwh')).toBeChecked();

	await page.getByLabel('Use unit as category').check();
	await expect(page).toHaveURL(/category=unit/);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('categories')).toContainText('kWh');
	await expect(page.getByTestId('field-picker')).toBeVisible();
});

test('file late and duplicate records', async ({ page }) => {
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-27-ts-out-of-order-duplicates.jsonl');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// All 10 lines are accepted records; the buffer keeps 8 of them.
	expect(await figure(page, 'record-count')).toBe(10);
	const note = page.getByTestId('order-counts');
	await expect(note).toHaveAttribute('data-late', '2');
	await expect(note).toHaveAttribute('data-duplicates', '1');
	await expect(note).toHaveAttribute('data-replaced', '1');
	await expect(note).toHaveAttribute('data-buffered', '8');
	await note.screenshot({ path: 'reports/file-order-counts.png' });
});

test('file replaced count groups thousands', async ({ page }) => {
	// 1,002 readings of one instant, half a second past a whole second because ties on whole
	// seconds are all kept. Each reading after the first replaces the one before it.
	const lines = Array.from({ length: 1002 }, (_, i) => JSON.stringify({ ts: 1714557600500, v: i }));
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'one-instant.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const note = page.getByTestId('order-counts');
	await expect(note).toHaveAttribute('data-replaced', '1001');
	await expect(note).toContainText('1,001 records replaced');
	await expect(page.getByText('one-instant.jsonl: 1,002 records, 0 rejected')).toBeVisible();
});

test('file corrected spike leaves max KPI', async ({ page }) => {
	// 20,000 records of v = i mod 10, half a second past each whole second so that a record of
	// equal time replaces the earlier one. Record 10 first arrives as a spike of 100, and the
	// file's last line corrects it to 5, so the correction comes many read chunks later than the
	// spike. Kept: 2,000 cycles of 0..9 with record 10 at 5, so the mean is 90,005 / 20,000.
	const count = 20_000;
	const start = 1714557600500;
	const lines = Array.from({ length: count }, (_, i) => {
		const v = i === 10 ? 100 : i % 10;
		return JSON.stringify({ ts: start + i * 1000, v });
	});
	lines.push(JSON.stringify({ ts: start + 10 * 1000, v: 5 }));

	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'corrected.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('order-counts')).toHaveAttribute('data-replaced', '1');
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(90_005 / 20_000, 9);
	// The correction is a record accepted too, though it replaced the spike in the buffer.
	expect(await figure(page, 'record-count')).toBe(count + 1);
	expect(await figure(page, 'kpi-max')).toBe(9);
	expect(await figure(page, 'kpi-min')).toBe(0);
});

test('file lenient NaN and Infinity', async ({ page }) => {
	await page.goto('/?source=file&lenient=1');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-09-nan-infinity.jsonl');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(7);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(2, 9);
	expect(await figure(page, 'kpi-max')).toBe(2.5);
	await expect(page.getByTestId('warning-item')).toHaveCount(5);
});

test('file CSV with a header row is charted', async ({ page }) => {
	const path = 'tests/fixtures/nab/artificialWithAnomaly/art_daily_jumpsup.csv';
	const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
	const values = rows.map((row) => Number(row.split(',')[1]));
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(path);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(rows.length);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect.poll(() => figure(page, 'kpi-max')).toBe(Math.max(...values));
	await expect(
		page.getByText(`art_daily_jumpsup.csv: ${rows.length.toLocaleString('en-US')} records`)
	).toBeVisible();
	await page.screenshot({ path: 'reports/screenshots/file-csv.png' });
});

test('file CSV separated by semicolons is charted', async ({ page }) => {
	// Built here: a spreadsheet export with semicolons, one field quoted with a semicolon inside.
	const text = 'time;room;temp\n2024-05-01T10:00:00Z;"A; 1";20.5\n2024-05-01T10:01:00Z;B;22.5\n';
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'rooms.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(2);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(21.5);
	await expect(page.getByText('CSV fields are separated by semicolons')).toBeVisible();
});

test('file CSV with decimal commas is charted', async ({ page }) => {
	// A spreadsheet export where the comma is the decimal separator, so fields take semicolons.
	const text =
		'time;temp\n2024-01-01T00:00:00Z;12,5\n2024-01-01T00:01:00Z;-0,5\n' +
		'2024-01-01T00:02:00Z;3\n';
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'decimal-commas.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(3);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(5);
	expect(await figure(page, 'kpi-min')).toBe(-0.5);
	expect(await figure(page, 'kpi-max')).toBe(12.5);
	await expect(page.getByTestId('value-gaps')).toHaveCount(0);
	const warnings = page.getByTestId('warning-item');
	await expect(warnings).toHaveCount(2);
	await expect(warnings.nth(1)).toHaveAttribute('data-line', '2');
	await expect(warnings.nth(1)).toContainText(
		'read 12,5 as 12.5, and every number with one decimal comma alike, because the CSV ' +
			'fields are separated by semicolons'
	);
});

test('file with epoch clocks charts v alone', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/epoch-units.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('record-count')).toHaveAttribute('data-value', '10');

	const entries = page.getByTestId('series-entry');
	await expect(entries).toHaveCount(1);
	await expect(entries).toHaveAttribute('data-name', 'v');

	// The other clocks stay in the picker, unchecked, for a user who wants them charted.
	await page.getByTestId('field-picker').locator('summary').click();
	for (const clock of ['t_ms', 't_us']) {
		const row = page.locator(`[data-testid=field-row][data-field=${clock}]`);
		await expect(row.getByLabel(`Chart ${clock}`)).not.toBeChecked();
	}
	await expect(page.getByLabel('Chart v')).toBeChecked();
});
