import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { figure } from './support/history-db';

/** Opens a page with content on it, so that axe checks what a user would see. */
const pages: Record<string, (page: Page) => Promise<void>> = {
	'/': async (page) => {
		await page.goto('/');
		await expect(page.getByTestId('source-status')).not.toHaveAttribute('data-value', 'idle');
	},
	'/analysis/': async (page) => {
		await page.goto('/analysis/');
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/nab/speed_7578.jsonl');
		await page.getByTestId('run-analyses').click();
		await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
	},
	'/history/': async (page) => {
		// One recorded session, so that its row and controls are on the page.
		await page.goto('/?rate=200');
		await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(100);
		await page.getByTestId('stop').click();
		await page.goto('/history/');
		await expect(page.getByTestId('session')).toHaveCount(1);
	}
};

async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [path, open] of Object.entries(pages)) {
	for (const scheme of ['light', 'dark'] as const) {
		test(`axe ${path} in ${scheme} theme`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await open(page);
			expect(await seriousViolations(page)).toEqual([]);
		});
	}
}

for (const [path, open] of Object.entries(pages)) {
	test(`${path} fits a 375 px screen`, async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await open(page);
		const overflowing = await page.evaluate(() => {
			const width = document.documentElement.clientWidth;
			return [...document.querySelectorAll('body *')]
				.filter((element) => element.getBoundingClientRect().right > width + 1)
				.map((element) => `${element.tagName.toLowerCase()}: ${element.textContent?.trim()}`);
		});
		expect(overflowing).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
	});
}

test('theme toggle overrides the system theme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	const background = () =>
		page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
	expect(await background()).toBe('#f6f7f9');

	const toggle = page.getByTestId('theme-toggle');
	await toggle.click();
	await expect(toggle).toHaveAttribute('data-value', 'light');
	await toggle.click();
	await expect(toggle).toHaveAttribute('data-value', 'dark');
	expect(await background()).toBe('#0f1217');

	// The choice survives a reload.
	await page.reload();
	await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-value', 'dark');
	expect(await background()).toBe('#0f1217');
	expect(await seriousViolations(page)).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`axe alert editor in ${scheme} theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/');
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

		// A rule every simulated value meets, so that a banner and an event are on screen too.
		await page.getByTestId('alert-add').click();
		const form = page.getByTestId('alert-rule-form');
		await form.getByLabel('Series').fill('value');
		await form.getByLabel('Level').fill('-1000000');
		await form.getByRole('button', { name: 'Add rule' }).click();
		await expect(page.getByTestId('alert-banner')).toHaveCount(1);
		await page.getByTestId('alert-add').click();
		await expect(form).toBeVisible();

		const results = await new AxeBuilder({ page }).analyze();
		const serious = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(serious).toEqual([]);
	});
}
