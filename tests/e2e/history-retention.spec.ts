import { expect, test } from './support/test';
import { dumpHistory, recordAndOpenHistory, recordSimulator } from './support/history-db';

test('retention rejects an empty field', async ({ page }) => {
	await recordAndOpenHistory(page, 100, 20);
	const days = page.getByTestId('retention-days');
	const mebibytes = page.getByTestId('retention-mib');
	await expect(days).toHaveValue('30');
	const form = page.getByRole('form', { name: 'Retention' });

	// An empty field must not be saved as 0, which means no limit.
	await days.fill('');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('retention-problem')).toHaveText(
		'Retention not saved: Days is empty or not a number: enter 0 for no limit, or the number ' +
			'of days to keep.'
	);
	await expect(page.getByTestId('history-message')).toHaveCount(0);

	await days.fill('7');
	await mebibytes.fill('');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('retention-problem')).toContainText('MiB in total is empty');

	await mebibytes.fill('512');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('retention-problem')).toHaveCount(0);
	await expect(page.getByTestId('history-message')).toHaveText(
		'Retention saved; it deleted 0 sessions.'
	);

	// Both fields empty could mean "no limits" or a slip, so the form names both and saves nothing.
	await days.fill('');
	await mebibytes.fill('');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('retention-problem')).toHaveText(
		'Retention not saved: Days and MiB in total are both empty: enter 0 in both for no ' +
			'limits, or the limits to keep.'
	);
	await expect(page.getByTestId('history-message')).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('retention-both-empty.png') });

	await page.reload();
	await expect(days).toHaveValue('7');
	await expect(mebibytes).toHaveValue('512');
	await expect(page.getByTestId('session')).toHaveCount(1);
});

/** Escapes `text` for use inside a regular expression. */
function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('retention asks before deleting sessions', async ({ page }) => {
	await recordSimulator(page, 100, 20);
	await recordSimulator(page, 100, 20);
	await page.goto('/history/');
	const sessions = page.getByTestId('session');
	await expect(sessions).toHaveCount(2);
	const stored = await dumpHistory(page);
	const records = stored.reduce((sum, session) => sum + session.recordCount, 0);
	// 0.00001 days is 864 ms, so both sessions are older than the limit after a second.
	await page.waitForTimeout(1000);
	const days = page.getByTestId('retention-days');
	const save = page.getByRole('form', { name: 'Retention' }).getByRole('button', { name: 'Save' });
	await days.fill('0.00001');

	const questions: string[] = [];
	page.once('dialog', (dialog) => {
		questions.push(dialog.message());
		void dialog.dismiss();
	});
	await save.click();
	await expect.poll(() => questions).toHaveLength(1);
	expect(questions[0]).toMatch(
		new RegExp(
			`^Saving this policy deletes 2 sessions now \\(${records.toLocaleString('en-US')} ` +
				`records, [0-9.]+ (B|KiB)\\): "${escape(stored[0].name)}", "${escape(stored[1].name)}"` +
				'\\. Their records cannot be restored\\.$'
		)
	);
	await expect(page.getByTestId('history-message')).toHaveText(
		'Retention not saved, and no session was deleted.'
	);
	await page.screenshot({ path: test.info().outputPath('retention-cancelled.png') });
	await page.reload();
	await expect(sessions).toHaveCount(2);
	await expect(days).toHaveValue('30');

	await days.fill('0.00001');
	page.once('dialog', (dialog) => {
		questions.push(dialog.message());
		void dialog.accept();
	});
	await save.click();
	await expect(page.getByTestId('history-message')).toHaveText(
		'Retention saved; it deleted 2 sessions.'
	);
	expect(questions).toHaveLength(2);
	expect(questions[1]).toBe(questions[0]);
	await expect(sessions).toHaveCount(0);
	expect(await dumpHistory(page)).toHaveLength(0);
	await page.screenshot({ path: test.info().outputPath('retention-saved.png') });
	await page.reload();
	await expect(days).toHaveValue('0.00001');
});

test('import of a header line only', async ({ page }) => {
	await page.goto('/history/');
	const header = {
		format: 'streamlens-session',
		version: 1,
		session: { name: 'Empty', series: ['value'], source: 'simulator', label: 'Empty' },
		valueKeys: ['value']
	};
	await page.getByLabel('Import a Streamlens JSONL export').setInputFiles({
		name: 'empty.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(JSON.stringify(header) + '\n')
	});
	await expect(page.getByTestId('history-action-problem')).toHaveText(
		'Could not import empty.jsonl: the export has a header line but no records, so there is ' +
			'nothing to import'
	);
	await page.screenshot({ path: test.info().outputPath('import-header-only.png') });
	await page.reload();
	await expect(page.getByText('No recorded sessions yet.')).toBeVisible();
	expect(await dumpHistory(page)).toHaveLength(0);
});
