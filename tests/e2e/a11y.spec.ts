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

/**
 * Lists the elements that reach past the right edge of the viewport. An element inside a box that
 * scrolls sideways and itself fits, such as a wide chart, is not listed.
 */
function overflowingElements(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const insideScrollBox = (element: Element) => {
			for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
				const overflowX = getComputedStyle(box).overflowX;
				const scrolls = overflowX === 'auto' || overflowX === 'scroll';
				if (scrolls && box.getBoundingClientRect().right <= width + 1) return true;
			}
			return false;
		};
		return [...document.querySelectorAll('body *')]
			.filter((element) => element.getBoundingClientRect().right > width + 1)
			.filter((element) => !insideScrollBox(element))
			.map((element) => `${element.tagName.toLowerCase()}: ${element.textContent?.trim()}`);
	});
}

/** Returns the page's scroll width, which is the viewport's width when nothing sticks out. */
function scrollWidth(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const [path, open] of Object.entries(pages)) {
	test(`${path} fits a 375 px screen`, async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await open(page);
		expect(await overflowingElements(page)).toEqual([]);
		expect(await scrollWidth(page)).toBe(375);
	});
}

test('pages fit a phone screen in every state', async ({ page }) => {
	for (const width of [390, 320]) {
		await page.setViewportSize({ width, height: 844 });
		const expectFit = async (state: string) => {
			expect(await scrollWidth(page), `${state} at ${width} px: scroll width`).toBe(width);
			expect(await overflowingElements(page), `${state} at ${width} px: cut off`).toEqual([]);
		};

		// The source is named, because the dashboard otherwise reopens the last one used.
		await page.goto('/?source=simulator');
		await expect(page.getByTestId('source-status')).not.toHaveAttribute('data-value', 'idle');
		for (const tab of ['Simulated', 'File', 'WebSocket', 'SSE', 'HTTP', 'MQTT']) {
			await page.getByRole('radio', { name: tab, exact: true }).check();
			await expectFit(`${tab} tab`);
		}

		await page.goto('/?source=file');
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/sensors.jsonl');
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
		await page.getByTestId('field-picker').locator('summary').click();
		await expect(page.getByTestId('field-row')).toHaveCount(4);
		await expectFit('Fields');

		// The dashboard has recorded the simulator and the file, so the list has rows.
		await page.goto('/history/');
		await expect(page.getByTestId('session').first()).toBeVisible();
		await expectFit('History');

		await page.goto('/analysis/');
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/nab/speed_7578.jsonl');
		await page.getByTestId('run-analyses').click();
		await expect(page.getByTestId('suite-status')).toHaveAttribute('data-value', 'done');
		await expectFit('Analysis');
	}
});

test('a long series name does not widen the page', async ({ page }) => {
	const long = 'x'.repeat(5000);
	const lines = [0, 1, 2, 3].map((i) =>
		JSON.stringify({ t: 1_700_000_000_000 + i * 1000, v: i, room: i % 2 ? long : 'hall' })
	);
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/?source=file&split=room');
	await page.locator('input[type=file]').setInputFiles({
		name: 'rooms.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: Buffer.from(lines.join('\n') + '\n')
	});
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const entry = page.getByTestId('series-entry').filter({ hasText: 'xxx' });
	await expect(entry).toHaveCount(1);
	expect(await entry.getAttribute('title')).toContain(long);
	expect(await scrollWidth(page)).toBe(1280);
});

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
