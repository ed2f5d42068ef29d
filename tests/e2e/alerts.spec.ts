import type { ChildProcess } from 'node:child_process';
import { expect, test, type Page } from './support/test';
import { killProducer, spawnProducer } from '../support/spawn-producer';

// A producer port of this file's own, beside the ones the config and other specs use.
const port = Number(process.env.PRODUCER_WS_PORT ?? 18765) + 6;
const streamUrl = `/?source=websocket&url=${encodeURIComponent(`ws://127.0.0.1:${port}`)}`;

let producer: ChildProcess | null = null;

/**
 * Starts a producer whose values are 50 plus Gaussian noise with a standard deviation of 2,
 * so about one record in six is above 52, and none is a spike.
 */
async function startNoisyProducer(): Promise<void> {
	producer = await spawnProducer(
		['websocket', '--port', String(port), '--rate', '50', '--seed', '5', '--anomaly-rate', '0'],
		port
	);
}

test.afterEach(async () => {
	if (producer) await killProducer(producer);
	producer = null;
});

interface RuleInput {
	series?: string;
	condition: 'Value above' | 'Value below' | 'Anomaly rate above' | 'No data for';
	level?: string;
	seconds?: string;
	cooldown: string;
}

/** Adds a rule through the editor's labelled fields. */
async function addRule(page: Page, rule: RuleInput): Promise<void> {
	await page.getByTestId('alert-add').click();
	const form = page.getByTestId('alert-rule-form');
	await form.getByLabel('Series').fill(rule.series ?? 'value');
	await form.getByLabel('Condition').selectOption({ label: rule.condition });
	if (rule.level !== undefined) await form.getByLabel('Level').fill(rule.level);
	if (rule.seconds !== undefined) await form.getByLabel('Seconds').fill(rule.seconds);
	await form.getByLabel('Cooldown (s)').fill(rule.cooldown);
	await form.getByRole('button', { name: 'Add rule' }).click();
	await expect(form).toHaveCount(0);
}

async function recordCount(page: Page): Promise<number> {
	return Number(await page.getByTestId('record-count').getAttribute('data-value'));
}

/** Ids of the listed rules, in the order they were added. */
async function ruleIds(page: Page): Promise<string[]> {
	const rules = page.getByTestId('alert-rules').getByTestId('alert-rule');
	return (await rules.evaluateAll((items) => items.map((item) => item.dataset.rule))) as string[];
}

test('below rule fires on a crossing', async ({ page }) => {
	await startNoisyProducer();
	await page.goto(streamUrl);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await addRule(page, { condition: 'Value below', level: '48', cooldown: '600' });
	await expect(page.getByTestId('alert-rule')).toHaveText(/value below 48/);

	const banner = page.getByTestId('alert-banner');
	await expect(banner).toHaveCount(1);
	await expect(banner).toContainText('value below 48');
	expect(Number(await banner.getAttribute('data-value'))).toBeLessThan(48);
});

test('anomaly rate rule fires on spikes', async ({ page }) => {
	// One record in five is a spike, so the z-score flags far more than 1 % of the last 100.
	producer = await spawnProducer(
		['websocket', '--port', String(port), '--rate', '50', '--seed', '5', '--anomaly-rate', '0.2'],
		port
	);
	await page.goto(streamUrl);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await page.getByTestId('alert-add').click();
	const form = page.getByTestId('alert-rule-form');
	await form.getByLabel('Series').fill('value');
	await form.getByLabel('Condition').selectOption({ label: 'Anomaly rate above' });
	await form.getByLabel('Rate (%)').fill('1');
	await form.getByLabel('Over last (records)').fill('100');
	await form.getByLabel('Cooldown (s)').fill('600');
	await form.getByRole('button', { name: 'Add rule' }).click();
	await expect(form).toHaveCount(0);

	const banner = page.getByTestId('alert-banner');
	await expect(banner).toHaveCount(1, { timeout: 30_000 });
	expect(Number(await banner.getAttribute('data-value'))).toBeGreaterThan(1);
});

test('above rule fires on a crossing', async ({ page }) => {
	await startNoisyProducer();
	await page.goto(streamUrl);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect(page.getByTestId('alert-banner')).toHaveCount(0);

	await addRule(page, { condition: 'Value above', level: '52', cooldown: '600' });
	await expect(page.getByTestId('alert-rule')).toHaveText(/value above 52/);

	const banner = page.getByTestId('alert-banner');
	await expect(banner).toHaveCount(1);
	await expect(banner).toContainText('value above 52');
	expect(Number(await banner.getAttribute('data-value'))).toBeGreaterThan(52);
	const event = page.getByTestId('alert-events').locator('li');
	await expect(event).toHaveCount(1);
	expect(Number(await event.getAttribute('data-value'))).toBeGreaterThan(52);

	await banner.getByRole('button', { name: 'Dismiss alert: value above 52' }).click();
	await expect(banner).toHaveCount(0);
	// The event stays in the list after its banner is dismissed.
	await expect(event).toHaveCount(1);
});

test.describe('alerts on a file of old records', () => {
	// The page shows times in the browser's zone, so the zone is pinned for the expected text.
	test.use({ timezoneId: 'UTC' });

	test('above rule shows the record time', async ({ page }) => {
		await page.goto('/?source=file');
		await addRule(page, { condition: 'Value above', level: '50', cooldown: '600' });

		// 70 crosses the level first at 10:00:12, and again at 10:00:13.
		const values = [10, 20, 70, 70, 30];
		const content = values
			.map((value, i) => JSON.stringify({ timestamp: `2024-03-01T10:00:1${i}Z`, value }))
			.join('\n');
		const transfer = await page.evaluateHandle((text) => {
			const data = new DataTransfer();
			data.items.add(new File([text], 'old.jsonl', { type: 'application/x-ndjson' }));
			return data;
		}, content);
		await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
		await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');

		const crossing = Date.UTC(2024, 2, 1, 10, 0, 12);
		const banner = page.getByTestId('alert-banner');
		await expect(banner).toHaveCount(1);
		await expect(banner).toHaveAttribute('data-value', '70');
		await expect(banner).toHaveAttribute('data-record-time', String(crossing));
		await expect(banner).toContainText(
			'value above 50. Value 70 (record 2024-03-01 10:00:12.000), checked at'
		);
		const bannerTime = banner.getByTestId('alert-record-time');
		await expect(bannerTime).toHaveAttribute('datetime', '2024-03-01T10:00:12.000Z');

		const event = page.getByTestId('alert-events').locator('li');
		await expect(event).toHaveCount(1);
		await expect(event).toHaveAttribute('data-record-time', String(crossing));
		await expect(event.getByTestId('alert-record-time')).toHaveText('2024-03-01 10:00:12.000');
		await expect(event).toContainText('record 2024-03-01 10:00:12.000');

		// The record time shows that record on the chart: a window a tenth of the file's 4 s wide,
		// centred on it.
		const chart = page.getByTestId('timeseries');
		const windowOf = async () => [
			Number(await chart.getAttribute('data-from')),
			Number(await chart.getAttribute('data-to'))
		];
		await expect.poll(windowOf).toEqual([crossing - 2000, crossing + 2000]);
		await event.getByTestId('alert-jump').click();
		await expect.poll(windowOf).toEqual([crossing - 200, crossing + 200]);
		// The banner's record time does the same from any window.
		await chart.focus();
		await page.keyboard.press('0');
		await expect.poll(windowOf).toEqual([crossing - 2000, crossing + 2000]);
		await banner.getByTestId('alert-jump').click();
		await expect.poll(windowOf).toEqual([crossing - 200, crossing + 200]);
	});
});

test('cooldown holds back a second banner', async ({ page }) => {
	await startNoisyProducer();
	await page.goto(streamUrl);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await addRule(page, { condition: 'Value above', level: '52', cooldown: '600' });
	await addRule(page, { condition: 'Value above', level: '52', cooldown: '0' });
	const [held, free] = await ruleIds(page);
	const events = page.getByTestId('alert-events');

	// The rule without a cooldown shows that the value crossed 52, went back and crossed again.
	await expect
		.poll(() => events.locator(`li[data-rule="${free}"]`).count(), { timeout: 30_000 })
		.toBeGreaterThanOrEqual(3);
	const heldEvent = events.locator(`li[data-rule="${held}"]`);
	await expect(heldEvent).toHaveCount(1);
	// Each rule shows one banner, its newest firing; the held rule's is still its first.
	const heldBanner = page.locator(`[data-testid="alert-banner"][data-rule="${held}"]`);
	await expect(heldBanner).toHaveCount(1);
	await expect(heldBanner).toHaveAttribute(
		'data-value',
		(await heldEvent.getAttribute('data-value'))!
	);
	await expect(page.getByTestId('alert-banner')).toHaveCount(2);
});

test('no-data rule fires after the producer dies', async ({ page }) => {
	await startNoisyProducer();
	await page.goto(streamUrl);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await addRule(page, { condition: 'No data for', seconds: '2', cooldown: '0' });

	// While records arrive, the rule stays quiet.
	const before = await recordCount(page);
	await expect.poll(() => recordCount(page)).toBeGreaterThan(before + 150);
	await expect(page.getByTestId('alert-banner')).toHaveCount(0);

	await killProducer(producer!);
	producer = null;
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'reconnecting');
	const banner = page.getByTestId('alert-banner');
	await expect(banner).toHaveCount(1);
	await expect(banner).toContainText('value has no data for 2 s');
	expect(Number(await banner.getAttribute('data-value'))).toBeGreaterThanOrEqual(2);
});

test('rules survive a reload', async ({ page }) => {
	await page.addInitScript(() => {
		const calls = { requests: 0 };
		(window as unknown as { permissionCalls: typeof calls }).permissionCalls = calls;
		const request = Notification.requestPermission.bind(Notification);
		Notification.requestPermission = (...args) => {
			calls.requests++;
			return request(...args);
		};
	});
	await page.goto('/');
	await addRule(page, { condition: 'Value below', level: '-1000', cooldown: '30' });
	await addRule(page, { condition: 'No data for', seconds: '90', cooldown: '0' });
	const rules = page.getByTestId('alert-rule');
	await rules.nth(1).getByRole('checkbox').uncheck();

	await page.reload();
	await expect(rules).toHaveCount(2);
	await expect(rules.nth(0)).toContainText('value below -1000');
	await expect(rules.nth(0)).toContainText('cooldown 30 s');
	await expect(rules.nth(0).getByRole('checkbox')).toBeChecked();
	await expect(rules.nth(1)).toContainText('value has no data for 90 s');
	await expect(rules.nth(1).getByRole('checkbox')).not.toBeChecked();

	// Permission is asked for only from the button, never on load.
	await expect(page.getByTestId('alert-allow-notifications')).toBeVisible();
	const requests = await page.evaluate(
		() => (window as unknown as { permissionCalls: { requests: number } }).permissionCalls.requests
	);
	expect(requests).toBe(0);
});

test('edited rule replaces the old one', async ({ page }) => {
	await page.goto('/');
	await addRule(page, { condition: 'Value above', level: '5', cooldown: '10' });
	const rule = page.getByTestId('alert-rule');
	await rule.getByRole('button', { name: 'Edit rule: value above 5' }).click();
	const form = page.getByTestId('alert-rule-form');
	await form.getByLabel('Level').fill('');
	await form.getByRole('button', { name: 'Save rule' }).click();
	await expect(page.getByTestId('alert-rule-error')).toHaveText(
		'Rule not saved: level must be a number, got nothing.'
	);

	await form.getByLabel('Level').fill('7.5');
	await form.getByLabel('Level').press('Enter');
	await expect(rule).toContainText('value above 7.5');
	await rule.getByRole('button', { name: 'Delete rule: value above 7.5' }).click();
	await expect(rule).toHaveCount(0);
	await page.reload();
	await expect(page.getByTestId('alert-rules')).toContainText('No rules yet');
});

test('granted permission sends a notification', async ({ page, context }) => {
	await context.grantPermissions(['notifications']);
	// Records each construction, then calls the real constructor, so nothing is replaced.
	await page.addInitScript(() => {
		const seen: { title: string; body: string }[] = [];
		(window as unknown as { notifications: typeof seen }).notifications = seen;
		const Real = window.Notification;
		class Recorded extends Real {
			constructor(title: string, options?: NotificationOptions) {
				seen.push({ title, body: options?.body ?? '' });
				super(title, options);
			}
		}
		window.Notification = Recorded;
	});
	await startNoisyProducer();
	await page.goto(streamUrl);
	await expect(page.getByText('System notifications are on.')).toBeVisible();
	await addRule(page, { condition: 'Value above', level: '52', cooldown: '600' });
	await expect(page.getByTestId('alert-banner')).toHaveCount(1);

	const seen = () =>
		page.evaluate(
			() =>
				(window as unknown as { notifications: { title: string; body: string }[] }).notifications
		);
	await expect.poll(async () => (await seen()).length).toBe(1);
	const [notification] = await seen();
	expect(notification.title).toBe('Streamlens alert: value above 52');
	expect(notification.body).toMatch(
		/^value reached \d+(\.\d+)? \(record \d{4}-\d\d-\d\d [\d:.]+\), checked at \d{4}-/
	);
});

test('editor works by keyboard', async ({ page }) => {
	await page.goto('/');
	const add = page.getByTestId('alert-add');
	await add.focus();
	await page.keyboard.press('Enter');
	// The form opens with the series field focused.
	const form = page.getByTestId('alert-rule-form');
	await expect(form.getByLabel('Series')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(form).toHaveCount(0);
	await expect(add).toBeFocused();

	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(form.getByLabel('Condition')).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.type('75');
	await page.keyboard.press('Enter');
	await expect(form).toHaveCount(0);
	await expect(page.getByTestId('alert-rule')).toContainText('value above 75');
	await expect(add).toBeFocused();
});

test('bad saved rule is reported', async ({ page }) => {
	await page.addInitScript(() => {
		if (sessionStorage.getItem('seeded')) return;
		sessionStorage.setItem('seeded', '1');
		const good = { id: 'g', series: 'value', enabled: true, cooldownSeconds: 5 };
		const rules = [
			{ ...good, kind: 'above', level: 60 },
			{ ...good, id: 'b', kind: 'below', level: 'low' }
		];
		localStorage.setItem('streamlens.alert-rules', JSON.stringify({ version: 1, rules }));
	});
	await page.goto('/');
	await expect(page.getByTestId('alert-rule')).toHaveCount(1);
	await expect(page.getByTestId('alert-rule')).toContainText('value above 60');
	await expect(page.getByTestId('alert-problem')).toHaveText(
		'Saved alert rule 2 was dropped: level must be a number, got "low".'
	);
});

test('rule on an unknown series is flagged', async ({ page }) => {
	await page.goto('/?source=simulator');
	await expect.poll(() => recordCount(page)).toBeGreaterThan(0);

	await page.getByTestId('alert-add').click();
	const form = page.getByTestId('alert-rule-form');
	await form.getByLabel('Series').fill('nosuch');
	await expect(form.getByTestId('alert-series-warning')).toContainText(
		'This stream has no series "nosuch"'
	);
	await expect(form.getByTestId('alert-series-warning')).toContainText('Its series: "value".');
	await form.getByLabel('Series').fill('value');
	await expect(form.getByTestId('alert-series-warning')).toHaveCount(0);
	await form.getByRole('button', { name: 'Cancel' }).click();

	await addRule(page, { series: 'nosuch', condition: 'Value above', level: '5', cooldown: '0' });
	await addRule(page, { series: 'value', condition: 'Value above', level: '5', cooldown: '0' });

	const rules = page.getByTestId('alert-rules').getByTestId('alert-rule');
	await expect(rules).toHaveCount(2);
	await expect(rules.nth(0).getByTestId('alert-rule-warning')).toContainText(
		'This stream has no series "nosuch"'
	);
	await expect(rules.nth(1).getByTestId('alert-rule-warning')).toHaveCount(0);
	await page.getByTestId('alert-rules').screenshot({ path: 'reports/alert-unknown-series.png' });
});
