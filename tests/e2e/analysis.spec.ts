import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';
import { AnalysisSuite } from '../../src/lib/analysis/analysis-suite';
import { slopeFigures } from '../../src/lib/analysis/slope-unit';
import { formatFigure } from '../../src/lib/analysis/suite-report';

const nabFile = 'tests/fixtures/nab/speed_7578.jsonl';
const folder = process.env.SCREENSHOTS ? 'docs/screenshots' : 'reports/screenshots';

/** The same analyses run in Node, with the modules the unit tests check against numpy. */
function expectedResult() {
	const suite = new AnalysisSuite();
	suite.load(readFileSync(nabFile, 'utf8'), 'speed_7578.jsonl');
	return suite.run();
}

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

async function runOnNabFile(page: Page): Promise<void> {
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles(nabFile);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
}

test.use({ viewport: { width: 1400, height: 900 } });

test('analysis page shows unit-tested figures', async ({ page }) => {
	const expected = expectedResult();
	await runOnNabFile(page);

	expect(await figure(page, 'suite-count')).toBe(1127);
	expect(await figure(page, 'suite-mean')).toBe(expected.summary.mean);
	expect(await figure(page, 'suite-mean')).toBeCloseTo(64.048802, 6);
	expect(await figure(page, 'suite-std')).toBe(expected.summary.std);
	expect(await figure(page, 'suite-min')).toBe(1);
	expect(await figure(page, 'suite-max')).toBe(90);
	expect(await figure(page, 'suite-median')).toBe(expected.summary.median);
	// The series spans nine days, so its slope is given per day.
	expect(await figure(page, 'trend-slope')).toBe(expected.trend.slopePerDay);
	await expect(page.getByText('Slope per day')).toBeVisible();
	expect(await figure(page, 'season-period')).toBe(expected.seasonality.period);
	expect(await figure(page, 'season-strength')).toBe(expected.seasonality.strength);
	expect(await figure(page, 'cluster-count')).toBe(expected.clusters.clusterCount);
	expect(await figure(page, 'cluster-noise')).toBe(expected.clusters.noise.length);
	for (const detection of expected.detections) {
		expect(await figure(page, `detector-count-${detection.detector}`)).toBe(detection.count);
	}
	expect(expected.detections.map((d) => d.detector)).toContain('ensemble');
	for (const testid of ['timing-iforest', 'timing-kdistance', 'timing-dbscan']) {
		expect(await figure(page, testid), testid).toBeGreaterThanOrEqual(0);
	}
	await expect(page.getByTestId('chart-series').locator('svg path').first()).toBeVisible();
	await page.screenshot({ path: `${folder}/analysis-nab.png`, fullPage: true });
});

test('analysis KPI values show whole', async ({ page }) => {
	await runOnNabFile(page);

	// Each card of a row is as wide as its label or value, so no value may be cut or hidden.
	const values = page.locator('.kpis [data-value]');
	expect(await values.count()).toBeGreaterThanOrEqual(16);
	for (const value of await values.all()) {
		const testid = await value.getAttribute('data-testid');
		const size = await value.evaluate((element) => ({
			width: element.clientWidth,
			content: element.scrollWidth
		}));
		expect(size.width, `${testid} width`).toBeGreaterThan(0);
		expect(size.content, `${testid} cut off`).toBeLessThanOrEqual(size.width);
	}
});

test('analysis chart labels follow the dark theme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await runOnNabFile(page);
	// An axis label without a colour of its own is drawn in the page's text colour, not black.
	const axisLabel = page.getByTestId('chart-series').locator('svg text:not([fill])').first();
	const fill = await axisLabel.evaluate((node) => getComputedStyle(node).fill);
	const text = await page.evaluate(() => getComputedStyle(document.body).color);
	expect(fill).toBe(text);
	expect(fill).not.toBe('rgb(0, 0, 0)');
	// A legend entry keeps its series colour.
	const legend = page.getByTestId('chart-series').locator('svg text[fill="#2f7ed8"]');
	expect(await legend.evaluate((node) => getComputedStyle(node).fill)).toBe('rgb(47, 126, 216)');
});

test('analysis report downloads with figures', async ({ page }) => {
	const expected = expectedResult();
	await runOnNabFile(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('download-report').click()
	]);
	expect(download.suggestedFilename()).toBe('speed_7578-report.html');
	const html = readFileSync(await download.path(), 'utf8');
	expect(html).toContain('Streamlens report: speed_7578.jsonl');
	expect(html).toContain(`<td>mean</td><td>${formatFigure(expected.summary.mean)}</td>`);
	expect(html).toContain(
		`<td>slope per day</td><td>${formatFigure(expected.trend.slopePerDay)}</td>`
	);
	expect(html).toContain(`<td>period (records)</td><td>${expected.seasonality.period}</td>`);
	expect(html).toContain(`<td>clusters</td><td>${expected.clusters.clusterCount}</td>`);
	// Five charts, each with a nested svg that clips its plot area, except the scatter plot.
	expect(html.match(/<svg xmlns=/g)?.length).toBe(5);
	expect(html.match(/<svg x=/g)?.length).toBe(4);
	// The report is read on a wide screen: its series chart keeps the wide viewBox.
	expect(html).toContain('viewBox="0 0 900 260"');
	expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
});

test('analysis charts keep 11 px text at 390 px', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await runOnNabFile(page);

	// Each chart's text size on screen: its 11 px font scaled by shown width over viewBox width.
	const textSizes = () =>
		page
			.locator('.chart > svg')
			.evaluateAll((charts) =>
				(charts as SVGSVGElement[]).map(
					(chart) => (11 * chart.getBoundingClientRect().width) / chart.viewBox.baseVal.width
				)
			);
	await expect.poll(async () => Math.min(...(await textSizes()))).toBeGreaterThanOrEqual(10);
	const sizes = await textSizes();
	expect(sizes).toHaveLength(5);
	for (const size of sizes) expect(size).toBeLessThanOrEqual(12);
	const series = page.getByTestId('chart-series');
	await expect(series.locator('svg text', { hasText: 'ensemble anomalies' })).toBeVisible();
	await series.screenshot({ path: `${folder}/analysis-series-390.png` });
});

test('analysis page rejects a file without values', async ({ page }) => {
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles({
		name: 'words.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from('{"a":"x"}\n{"a":"y"}\n')
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('suite-status')).toContainText('no numeric value field found');
});

test('analysis link in header nav', async ({ page }) => {
	await page.goto('/');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Analysis' })
		.click();
	await expect(page).toHaveURL(/\/analysis\/$/);
	await expect(page.getByRole('heading', { name: 'Analysis' })).toBeVisible();
});

test('analysis page reads NaN and Infinity with lenient=1', async ({ page }) => {
	const file = 'tests/fixtures/cases/case-09-nan-infinity.jsonl';
	await page.goto('/analysis/?lenient=1');
	await expect(page.getByTestId('lenient')).toBeChecked();
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('suite-status')).toContainText(
		'7 records read from case-09-nan-infinity.jsonl, 0 lines rejected, 5 with a warning'
	);
	await expect(page.getByTestId('warning-item')).toHaveCount(5);
	await expect(page.getByTestId('warning-item').first()).toContainText('read NaN as a gap');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'suite-count')).toBe(7);
	// The infinities are kept but left out of every figure: the mean is that of 1.5 and 2.5.
	expect(await figure(page, 'suite-mean')).toBe(2);
	expect(await figure(page, 'suite-max')).toBe(2.5);
	// Two values are too few for a trend line with an interval: the page explains it in words.
	await expect(page.getByTestId('trend-issue')).toHaveText('too few values for this figure');
	await expect(page.getByText('ensemble: no anomalies')).toBeVisible();

	// Unticking the box reads the same file again, strictly.
	await page.getByTestId('lenient').uncheck();
	await expect(page.getByTestId('suite-status')).toContainText(
		'2 records read from case-09-nan-infinity.jsonl, 5 lines rejected.'
	);
});

test('analysis page reports an invalid lenient', async ({ page }) => {
	await page.goto('/analysis/?lenient=yes');

	await expect(page.getByTestId('param-problem')).toHaveText(
		'invalid lenient "yes": expected 1 to read NaN and Infinity, or 0'
	);
	await expect(page.getByTestId('lenient')).not.toBeChecked();
});

test('analysis page reads epoch unit and booleans', async ({ page }) => {
	const file = 'tests/fixtures/epoch-near-1e11.jsonl';
	const text = readFileSync(file, 'utf8');
	const suite = new AnalysisSuite();
	suite.load(text, 'epoch-near-1e11.jsonl', {
		value: 'on',
		timeUnit: 'ms',
		booleansAsNumbers: true
	});
	const expected = suite.run();
	suite.load(text, 'epoch-near-1e11.jsonl', { value: 'on', booleansAsNumbers: true });
	const bySize = suite.run();
	// Read by size, the first three times lie in the year 5138, which changes the trend.
	expect(bySize.trend.slopePerDay).not.toBe(expected.trend.slopePerDay);

	await page.goto('/analysis/?time-unit=ms&booleans=1&value=on');
	await expect(page.getByTestId('time-unit')).toHaveValue('ms');
	await expect(page.getByTestId('booleans')).toBeChecked();
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('suite-status')).toHaveText(
		'6 records read from epoch-near-1e11.jsonl, 0 lines rejected.'
	);
	await expect(page.getByTestId('error-list')).toHaveCount(0);
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	// true and false read as 1 and 0, three of each.
	expect(await figure(page, 'suite-mean')).toBe(0.5);
	expect(await figure(page, 'suite-max')).toBe(1);
	// Five seconds of records: the slope is per second, a day's slope divided by 86,400.
	await expect(page.getByText('Slope per second')).toBeVisible();
	expect(await figure(page, 'trend-slope')).toBe(
		slopeFigures(expected.trend, expected.time, expected.timed).slope
	);
	expect(await figure(page, 'trend-slope')).toBeCloseTo(expected.trend.slopePerDay / 86_400, 9);

	// Back to the size rule: the warning names this page's control, not the dashboard's.
	await page.getByTestId('time-unit').selectOption('');
	await expect(page.getByTestId('suite-status')).toHaveText(
		'6 records read from epoch-near-1e11.jsonl, 0 lines rejected, 3 with a warning.'
	);
	const warnings = page.getByTestId('warning-item');
	await expect(warnings).toHaveCount(3);
	// The three times of 5138 come first in the file, so the three of 1973 are sorted in.
	await expect(warnings.nth(2)).toContainText(
		'sorted 3 late records into time order, because each was older than a record before it'
	);
	await expect(warnings.first()).toHaveAttribute('data-line', '1');
	await expect(warnings.first()).toContainText('read as epoch seconds: 5138-11-16');
	const warning = warnings.nth(1);
	await expect(warning).toHaveAttribute('data-line', '4');
	await expect(warning).toContainText('time field "time" mixes epoch units');
	await expect(warning).toContainText(
		'set the unit with Epoch unit next to Time field, or with time-unit=s, ms, us or ns in ' +
			"the analysis page's address"
	);
	await expect(warning).not.toContainText('under Fields');
	const list = page.getByTestId('error-list');
	await expect(list.getByText('None.', { exact: true })).toBeVisible();
	await page.screenshot({ path: `${folder}/analysis-reading-options.png`, fullPage: false });

	// Unticking the box makes the flags gaps, and a field with no number is an error.
	await page.getByTestId('booleans').uncheck();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('suite-status')).toContainText('no number in field "on"');
});

test('analysis page reports invalid reading options', async ({ page }) => {
	await page.goto('/analysis/?time-unit=hours&booleans=yes');

	const problems = page.getByTestId('param-problem');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toHaveText(
		'invalid time-unit "hours": expected s, ms, us or ns for epoch seconds, milliseconds, ' +
			'microseconds or nanoseconds, or none to tell each value by its size'
	);
	await expect(problems.nth(1)).toHaveText(
		'invalid booleans "yes": expected 1 to read true and false as 1 and 0 in value fields, ' +
			'or 0 to count them as gaps'
	);
	await expect(page.getByTestId('time-unit')).toHaveValue('');
	await expect(page.getByTestId('booleans')).not.toBeChecked();
});

test('analysis page reads chosen field', async ({ page }) => {
	const records = Array.from({ length: 40 }, (_, i) =>
		JSON.stringify({
			time: new Date(Date.UTC(2024, 4, 1, 0, i)).toISOString(),
			cpu: i % 2 === 0 ? 1 : 3,
			mem: { used: 100 + i }
		})
	);
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles({
		name: 'hosts.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(records.join('\n'))
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('file-value')).toHaveValue('cpu');
	await expect(page.getByTestId('file-time')).toHaveValue('time');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'suite-mean')).toBe(2);

	await page.getByTestId('file-value').selectOption('mem.used');
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	// The mean of 100 to 139.
	expect(await figure(page, 'suite-mean')).toBe(119.5);
	expect(await figure(page, 'suite-max')).toBe(139);
	await page.screenshot({ path: `${folder}/analysis-value-field.png`, fullPage: false });
});

test('analysis page names empty field', async ({ page }) => {
	await page.goto('/analysis/?value=nope');
	await page.locator('input[type=file]').setInputFiles({
		name: 'one.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from('{"a":1}\n{"a":2}\n')
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'error');
	await expect(page.getByTestId('suite-status')).toHaveText(
		'Could not read one.jsonl: field "nope" not found in one.jsonl: choose another value field'
	);
	// The field stays editable, and a field that exists reads the file again.
	await page.getByTestId('file-value').fill('a');
	await page.getByTestId('file-value').dispatchEvent('change');
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('suite-status')).toContainText('2 records read from one.jsonl');
});

test('analysis runs on the first press after a field edit', async ({ page }) => {
	// Editing a field and pressing Run at once reads the file again as the press takes the focus
	// from the field. Run used to be disabled by that read before its click landed.
	await page.goto('/analysis/');
	await page
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/cases/case-27-ts-out-of-order-duplicates.jsonl');
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('file-time')).toHaveValue('ts');
	await page.getByTestId('file-time').fill('');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('file-time')).toHaveValue('ts');
});

test('analysis runs on the first press as warnings go', async ({ page }) => {
	// The file's time field mixes epoch units, so the file is listed with warnings. Choosing
	// another time field and pressing Run at once reads the file again, which removes the list
	// while the press goes on. That list must not move Run from under the pointer.
	await page.goto('/analysis/?value=v');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/epoch-near-1e11.jsonl');
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await expect(page.getByTestId('warning-item').first()).toBeVisible();
	await page.getByTestId('file-time').fill('v');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('warning-item')).toHaveCount(0);
});

test('analysis anomaly summary for one', async ({ page }) => {
	// A slow sine with one spike, which the ensemble flags alone.
	const lines = Array.from({ length: 400 }, (_, i) =>
		JSON.stringify({
			timestamp: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
			value: i === 300 ? 100 : 10 + Math.sin(i / 5)
		})
	);
	await page.goto('/analysis/');
	await page.locator('input[type=file]').setInputFiles({
		name: 'one-spike.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n'))
	});
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'ready');
	await page.getByTestId('run-analyses').click();
	await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');

	expect(await figure(page, 'detector-count-ensemble')).toBe(1);
	await expect(page.getByTestId('anomaly-summary')).toHaveText('ensemble: 1 anomaly');
	await page.getByRole('button', { name: 'iforest' }).click();
	await expect(page.getByTestId('anomaly-summary')).toHaveText('iforest: 2 anomalies');
});
