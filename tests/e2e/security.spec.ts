import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './support/test';

const xssCase = 'tests/fixtures/cases/case-40-ui-xss-labels.jsonl';
// Started by the Playwright config: `producer websocket --rate 200 --seed 7`.
const producer = `ws://127.0.0.1:${process.env.PRODUCER_WS_PORT ?? 18765}`;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/**
 * Counts Content-Security-Policy violations: `securitypolicyviolation` events in the page, and
 * console reports, which also cover the workers.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	const consoleReports: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) consoleReports.push(message.text());
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __violations: string[] }).__violations = seen;
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(`${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	return async () => {
		const events = await page.evaluate(
			() => (window as unknown as { __violations: string[] }).__violations
		);
		return [...events, ...consoleReports];
	};
}

test('markup in labels shows as text', async ({ page }) => {
	const markupKey = '<b onmouseover="window.__xss=6">k</b>';
	await page.goto(
		`/?source=file&time=ts&value=v&value=${encodeURIComponent('metrics.' + markupKey)}`
	);
	await page.locator('input[type=file]').setInputFiles({
		name: '<img src=x onerror="window.__xss=7">.jsonl',
		mimeType: 'application/x-ndjson',
		buffer: readFileSync(xssCase)
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(9);
	expect(await figure(page, 'error-count')).toBe(0);

	// The pointer passes over every element, as a user reading tooltips would.
	const boxes = await page.locator('body *').evaluateAll((nodes) =>
		nodes.map((node) => {
			const box = node.getBoundingClientRect();
			return { x: box.x + box.width / 2, y: box.y + box.height / 2, shown: box.width > 0 };
		})
	);
	for (const box of boxes.filter((b) => b.shown)) await page.mouse.move(box.x, box.y, { steps: 1 });
	await page.getByTestId('categories').locator('text.name').first().hover();

	expect(
		await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
	).toBeUndefined();
	const injected = await page.evaluate(
		() =>
			document.querySelectorAll(
				'img[src="x"], [onerror], [onload], [onmouseover], a[href^="javascript:"]'
			).length
	);
	expect(injected).toBe(0);
	const text = await page.locator('body').textContent();
	// Category names (in the bar tooltips), the field key and the file name, all as literal text.
	expect(text).toContain('<img src=x onerror="window.__xss=1">');
	expect(text).toContain('</script><script>window.__xss=3</script>');
	expect(text).toContain(markupKey);
	expect(text).toContain('<img src=x onerror="window.__xss=7">.jsonl');
	await page.screenshot({ path: 'reports/security-xss-labels.png', fullPage: true });
});

test('content security policy is enforced', async ({ page }) => {
	const violations = await watchViolations(page);
	await page.goto('/?source=file');

	const policy = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	expect(policy).toMatch(/script-src 'self' 'sha256-/);
	expect(policy).not.toContain('unsafe-eval');
	expect(policy).toContain("worker-src 'self'");

	// The XSS payload itself, put into the DOM on purpose: the policy must block its inline
	// handler and report it, which also proves that the violation counter works.
	await page.evaluate(() => {
		const image = document.createElement('img');
		image.setAttribute('onerror', 'window.__xss = 1');
		image.src = 'data:,not-an-image';
		document.body.append(image);
	});
	await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
	).toBeUndefined();
});

test('normal session has no policy violations', async ({ page }) => {
	const violations = await watchViolations(page);

	await page.goto('/');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(20);

	await page.getByLabel('File').check();
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/nab/speed_7578.jsonl');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(1127);

	await page.goto(`/?source=websocket&url=${encodeURIComponent(producer)}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);

	expect(await violations()).toEqual([]);
});
