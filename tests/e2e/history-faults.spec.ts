import { expect, test } from './support/test';
import { dumpHistory, figure } from './support/history-db';

async function written(page: import('@playwright/test').Page): Promise<number> {
	return Number(await page.getByTestId('history-status').getAttribute('data-written'));
}

test('full quota deletes the oldest session and recording goes on', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/?rate=20000');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(40_000);
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('history-status')).toHaveCount(0);
	const [older] = await dumpHistory(page);
	expect(older.state).toBe('complete');

	// Leave a little room above what is stored now, then record more than fits in it.
	const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	const cdp = await page.context().newCDPSession(page);
	const origin = new URL(page.url()).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 300_000 });

	await page.goto('/?rate=2000');
	await expect(page.getByTestId('history-problem')).toContainText(
		'Storage is full (QuotaExceededError)',
		{ timeout: 30_000 }
	);
	await expect(page.getByTestId('history-problem')).toContainText('recording continues');
	const sessions = await dumpHistory(page);
	expect(sessions.map((s) => s.id)).not.toContain(older.id);

	// Records are still written after the quota error. The count of stored records may also
	// fall, when the policy frees room by dropping this session's own oldest chunks.
	// On a loaded machine the writes waited more than 15 s after the older session was deleted,
	// with nothing more to delete: the browser still counted the deleted bytes against the quota,
	// most likely until its storage compacted them.
	const after = await written(page);
	await expect.poll(() => written(page), { timeout: 60_000 }).not.toBe(after);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});

test('unusable IndexedDB shows a banner and the dashboard runs', async ({ page }) => {
	// A page of the origin without workers, so that no connection blocks the upgrade.
	await page.goto('/favicon.svg');
	// A database from a newer version cannot be opened at the app's version: VersionError.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('streamlens-history', 999);
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			})
	);
	await page.goto('/?rate=200');
	await expect(page.getByTestId('history-banner')).toContainText('History is off');
	await expect(page.getByTestId('history-banner')).toContainText('VersionError');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(100);
	await expect(page.getByTestId('history-status')).toHaveCount(0);

	await page.goto('/history/');
	await expect(page.getByTestId('history-page-problem')).toContainText('History is unavailable');
});

test('older tab holding the history shows a banner', async ({ page, context }) => {
	// A tab of the previous version: it opened the database at version 1 and never closes it.
	const older = await context.newPage();
	await older.goto('/favicon.svg');
	await older.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('streamlens-history', 1);
				request.onupgradeneeded = () => {
					request.result.createObjectStore('sessions', { keyPath: 'id' });
					request.result.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
					request.result.createObjectStore('settings');
				};
				request.onsuccess = () => {
					(globalThis as { olderDb?: IDBDatabase }).olderDb = request.result;
					resolve();
				};
				request.onerror = () => reject(request.error);
			})
	);

	await page.goto('/?rate=200');
	const banner = page.getByTestId('history-banner');
	await expect(banner).toContainText('a Streamlens tab of an older version has the history open');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(100);
	await expect(page.getByTestId('history-status')).toHaveCount(0);

	// Once the older tab closes, a reload upgrades the database and records.
	await older.close();
	await page.reload();
	await expect(page.getByTestId('history-status')).toBeVisible();
	await expect(banner).toHaveCount(0);
});
