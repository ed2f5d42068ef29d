import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

const nabFile = 'tests/fixtures/nab/speed_7578.jsonl';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

test('file picker reads the NAB series exactly', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(nabFile);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(1127);
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(64.048802, 6);
	expect(await figure(page, 'kpi-min')).toBe(1);
	expect(await figure(page, 'kpi-max')).toBe(90);
	expect(await figure(page, 'error-count')).toBe(0);
});

test('file dropped on the page is read', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	const text = readFileSync(nabFile, 'utf8');
	const transfer = await page.evaluateHandle((content) => {
		const data = new DataTransfer();
		data.items.add(new File([content], 'speed_7578.jsonl', { type: 'application/x-ndjson' }));
		return data;
	}, text);
	await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(1127);
	await expect.poll(() => figure(page, 'kpi-mean')).toBeCloseTo(64.048802, 6);
});

test('file array comma faults are listed', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// A missing comma on line 2, a double comma on line 3, and an array element on line 4.
	const content = [
		'[{"timestamp":"2024-01-20T10:30:00","value":10}',
		' {"timestamp":"2024-01-20T10:30:01","value":20},',
		',{"timestamp":"2024-01-20T10:30:02","value":30},',
		'[{"timestamp":"2024-01-20T10:30:03","value":40}]]',
		''
	].join('\n');
	const transfer = await page.evaluateHandle((text) => {
		const data = new DataTransfer();
		data.items.add(new File([text], 'commas.json', { type: 'application/json' }));
		return data;
	}, content);
	await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(3);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(20);
	expect(await figure(page, 'error-count')).toBe(1);

	const panel = page.getByTestId('error-list');
	const rejected = panel.getByTestId('error-item');
	await expect(rejected).toHaveCount(1);
	await expect(rejected).toHaveAttribute('data-line', '4');
	await expect(rejected).toContainText('expected a JSON object, got array');
	const warnings = panel.getByTestId('warning-item');
	await expect(warnings).toHaveCount(2);
	await expect(warnings.nth(0)).toHaveAttribute('data-line', '2');
	await expect(warnings.nth(0)).toContainText('missing comma between array elements 1 and 2');
	await expect(warnings.nth(1)).toHaveAttribute('data-line', '3');
	await expect(warnings.nth(1)).toContainText('extra comma after array element 2');
});

test('file with bad lines keeps the good ones', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/bad-lines.jsonl');

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(5);
	// For so small a file, the view that brings `done` can be built before the page knew the
	// series. The figures then follow on the next view.
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(30);
	expect(await figure(page, 'error-count')).toBe(3);

	const items = page.getByTestId('error-item');
	await expect(items).toHaveCount(3);
	const lines = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-line')));
	expect(lines).toEqual(['3', '4', '7']);
	await expect(items.nth(1)).toContainText('invalid JSON');
});

test('large file shows progress and stays responsive', async ({ page }) => {
	await page.goto('/?source=file');
	await expect(page.locator('input[type=file]')).toBeAttached();

	// About 50 MB of seed-format lines, built in the page so nothing large is committed.
	const started = await page.evaluate(() => {
		const line = (i: number) =>
			JSON.stringify({
				timestamp: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
				value: i % 100,
				category: 'ABCD'[i % 4],
				status: 'normal',
				metadata: { source: 'sensor_1', location: 'building_a' }
			}) + '\n';
		const parts: string[] = [];
		for (let i = 0; i < 400_000; i++) parts.push(line(i));
		const file = new File(parts, 'big.jsonl');
		const input = document.querySelector('input[type=file]') as HTMLInputElement;
		const data = new DataTransfer();
		data.items.add(file);
		input.files = data.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
		return file.size;
	});
	expect(started).toBeGreaterThan(45_000_000);

	const progress = page.getByTestId('file-progress');
	await expect(progress).toBeVisible();
	// The page keeps drawing while the worker reads: the bar moves and a control still responds.
	const early = Number(await progress.getAttribute('value'));
	await page.getByTestId('window-select').selectOption({ label: 'Last 1 min' });
	await expect(page.getByTestId('window-select')).toHaveValue('t60000');
	await expect
		.poll(async () => {
			const moved = Number(await progress.getAttribute('value')) > early;
			const status = await page.getByTestId('source-status').getAttribute('data-value');
			return moved || status === 'done';
		})
		.toBe(true);

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done', {
		timeout: 60_000
	});
	expect(await figure(page, 'record-count')).toBe(400_000);
	expect(await figure(page, 'kpi-mean')).toBeCloseTo(49.5, 9);
});

test('category panel waits for records before saying there is no category', async ({ page }) => {
	await page.goto('/?source=file');
	const panel = page.getByTestId('categories');
	await expect(panel).toHaveText('No records yet.');
	// NAB series carry a category field; this file of one time and one value field does not.
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/epoch-near-1e11.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(panel).toHaveText('No category field in this stream.');
});

test('long category names stay inside the panel', async ({ page }) => {
	await page.goto('/?source=file');
	// Entity ids such as binary_sensor.back_door, longer than the label column.
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-30-val-null-missing-bool.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	const names = page.getByTestId('categories').locator('text.name');
	await expect(names).toHaveCount(3);
	const lefts = await names.evaluateAll((nodes) =>
		nodes.map((node) => (node as SVGTextElement).getBBox().x)
	);
	for (const left of lefts) expect(left).toBeGreaterThanOrEqual(0);
	await expect(names.nth(1)).toContainText('binary_senso…');
});

test('file time field chosen is no value', async ({ page }) => {
	await page.goto('/?source=file&time=t_ms_1973');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-25-ts-epoch-units.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// The millisecond time of 1973 is the time, so only v is charted, not the time beside it.
	await expect(page.getByText('time: t_ms_1973 · values: v · ')).toBeVisible();
});

test('file gaps counted by kind', async ({ page }) => {
	await page.goto('/?source=file&value=state');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-30-val-null-missing-bool.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	// Of the ten records only the first has a number in `state`; none of the others counts as 0.
	expect(await figure(page, 'record-count')).toBe(10);
	await expect.poll(() => figure(page, 'kpi-mean')).toBe(21.4);
	expect(await figure(page, 'kpi-min')).toBe(21.4);
	const note = page.locator('[data-testid="value-gaps"][data-field="state"]');
	await expect(note).toHaveText(
		'Gaps in state (breaks in the line, never 0): 3 missing, 1 "unavailable", 1 "unknown", 1 null, ' +
			'1 "on", 1 "off", 1 true.'
	);
	await note.screenshot({ path: 'reports/file-value-gaps.png' });
});

test('file burst from a whole second keeps one record a millisecond', async ({ page }) => {
	// 20 records a millisecond for a second, the first 20 on a whole second, all of sensor SIM.
	await page.goto('/?source=file');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-24-ws-high-rate.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

	const note = page.getByTestId('order-counts');
	await expect(note).toHaveAttribute('data-buffered', '1000');
	await expect(note).toHaveAttribute('data-replaced', '18985');
	await expect(note).toHaveAttribute('data-duplicates', '15');
	await expect(note).toContainText('the buffer holds 1,000 records.');
});

/** Builds a JSONL file of `count` records a second apart, with values 0 to count − 1. */
function recordsFile(name: string, count: number) {
	const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ ts: i * 1000, v: i }));
	return { name, mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') };
}

test('file of five records offers Analyse', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(recordsFile('five.jsonl', 5));

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(5);
	await expect(page.getByTestId('analyse-live')).toBeVisible();

	const opened = page.waitForEvent('popup');
	await page.getByTestId('analyse-live').click();
	const analysis = await opened;
	await expect(analysis).toHaveURL(/\/analysis\/\?session=/);
	await analysis.goto('/history/');
	await expect(analysis.getByTestId('session')).toHaveAttribute('data-value', '5');
});

test('file read to its end keeps its average rate', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(recordsFile('rate.jsonl', 20_000));
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	// The arrival-rate estimate counts the last 2 s, so after this wait it would read 0.
	await page.waitForTimeout(2500);

	const line = await page.getByTestId('file-progress-panel').innerText();
	const digits = /([\d,]+) records\/s/.exec(line)?.[1] ?? 'none';
	const progressRate = Number(digits.replace(/,/g, ''));
	expect(progressRate, line).toBeGreaterThan(0);
	await expect.poll(async () => Math.round(await figure(page, 'kpi-rate'))).toBe(progressRate);
});

test('finished file disables Pause and Stop', async ({ page }) => {
	await page.goto('/?source=file');
	await expect(page.getByTestId('pause')).toBeDisabled();
	await expect(page.getByTestId('stop')).toBeDisabled();

	await page.locator('input[type=file]').setInputFiles(recordsFile('first.jsonl', 5));
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('pause')).toBeDisabled();
	await expect(page.getByTestId('stop')).toBeDisabled();
	// Space pauses only what Pause would.
	await page.locator('body').press(' ');
	await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'false');

	// Another file is read as the first was.
	await page.locator('input[type=file]').setInputFiles(recordsFile('second.jsonl', 7));
	await expect.poll(() => figure(page, 'record-count')).toBe(7);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('stop')).toBeDisabled();

	// The simulator started afterwards gets its controls back.
	await page.getByText('Simulated', { exact: true }).click();
	await page.getByTestId('start').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('pause')).toBeEnabled();
	await expect(page.getByTestId('stop')).toBeEnabled();
});

test('failed file disables Pause and Stop', async ({ page }) => {
	await page.goto('/?source=file');
	// A gzip header followed by bytes that are no deflate stream fails while decompressing.
	const broken = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff, 0xde, 0xad, 0xbe, 0xef]);
	await page.locator('input[type=file]').setInputFiles({
		name: 'broken.jsonl.gz',
		mimeType: 'application/gzip',
		buffer: broken
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('pause')).toBeDisabled();
	await expect(page.getByTestId('stop')).toBeDisabled();
});

test('category names capped with warning', async ({ page }) => {
	// Ids as the category: 10,000 names are kept, and the 2,000 after them count as none.
	const lines = Array.from({ length: 12_000 }, (_, i) =>
		JSON.stringify({ timestamp: 1_714_557_600_000 + i * 1000, value: i % 7, category: `id-${i}` })
	);
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles({
		name: 'ids.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(12_000);
	expect(await figure(page, 'error-count')).toBe(0);
	const warning = page.getByTestId('warning-item');
	await expect(warning).toHaveCount(1);
	await expect(warning).toHaveAttribute('data-line', '10001');
	await expect(warning).toContainText(
		'category field "category" has more than 10,000 distinct values'
	);
	await expect(warning).toContainText('"id-10000" here');

	// Shares are of the 10,000 records with a kept category, not of the 20 bars.
	const panel = page.getByTestId('categories');
	await expect(panel.locator('text.count')).toHaveCount(20);
	await expect(panel.locator('text.count').first()).toHaveText('0.010%');
	await expect(panel.getByTestId('categories-rest')).toHaveAttribute('data-value', '9980');
	await expect(panel.getByTestId('categories-rest')).toHaveText(
		'and 9,980 more categories with 99.8% of the records with a category'
	);
});

test('full buffer says how many records left it', async ({ page }) => {
	await page.goto('/?source=file&capacity=1000');
	await page.locator('input[type=file]').setInputFiles(recordsFile('long.jsonl', 2_500));

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(2_500);
	const note = page.getByTestId('buffer-dropped');
	await expect(note).toHaveAttribute('data-value', '1500');
	await expect(note).toContainText('The buffer keeps the newest 1,000 records: 1,500 older ones');
});

test('buffer note absent while records fit', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(recordsFile('short.jsonl', 2_500));

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(2_500);
	await expect(page.getByTestId('buffer-dropped')).toHaveCount(0);
});
