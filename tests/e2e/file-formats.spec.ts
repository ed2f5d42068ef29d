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
				Buffer.from('"}\n{"ts":1714557603000,"v":')
			])
		}
	]);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(3);
	expect(await figure(page, 'error-count')).toBe(1);
	await expect(page.getByTestId('error-item')).toHaveAttribute('data-line', '4');
	await expect(page.getByTestId('error-item')).toContainText('incomplete trailing record');
	const warnings = page.getByTestId('warning-item');
	await expect(warnings).toHaveCount(2);
	await expect(warnings.nth(0)).toContainText('byte order mark');
	await expect(warnings.nth(1)).toContainText('invalid UTF-8');
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
	expect(await figure(page, 'record-count')).toBe(8);
	const note = page.getByTestId('order-counts');
	await expect(note).toHaveAttribute('data-late', '2');
	await expect(note).toHaveAttribute('data-duplicates', '1');
	await expect(note).toHaveAttribute('data-replaced', '1');
	await note.screenshot({ path: 'reports/file-order-counts.png' });
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
