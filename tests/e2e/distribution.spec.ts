import { expect, test } from './support/test';
import { figure } from './support/history-db';

const constantFile = 'tests/fixtures/constant-0.1.jsonl';

test('constant series shows σ 0 in both panels', async ({ page }) => {
	await page.goto('/?source=file');
	await page.locator('input[type=file]').setInputFiles(constantFile);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '60');

	expect(await figure(page, 'kpi-std')).toBe(0);
	expect(await figure(page, 'kpi-mean')).toBe(0.1);
	await expect(page.getByTestId('fit-std')).toHaveAttribute('data-value', '0');
	await expect(page.getByTestId('fit-std')).toHaveText('0');
	await expect(page.getByTestId('fit-mean')).toHaveText('0.1');
	await expect(page.getByTestId('kpi-std')).toHaveText('0');
});
