import { test as base } from '@playwright/test';

// Everything else is Playwright's own; the `test` below takes the place of Playwright's.
export * from '@playwright/test';

/**
 * Playwright's `test` whose `page.goto` to a page of the app also waits until the app has hydrated,
 * so that a test never types into a prerendered control before its handler is attached.
 */
export const test = base.extend({
	page: async ({ page }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			// Files of the site such as the favicon have no app to wait for.
			const type = response?.headers()['content-type'] ?? 'text/html';
			if (type.startsWith('text/html'))
				await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			return response;
		};
		await use(page);
	}
});
