import { expect, test, type Page } from './support/test';

const sensors = 'tests/fixtures/sensors.jsonl';

async function openPicker(page: Page, query: string): Promise<void> {
	await page.goto(`/?source=file&${query}`);
	await page.locator('input[type=file]').setInputFiles(sensors);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await page.getByTestId('field-picker').locator('summary').click();
}

function rowNames(page: Page): Promise<string[]> {
	return page
		.getByTestId('field-row')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field') ?? ''));
}

test('field filter narrows fields by name', async ({ page }) => {
	await openPicker(page, 'value=temp');
	expect(await rowNames(page)).toEqual(['time', 'sensor', 'temp', 'rh']);

	// Reached from the summary with the keyboard, as the first control of the panel.
	await page.getByTestId('field-picker').locator('summary').focus();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Filter fields')).toBeFocused();
	await page.keyboard.type('T');
	await expect.poll(() => rowNames(page)).toEqual(['time', 'temp']);
	await expect(page.getByText('2 of 4 fields')).toBeVisible();
	await page.keyboard.type('e');
	await expect.poll(() => rowNames(page)).toEqual(['temp']);

	await page.keyboard.type('zz');
	await expect(page.getByTestId('field-row')).toHaveCount(0);
	await expect(page.getByTestId('field-filter-empty')).toHaveText('No field name contains “Tezz”.');

	await page.getByLabel('Filter fields').fill('');
	await expect.poll(() => rowNames(page)).toEqual(['time', 'sensor', 'temp', 'rh']);
	await expect(page.getByText('4 fields')).toBeVisible();
});

test('field filter keeps the choice of hidden fields', async ({ page }) => {
	await openPicker(page, 'value=temp');
	await page.getByLabel('Filter fields').fill('rh');
	await page.getByRole('checkbox', { name: 'Chart rh' }).check();

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(page.getByTestId('series-legend')).toContainText('rh');
	await expect(page.getByTestId('series-legend')).toContainText('temp');
	await expect(page).toHaveURL(/value=temp&value=rh/);
});

test('derived field may not take a field name', async ({ page }) => {
	await openPicker(page, 'value=temp');
	await page.getByTestId('derived-name').fill('rh');
	await page.getByTestId('derived-expression').fill('temp * 2');

	await expect(page.getByTestId('derived-error')).toHaveText(
		'invalid derived field "rh=temp * 2": the name "rh" is a field of the records; ' +
			'choose another name'
	);
	await expect(page.getByTestId('derived-add')).toBeDisabled();
	await page.getByTestId('derived-name').fill('temp2');
	await expect(page.getByTestId('derived-error')).toHaveCount(0);
	await page.getByTestId('derived-add').click();
	await expect(page.getByTestId('series-legend')).toContainText('temp2');
});

test('derived field named like a value is reported', async ({ page }) => {
	await page.goto(
		'/?source=file&value=temp&derive=' + encodeURIComponent('temp=temp * 9 / 5 + 32')
	);

	await expect(page.getByTestId('param-problem')).toHaveText(
		'URL parameter derive: invalid derived field "temp=temp * 9 / 5 + 32": the name "temp" ' +
			'is a field of the records; choose another name'
	);
});
