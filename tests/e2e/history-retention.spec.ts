import { expect, test } from './support/test';
import { recordAndOpenHistory } from './support/history-db';

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

	await page.reload();
	await expect(days).toHaveValue('7');
	await expect(mebibytes).toHaveValue('512');
	await expect(page.getByTestId('session')).toHaveCount(1);
});
