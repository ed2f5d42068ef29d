import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { expect, test } from './support/test';
import { dumpHistory, recordAndOpenHistory } from './support/history-db';

/** Characters that a message must not show raw. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\uFFFD]/u;

test('history import of a gzip export', async ({ page }) => {
	const sessions = await recordAndOpenHistory(page, 1000, 1000);
	const downloading = page.waitForEvent('download');
	await sessions.getByRole('button', { name: 'Export JSONL' }).click();
	const exported = await readFile(await (await downloading).path());

	// The name does not decide: a gzip file named .jsonl is read as gzip too.
	const input = page.getByLabel('Import a Streamlens JSONL export');
	await input.setInputFiles({
		name: 'session.jsonl.gz',
		mimeType: 'application/gzip',
		buffer: gzipSync(exported)
	});
	await expect(sessions).toHaveCount(2);
	await input.setInputFiles({
		name: 'session.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: gzipSync(exported)
	});
	await expect(sessions).toHaveCount(3);
	await expect(page.getByTestId('history-message')).toContainText('Imported');

	const [original, ...imported] = await dumpHistory(page);
	for (const copy of imported) {
		expect(copy.recordCount).toBe(original.recordCount);
		expect(copy.time).toEqual(original.time);
		expect(copy.values).toEqual(original.values);
	}
});

test('history import of gzip that is not an export', async ({ page }) => {
	await page.goto('/history/');
	await page
		.getByLabel('Import a Streamlens JSONL export')
		.setInputFiles('tests/fixtures/cases/case-11-gzip.jsonl.gz');

	await expect(page.getByTestId('history-action-problem')).toHaveText(
		'Could not import case-11-gzip.jsonl.gz: line 1: not a Streamlens export: the first ' +
			'line must be its header with "format": "streamlens-session"'
	);
});

test('history import of gzip cut short', async ({ page }) => {
	await page.goto('/history/');
	const header = {
		format: 'streamlens-session',
		session: { name: 'cut', series: ['v'] },
		valueKeys: ['v']
	};
	const records = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ time: i, v: i }));
	const gzip = gzipSync([JSON.stringify(header), ...records].join('\n'));
	await page.getByLabel('Import a Streamlens JSONL export').setInputFiles({
		name: 'cut.jsonl.gz',
		mimeType: 'application/gzip',
		buffer: gzip.subarray(0, gzip.length >> 1)
	});

	const problem = page.getByTestId('history-action-problem');
	await expect(problem).toContainText(
		'Could not import cut.jsonl.gz: the gzip data is cut short or corrupt ('
	);
	await expect(page.getByTestId('session')).toHaveCount(0);
});

test('history import of binary quotes it printably', async ({ page }) => {
	await page.goto('/history/');
	const bytes = Buffer.alloc(600);
	for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
	bytes[0] = 0x01;
	await page.getByLabel('Import a Streamlens JSONL export').setInputFiles({
		name: 'noise.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: bytes
	});

	const problem = page.getByTestId('history-action-problem');
	await expect(problem).toContainText('Could not import noise.jsonl: line 1: invalid JSON');
	const text = (await problem.textContent()) ?? '';
	expect(text).not.toMatch(NON_PRINTABLE);
	expect(text).toContain('\\u0001');
	expect(text.length).toBeLessThan(200);
});
