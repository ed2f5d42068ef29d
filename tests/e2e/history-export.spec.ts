import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './support/test';
import { dumpHistory, recordAndOpenHistory } from './support/history-db';

test('export then import is lossless', async ({ page }) => {
	const sessions = await recordAndOpenHistory(page, 1000, 5000);

	const downloading = page.waitForEvent('download');
	await sessions.getByRole('button', { name: 'Export JSONL' }).click();
	const download = await downloading;
	const path = await download.path();
	expect(download.suggestedFilename()).toMatch(/\.jsonl$/);

	await page.getByLabel('Import a Streamlens JSONL export').setInputFiles(path);
	await expect(sessions).toHaveCount(2);
	await expect(page.getByRole('status')).toContainText('Imported');

	const [original, imported] = await dumpHistory(page);
	expect(imported.name).toBe(`${original.name} (imported)`);
	expect(imported.recordCount).toBe(original.recordCount);
	expect(imported.time).toEqual(original.time);
	expect(imported.values).toEqual(original.values);
	expect(imported.category).toEqual(original.category);
	expect(imported.series).toEqual(original.series);
	expect(imported.settings).toEqual(original.settings);
	expect([imported.start, imported.end]).toEqual([original.start, original.end]);
});

test('import of a file that is not an export names the line', async ({ page }) => {
	const sessions = await recordAndOpenHistory(page, 1000, 1000);
	const downloading = page.waitForEvent('download');
	await sessions.getByRole('button', { name: 'Export JSONL' }).click();
	const path = await (await downloading).path();
	const input = page.getByLabel('Import a Streamlens JSONL export');
	await input.setInputFiles(path);
	await expect(page.getByTestId('history-message')).toContainText('Imported');

	// A plain JSON Lines file: the error stays on screen through the list's refreshes every 2 s,
	// and the earlier import's message is gone, so it cannot read as this one's outcome.
	await input.setInputFiles('tests/fixtures/cases/case-01-ndjson-bom.jsonl');
	const problem = page.getByTestId('history-action-problem');
	await expect(problem).toHaveText(
		'Could not import case-01-ndjson-bom.jsonl: line 1: not a Streamlens export: the first ' +
			'line must be its header with "format": "streamlens-session"'
	);
	await expect(page.getByTestId('history-message')).toHaveCount(0);
	await page.waitForTimeout(2500);
	await expect(problem).toBeVisible();
	await expect(sessions).toHaveCount(2);
});

/**
 * Records more than 300 simulated records at 100 a second, stops, and opens the history page.
 * Returns the session's row and its first and last record times.
 */
async function openStoppedSession(page: Page) {
	const session = await recordAndOpenHistory(page, 100, 300);
	const start = Number(await session.getAttribute('data-start'));
	const end = Number(await session.getAttribute('data-end'));
	return { session, start, end };
}

/** Formats epoch ms in UTC as the range fields read it, to whole seconds. */
function rangeText(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

test('CSV export of a time range', async ({ page }) => {
	const { session, start } = await openStoppedSession(page);
	// The range fields take whole seconds, and To includes its own; records come every 10 ms.
	const from = Math.ceil(start / 1000) * 1000;
	let expected = 0;
	for (let time = start; time <= from + 1999; time += 10) if (time >= from) expected++;
	await session.getByLabel('From').fill(rangeText(from));
	await session.getByLabel('To').fill(rangeText(from + 1000));

	const downloading = page.waitForEvent('download');
	await session.getByRole('button', { name: 'Export CSV' }).click();
	const text = await readFile(await (await downloading).path(), 'utf8');
	const rows = text.trim().split('\r\n');
	expect(rows[0]).toBe('time,timestamp,value,category');
	expect(rows).toHaveLength(1 + expected);
	expect(Number(rows[1].split(',')[0])).toBeGreaterThanOrEqual(from);
	expect(Number(rows[1].split(',')[0])).toBeLessThan(from + 10);
	expect(rows[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,-?[\d.]+,[ABCD]$/);
});

test('range export names the wrong field', async ({ page }) => {
	const { session, start, end } = await openStoppedSession(page);
	const downloads: string[] = [];
	page.on('download', (download) => downloads.push(download.suggestedFilename()));
	const problem = page.getByTestId('history-action-problem');
	const later = rangeText(Math.ceil(start / 1000) * 1000 + 2000);
	const earlier = rangeText(Math.ceil(start / 1000) * 1000);

	// From after To: the message names both values, and nothing is exported.
	await session.getByLabel('From').fill(later);
	await session.getByLabel('To').fill(earlier);
	for (const name of ['Export CSV', 'Export JSONL', 'Chart SVG']) {
		await session.getByRole('button', { name }).click();
		await expect(problem, name).toHaveText(
			`Invalid range: From "${later}" is after To "${earlier}". ` +
				'Make From the earlier time, or swap the two.'
		);
	}
	await page.screenshot({ path: 'reports/screenshots/history-range-reversed.png' });

	// Text that is not a time names its field and value.
	await session.getByLabel('From').fill('yesterday');
	await session.getByRole('button', { name: 'Export CSV' }).click();
	await expect(problem).toHaveText(
		'Invalid From "yesterday": write a time as YYYY-MM-DD HH:MM:SS in UTC, or leave From ' +
			'blank to start at the beginning of the session.'
	);
	await session.getByLabel('From').fill('');
	await session.getByLabel('To').fill('2026-02-30 10:00:00');
	await session.getByRole('button', { name: 'Export CSV' }).click();
	await expect(problem).toHaveText(
		'Invalid To "2026-02-30 10:00:00": write a time as YYYY-MM-DD HH:MM:SS in UTC, or leave ' +
			'To blank to end at the end of the session.'
	);

	// A valid range after the session's end contains no records, so no empty file is written.
	const after = Math.ceil(end / 1000) * 1000 + 60_000;
	await session.getByLabel('From').fill(rangeText(after));
	await session.getByLabel('To').fill(rangeText(after + 60_000));
	await session.getByRole('button', { name: 'Export CSV' }).click();
	const name = await session.locator('.name').innerText();
	await expect(problem).toHaveText(
		`Could not export CSV: no records in ${name} (${rangeText(after)} to ` +
			`${rangeText(after + 60_000).slice(11)}, UTC): choose a range between ${rangeText(start)} and ` +
			`${rangeText(end)} UTC`
	);
	await expect(page.getByTestId('history-message')).toHaveCount(0);
	await page.screenshot({ path: 'reports/screenshots/history-range-empty.png' });
	expect(downloads).toEqual([]);
});
