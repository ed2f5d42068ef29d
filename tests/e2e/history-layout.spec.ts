import { expect, test } from './support/test';
import { recordAndOpenHistory } from './support/history-db';

test('history buttons share one height', async ({ page }) => {
	await recordAndOpenHistory(page, 100, 20);

	// Replay and Analyse are links styled as buttons, the rest are buttons.
	const controls = page.locator('main button:not(.link), main a.button');
	const names = await controls.allTextContents();
	expect(names).toEqual(expect.arrayContaining(['Replay', 'Analyse', 'Range chart', 'Delete']));
	const heights = await controls.evaluateAll((elements) =>
		elements.map((element) => element.getBoundingClientRect().height)
	);
	const reference = await page
		.getByTestId('range-chart')
		.evaluate((button) => button.getBoundingClientRect().height);
	for (const [i, height] of heights.entries()) {
		expect(`${names[i]}: ${height.toFixed(1)}`).toBe(`${names[i]}: ${reference.toFixed(1)}`);
	}
	// The import input shows only its file selector button, so the input is that button's box.
	const importInput = page.locator('main input[type=file]');
	const importHeight = await importInput.evaluate((input) => input.getBoundingClientRect().height);
	expect(importHeight.toFixed(1)).toBe(reference.toFixed(1));
});
