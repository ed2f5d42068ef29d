import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dumpHistory } from './support/history-db';
import { expect, test, type Page } from './support/test';

const githubEvents = 'tests/fixtures/cases/streams/github-events.jsonl';
const wikimedia = 'tests/fixtures/cases/streams/wikimedia-recentchange.jsonl';

interface CountedRecord {
	line: string;
	time: number;
	count: number;
}

/**
 * Per record of a file, in file order, its line (the value of `split`, or '' without one), its
 * time and the records of its line in the window `(time - windowMs, time]` up to it.
 */
function countRecords(
	path: string,
	readTime: (record: Record<string, unknown>) => number,
	windowMs: number,
	split: string | null
): CountedRecord[] {
	const records = readFileSync(path, 'utf8')
		.split('\n')
		.filter((text) => text.trim() !== '')
		.map((text) => JSON.parse(text) as Record<string, unknown>);
	const counted = records.map((record) => ({
		line: split === null ? '' : String(record[split]),
		time: readTime(record)
	}));
	return counted.map((current, i) => {
		const earlier = counted.slice(0, i + 1);
		const inWindow = earlier.filter(
			(other) => other.line === current.line && other.time > current.time - windowMs
		);
		return { ...current, count: inWindow.length };
	});
}

const githubTime = (record: Record<string, unknown>) => Date.parse(String(record.created_at));

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Name and value count of every legend entry, in legend order. */
async function legendEntries(page: Page): Promise<{ name: string; count: number }[]> {
	return page.getByTestId('series-entry').evaluateAll((labels) =>
		labels.map((label) => ({
			name: label.getAttribute('data-name') ?? '',
			count: Number(label.getAttribute('data-value'))
		}))
	);
}

async function openFile(page: Page, query: string, file: string): Promise<void> {
	await page.goto(`/?source=file${query === '' ? '' : `&${query}`}`);
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
}

test('count per type charts each type', async ({ page }) => {
	await openFile(page, 'count=1m&split=type', githubEvents);
	const counted = countRecords(githubEvents, githubTime, 60_000, 'type');
	const types = [...new Set(counted.map((record) => record.line))];
	const ofType = (type: string) => counted.filter((record) => record.line === type);

	expect(types[0]).toBe('PushEvent');
	const expected = types.map((type) => ({ name: type, count: ofType(type).length }));
	await expect.poll(() => legendEntries(page)).toEqual(expected);
	await expect(page.getByText('values: records per 1m')).toBeVisible();
	// The lines are named by type alone, so the chart names what they draw beside them.
	await expect(page.getByTestId('split-column')).toHaveText('records per 1m');
	expect(await figure(page, 'record-count')).toBe(counted.length);

	// The KPIs follow the first line, PushEvent.
	const pushCounts = ofType('PushEvent').map((record) => record.count);
	expect(Math.max(...pushCounts)).toBeGreaterThan(1);
	await expect.poll(() => figure(page, 'kpi-max')).toBe(Math.max(...pushCounts));
	expect(await figure(page, 'kpi-min')).toBe(Math.min(...pushCounts));
	const mean = pushCounts.reduce((sum, count) => sum + count, 0) / pushCounts.length;
	expect(await figure(page, 'kpi-mean')).toBeCloseTo(mean, 6);
});

test('count per type is recorded and exported', async ({ page }) => {
	await openFile(page, 'count=1m&split=type', githubEvents);
	const counted = countRecords(githubEvents, githubTime, 60_000, 'type');
	await expect.poll(async () => (await dumpHistory(page))[0]?.time.length).toBe(counted.length);

	await page.goto('/history/');
	const row = page.getByTestId('session');
	const chooser = row.getByTestId('export-line');
	// The row reads the session's lines when its chooser first gets focus.
	await chooser.focus();
	await chooser.selectOption({ label: 'WatchEvent' });
	const downloading = page.waitForEvent('download');
	await row.getByRole('button', { name: 'Export CSV' }).click();
	const rows = (await readFile(await (await downloading).path(), 'utf8')).trim().split('\r\n');

	expect(rows[0]).toBe('time,timestamp,records per 1m,category');
	const watches = counted.filter((record) => record.line === 'WatchEvent');
	const exported = rows.slice(1).map((csvRow) => {
		const [time, , count, category] = csvRow.split(',');
		return { line: category, time: Number(time), count: Number(count) };
	});
	expect(exported).toEqual(watches);
});

test('count without a split on Wikimedia changes', async ({ page }) => {
	await openFile(page, 'count=10s', wikimedia);
	const readTime = (record: Record<string, unknown>) => Number(record.timestamp) * 1000;
	const counts = countRecords(wikimedia, readTime, 10_000, null).map((record) => record.count);

	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 10s']);
	await expect.poll(() => figure(page, 'kpi-max')).toBe(Math.max(...counts));
	expect(await figure(page, 'kpi-min')).toBe(1);
});

test('count histogram has a bar per count', async ({ page }) => {
	await openFile(page, 'count=1m', githubEvents);
	const counts = countRecords(githubEvents, githubTime, 60_000, null).map((record) => record.count);
	const low = Math.min(...counts);
	const high = Math.max(...counts);
	expect(high - low).toBeGreaterThan(1);

	const histogram = page.getByTestId('histogram');
	await expect(histogram).toHaveAttribute('data-total', String(counts.length));
	const bars = histogram.locator('rect.bar');
	await expect(bars).toHaveCount(high - low + 1);
	// Each bar has the height of its count's records, the first bar the lowest count.
	const heights = await bars.evaluateAll((rects) =>
		rects.map((rect) => Number(rect.getAttribute('height')))
	);
	const records = (count: number) => counts.filter((value) => value === count).length;
	const unit = heights[0] / records(low);
	heights.forEach((height, i) => expect(height).toBeCloseTo(unit * records(low + i), 6));
});

test('count chosen in the field picker', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openFile(page, '', githubEvents);
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['payload.issue.number', 'payload.number', 'payload.pull_request.number']);

	await page.getByTestId('field-picker').locator('summary').click();
	await expect(page.getByTestId('count-note')).toHaveText(
		'The fields charted (payload.issue.number, payload.number, payload.pull_request.number) ' +
			'look like identifiers, not measurements. Count records charts how many records arrive ' +
			'in their place, overall or per split line.'
	);
	await page.getByTestId('count-window').selectOption({ label: '1 min' });
	await page.getByTestId('count-records').check();

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 1m']);
	await expect(page).toHaveURL(/[?&]count=1m(&|$)/);
	await expect(page).not.toHaveURL(/[?&]value=/);
	// The picker takes the new mapping from the worker a moment after the chart does.
	await expect(page.getByTestId('count-charted')).toContainText('records per 1m');
	const counts = countRecords(githubEvents, githubTime, 60_000, null).map((r) => r.count);
	await expect.poll(() => figure(page, 'kpi-max')).toBe(Math.max(...counts));

	await page.getByTestId('count-window').selectOption({ label: '10 s' });
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 10s']);
	await expect(page).toHaveURL(/[?&]count=10s(&|$)/);
	await expect(page.getByTestId('count-charted')).toContainText('records per 10s');

	await page.getByTestId('count-window').selectOption({ label: 'other…' });
	await page.getByTestId('count-window-text').fill('2 hours');
	await page.getByTestId('count-window-apply').click();
	await expect(page.getByTestId('count-error')).toContainText('invalid window "2 hours"');
	await page.getByTestId('count-window-text').fill('2m');
	await page.getByTestId('count-window-apply').click();
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 2m']);
	await expect(page).toHaveURL(/[?&]count=2m(&|$)/);

	await page.getByTestId('copy-link').click();
	await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
	const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
	expect(link.searchParams.get('count')).toBe('2m');
	expect(link.searchParams.getAll('value')).toEqual([]);

	// The copied link opens the same chart.
	await openFile(page, link.search.slice(1).replace(/^source=file&?/, ''), githubEvents);
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 2m']);

	await page.getByTestId('field-picker').locator('summary').click();
	await expect(page.getByTestId('count-window')).toHaveValue('other');
	await expect(page.getByTestId('count-window-text')).toHaveValue('2m');
	await page.getByTestId('count-records').uncheck();
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['payload.issue.number', 'payload.number', 'payload.pull_request.number']);
	await expect(page).not.toHaveURL(/count=/);
});

test('count window choice outlasts field polls', async ({ page }) => {
	await openFile(page, 'count=10s', githubEvents);
	await page.getByTestId('field-picker').locator('summary').click();
	await expect(page.getByTestId('count-charted')).toContainText('records per 10s');

	await page.getByTestId('count-window').selectOption({ label: 'other…' });
	const typed = page.getByTestId('count-window-text');
	await typed.fill('2');
	// The page polls the field report once a second, and a poll must not undo the choice.
	await page.waitForTimeout(2_500);
	await expect(typed).toBeVisible();
	await expect(typed).toHaveValue('2');

	await typed.fill('2m');
	await page.getByTestId('count-window-apply').click();
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 2m']);
});

test('count suggested beside identifier fields', async ({ page }) => {
	await openFile(page, '', githubEvents);
	const suggestion = page.getByTestId('count-suggestion');
	await expect(suggestion).toContainText(
		'The fields charted (payload.issue.number, payload.number, payload.pull_request.number) ' +
			'look like identifiers, not measurements.'
	);
	await suggestion.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'reports/screenshots/count-suggestion.png' });
	await page.getByTestId('count-suggestion-apply').click();

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(['records per 1m']);
	await expect(page).toHaveURL(/[?&]count=1m(&|$)/);
	await expect(suggestion).toBeHidden();
	const counts = countRecords(githubEvents, githubTime, 60_000, null).map((r) => r.count);
	await expect.poll(() => figure(page, 'kpi-max')).toBe(Math.max(...counts));
});

test('no count suggested for measurements', async ({ page }) => {
	await openFile(page, '', 'tests/fixtures/sensors.jsonl');
	// The field picker shows once the page has the field report that the suggestion reads.
	await expect(page.getByTestId('field-picker')).toBeVisible();
	await expect.poll(async () => (await legendEntries(page)).length).toBeGreaterThan(0);
	await expect(page.getByTestId('count-suggestion')).toHaveCount(0);
});

test('invalid count shows a message and the rest applies', async ({ page }) => {
	await openFile(page, 'count=2x&split=type', githubEvents);

	await expect(page.getByTestId('param-problem')).toHaveText(
		'URL parameter count: invalid count "2x": expected a duration from 1s to 1h in ms, s, m ' +
			'or h, such as 10s, 1m or 5m (a bare number is seconds)'
	);
	// Without the count the split charts the inferred issue number, one line per type that has
	// one, and no type's line is a count.
	const withIssues = ['IssuesEvent', 'IssueCommentEvent'];
	await expect
		.poll(async () => (await legendEntries(page)).map((entry) => entry.name))
		.toEqual(withIssues);
});
