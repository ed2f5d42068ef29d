import { expect, test, type Page } from './support/test';
import { figure } from './support/history-db';

/** Opens `text` with the file picker as a JSON Lines file and waits until it is read. */
async function readFile(page: Page, text: string): Promise<void> {
	await page.locator('input[type=file]').setInputFiles({
		name: 'records.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(text)
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
}

async function openFields(page: Page): Promise<void> {
	const picker = page.getByTestId('field-picker');
	if ((await picker.getAttribute('open')) === null) await picker.locator('summary').click();
	await expect(page.getByTestId('reading-options')).toBeVisible();
}

// The second line contains NaN, which JSON does not allow.
const nanLines =
	'{"ts":"2024-01-01T00:00:00Z","v":1}\n' +
	'{"ts":"2024-01-01T00:00:01Z","v":NaN}\n' +
	'{"ts":"2024-01-01T00:00:02Z","v":3}\n';

// A switch, charted through value=on.
const switchLines = [true, false, true, true]
	.map((on, i) => JSON.stringify({ timestamp: `2024-01-20T10:00:0${i}Z`, on }))
	.join('\n');

// Two readings of one instant, half a second past a whole second, because ties on a clock that
// counts whole seconds are kept under either policy.
const tiedLines =
	'{"ts":1714557600500,"v":1}\n{"ts":1714557600500,"v":3}\n{"ts":1714557601500,"v":5}\n';

test('lenient control reads a NaN line and is kept', async ({ page }) => {
	await page.goto('/?source=file');
	await readFile(page, nanLines);
	expect(await figure(page, 'record-count')).toBe(2);
	expect(await figure(page, 'error-count')).toBe(1);
	await expect(page.getByTestId('error-item')).toContainText('NaN is not a JSON number');

	await openFields(page);
	const lenient = page.getByTestId('lenient');
	await expect(lenient).not.toBeChecked();
	await lenient.check();

	await expect(page).toHaveURL(/lenient=1/);
	await expect.poll(() => figure(page, 'record-count')).toBe(3);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'error-count')).toBe(0);
	await expect(page.getByTestId('warning-item')).toContainText('read NaN as a gap');
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(2);

	// The file is not kept across a reload, so it is dropped again: the choice applies at once.
	await page.reload();
	await readFile(page, nanLines);
	expect(await figure(page, 'record-count')).toBe(3);
	expect(await figure(page, 'error-count')).toBe(0);
	await openFields(page);
	await expect(page.getByTestId('lenient')).toBeChecked();

	// Unticked, the NaN line is rejected again and the parameter leaves the address.
	await page.getByTestId('lenient').uncheck();
	await expect.poll(() => figure(page, 'error-count')).toBe(1);
	await expect(page).not.toHaveURL(/lenient=/);
});

test('lenient control shows when every line is rejected', async ({ page }) => {
	await page.goto('/?source=file');
	await readFile(page, '{"t":1714557600000,"v":NaN}\n{"t":1714557601000,"v":NaN}\n');
	expect(await figure(page, 'record-count')).toBe(0);
	expect(await figure(page, 'error-count')).toBe(2);
	await expect(page.getByTestId('field-picker')).toHaveCount(0);

	await page.getByTestId('lenient').check();
	await expect.poll(() => figure(page, 'record-count')).toBe(2);
	expect(await figure(page, 'error-count')).toBe(0);
	await expect(page.getByTestId('field-picker')).toBeVisible();
	// The panel opens, so the box just ticked stays in view.
	await expect(page.getByTestId('lenient')).toBeVisible();
	await expect(page.getByTestId('lenient')).toBeChecked();
});

test('booleans control charts true and false', async ({ page }) => {
	await page.goto('/?source=file&value=on');
	await readFile(page, switchLines);
	await expect(page.getByTestId('value-gaps')).toContainText('3 true');
	await expect(page.getByTestId('kpi-mean')).toHaveText('–');

	await openFields(page);
	await page.getByTestId('booleans').check();

	await expect(page).toHaveURL(/booleans=1/);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(0.75);
	expect(await figure(page, 'record-count')).toBe(4);
	expect(await figure(page, 'kpi-min')).toBe(0);
	expect(await figure(page, 'kpi-max')).toBe(1);
	await expect(page.getByTestId('value-gaps')).toHaveCount(0);

	await page.reload();
	await readFile(page, switchLines);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(0.75);
	await openFields(page);
	await expect(page.getByTestId('booleans')).toBeChecked();
});

test('equal times control keeps both records', async ({ page }) => {
	await page.goto('/?source=file');
	await readFile(page, tiedLines);
	// By default the second reading of the instant replaces the first: 3 and 5 are buffered.
	await expect(page.getByTestId('order-counts')).toHaveAttribute('data-replaced', '1');
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(4);
	expect(await figure(page, 'kpi-min')).toBe(3);

	await openFields(page);
	const duplicates = page.getByTestId('duplicates');
	await expect(duplicates).toHaveValue('last');
	await duplicates.selectOption({ label: 'keep every record' });

	await expect(page).toHaveURL(/duplicates=all/);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(3);
	expect(await figure(page, 'kpi-min')).toBe(1);
	expect(await figure(page, 'record-count')).toBe(3);
	await expect(page.getByTestId('order-counts')).toHaveCount(0);

	// A visit without parameters, as an installed app starts, restores the saved choice.
	await page.goto('/');
	await readFile(page, tiedLines);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(3);
	await openFields(page);
	await expect(page.getByTestId('duplicates')).toHaveValue('all');
});

test('copy link carries the reading options', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/?source=file');
	await readFile(page, nanLines);
	await openFields(page);
	await page.getByTestId('lenient').check();
	await expect(page).toHaveURL(/lenient=1/);
	await page.getByTestId('booleans').check();
	await expect(page).toHaveURL(/booleans=1/);
	await page.getByTestId('duplicates').selectOption('all');
	await expect(page).toHaveURL(/duplicates=all/);

	await page.getByTestId('copy-link').click();
	await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
	const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
	expect(link.searchParams.get('lenient')).toBe('1');
	expect(link.searchParams.get('booleans')).toBe('1');
	expect(link.searchParams.get('duplicates')).toBe('all');
	expect(link.searchParams.get('source')).toBe('file');
});

test('invalid reading option keeps its message', async ({ page }) => {
	await page.goto('/?source=file&duplicates=first&lenient=yes');
	const problems = page.getByTestId('param-problem');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toContainText(
		'invalid lenient "yes": expected 1 to read NaN and Infinity, or 0'
	);
	await expect(problems.nth(1)).toContainText('invalid duplicates "first": expected last or all');

	// Both keep their defaults: the NaN line is rejected and the controls show so.
	await readFile(page, nanLines);
	expect(await figure(page, 'error-count')).toBe(1);
	await openFields(page);
	await expect(page.getByTestId('lenient')).not.toBeChecked();
	await expect(page.getByTestId('duplicates')).toHaveValue('last');
});

test('reading options fit desktop and phone', async ({ page }) => {
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/?source=file&value=on');
		await readFile(page, switchLines);
		await openFields(page);
		const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(scrollWidth, `scroll width at ${width} px`).toBe(width);
		await page
			.getByTestId('field-picker')
			.screenshot({ path: `reports/screenshots/reading-options-${width}.png` });

		// Every line rejected: the options stand alone, without the Fields panel.
		await page.goto('/?source=file');
		await readFile(page, '{"t":1714557600000,"v":NaN}\n');
		await expect(page.getByTestId('reading-options')).toBeVisible();
		const rejectedWidth = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(rejectedWidth, `scroll width at ${width} px, every line rejected`).toBe(width);
		await page.screenshot({ path: `reports/screenshots/reading-options-rejected-${width}.png` });
	}
});
