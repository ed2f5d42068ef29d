import { expect, test, type Page } from './support/test';
import { formatTime } from '../../src/lib/client/session-links';
import { LEAD_IN_RECORDS } from '../../src/lib/history/lead-in';
import { dumpHistory, figure, type DumpedSession } from './support/history-db';

const kpis = ['record-count', 'kpi-mean', 'kpi-std', 'kpi-min', 'kpi-max', 'anomaly-count'];

async function figures(page: Page): Promise<Record<string, number>> {
	const result: Record<string, number> = {};
	for (const testid of kpis) result[testid] = await figure(page, testid);
	return result;
}

/**
 * Counts the lead-in a seek to `time` sends: every record older than it, because the sessions
 * here are shorter than the lead-in bound.
 */
function leadIn(session: DumpedSession, time: number): number {
	expect(session.recordCount).toBeLessThan(LEAD_IN_RECORDS);
	return session.time.filter((t) => t < time).length;
}

/** Reads the newest record time the chart shows. */
async function chartEnd(page: Page): Promise<number> {
	return Number(await page.getByTestId('timeseries').getAttribute('data-to'));
}

/** Records the simulator until it has sent more than `count` records, then stops it. */
async function record(page: Page, count: number): Promise<Record<string, number>> {
	await page.goto('/?rate=1000');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(count);
	await page.getByTestId('stop').click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'idle');
	// One more frame, so that the figures shown are those after the last batch.
	await page.waitForTimeout(300);
	return figures(page);
}

test('replay reproduces the recorded figures', async ({ page }) => {
	const recorded = await record(page, 4000);
	const [session] = await dumpHistory(page);
	expect(session.recordCount).toBe(recorded['record-count']);

	await page.goto(`/?replay=${session.id}&speed=max`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(recorded['record-count']);
	expect(await figures(page)).toEqual(recorded);
	await expect(page.getByText(`Replay of ${session.name}`)).toBeVisible();

	// A replay is not recorded again.
	expect(await dumpHistory(page)).toHaveLength(1);
});

test('replay paces by record time and seeks', async ({ page }) => {
	await record(page, 3000);
	const [session] = await dumpHistory(page);
	await page.goto('/history/');
	await page.getByRole('link', { name: 'Replay' }).click();
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	// No source's Start or Connect button shows, because it would leave the replay.
	await expect(page.getByTestId('start')).toHaveCount(0);

	const scrubber = page.getByTestId('replay-scrubber');
	const start = Number(await scrubber.getAttribute('min'));
	const end = Number(await scrubber.getAttribute('max'));
	await expect
		.poll(async () => Number(await scrubber.getAttribute('data-value')))
		.toBeGreaterThan(start);
	// At 1× a session of three seconds or more is still playing after half a second.
	expect(await figure(page, 'record-count')).toBeLessThan(3000);
	// Paused, the figures show exactly the records up to the position, the newest time sent. The
	// bar reads the position four times a second, so it is read once two readings agree.
	const toggle = page.getByTestId('replay-toggle');
	await toggle.click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'paused');
	const position = async () => Number(await scrubber.getAttribute('data-value'));
	let at = NaN;
	await expect
		.poll(async () => {
			const before = await position();
			await page.waitForTimeout(300);
			at = await position();
			return at === before;
		})
		.toBe(true);
	const sentByThen = session.time.filter((time) => time <= at).length;
	await expect.poll(() => figure(page, 'record-count')).toBe(sentByThen);
	expect(Number(await page.getByTestId('timeseries').getAttribute('data-from'))).toBe(start);
	await toggle.click();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// Seek to the last half second. The analysis starts over there, after a lead-in of the records
	// before it. fill() on a range input fires its input and change events.
	const seek = end - 500;
	await scrubber.fill(String(seek));
	await page.getByTestId('replay-speed').selectOption({ label: '100×' });
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	const remaining = session.time.filter((time) => time >= seek).length;
	expect(remaining).toBeGreaterThanOrEqual(499);
	expect(remaining).toBeLessThanOrEqual(501);
	await expect.poll(() => figure(page, 'record-count')).toBe(leadIn(session, seek) + remaining);
});

test('replay seeks while paused and stays paused', async ({ page }) => {
	await record(page, 3000);
	const [session] = await dumpHistory(page);
	await page.goto(`/?replay=${session.id}&speed=1`);
	const status = page.getByTestId('source-status');
	const toggle = page.getByTestId('replay-toggle');
	const scrubber = page.getByTestId('replay-scrubber');
	await expect(status).toHaveAttribute('data-value', 'live');
	await toggle.click();
	await expect(toggle).toHaveText('Play');
	await expect(status).toHaveAttribute('data-value', 'paused');

	// fill() sets the value and fires input and change, as a drag does. The analysis starts over
	// at the new position with the lead-in before it, and waits there.
	const dragged = session.end - 1000;
	const draggedLeadIn = leadIn(session, dragged);
	expect(draggedLeadIn).toBeGreaterThan(0);
	await scrubber.fill(String(dragged));
	await expect(scrubber).toHaveAttribute('data-value', String(dragged));
	await expect(page.getByTestId('replay-bar')).toContainText(formatTime(dragged));
	await expect.poll(() => figure(page, 'record-count')).toBe(draggedLeadIn);
	// The chart ends at the newest record before the seek, as a live view did at that moment.
	const newest = Math.max(...session.time.filter((time) => time < dragged));
	await expect.poll(() => chartEnd(page)).toBe(newest);
	expect(dragged - (await chartEnd(page))).toBeLessThan(100);
	// At 1× a replay that played on would reach the end within this second.
	await page.waitForTimeout(1000);
	await expect(toggle).toHaveText('Play');
	await expect(status).toHaveAttribute('data-value', 'paused');
	await expect(scrubber).toHaveAttribute('data-value', String(dragged));
	expect(await figure(page, 'record-count')).toBe(draggedLeadIn);
	expect(await chartEnd(page)).toBe(newest);

	// An arrow key moves the thumb a hundredth of the session back, and also keeps the pause.
	await scrubber.press('ArrowLeft');
	await expect
		.poll(async () => Number(await scrubber.getAttribute('data-value')))
		.toBeLessThan(dragged);
	const stepped = Number(await scrubber.getAttribute('data-value'));
	const steppedLeadIn = leadIn(session, stepped);
	await expect.poll(() => figure(page, 'record-count')).toBe(steppedLeadIn);
	await page.waitForTimeout(1000);
	await expect(toggle).toHaveText('Play');
	await expect(status).toHaveAttribute('data-value', 'paused');
	expect(Number(await scrubber.getAttribute('data-value'))).toBe(stepped);
	expect(await figure(page, 'record-count')).toBe(steppedLeadIn);
	expect(stepped - (await chartEnd(page))).toBeGreaterThanOrEqual(0);
	expect(stepped - (await chartEnd(page))).toBeLessThan(100);

	// Play then sends the records from the new position to the end, and no more.
	await page.getByTestId('replay-speed').selectOption({ label: '100×' });
	await toggle.click();
	await expect(status).toHaveAttribute('data-value', 'done');
	const remaining = session.time.filter((time) => time >= stepped).length;
	await expect.poll(() => figure(page, 'record-count')).toBe(steppedLeadIn + remaining);
});

test('replay shows its own controls, not the simulator', async ({ page }) => {
	await page.goto('/?rate=50');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(150);
	await page.getByTestId('stop').click();
	const [session] = await dumpHistory(page);

	await page.goto(`/?replay=${session.id}&speed=10`);
	const source = page.getByRole('region', { name: 'Source' });
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await expect(page.getByTestId('replay-speed')).toHaveValue('10');
	await expect(page.getByTestId('replay-scrubber')).toBeVisible();
	await expect(source.getByTestId('replay-note')).toHaveText(
		'Replaying a recorded session, with its position and speed below. Choose a source to ' +
			'leave the replay.'
	);
	await expect(source.getByLabel('Records/s')).toHaveCount(0);
	await expect(source.getByLabel('Pattern')).toHaveCount(0);
	await expect(page.getByTestId('start')).toHaveCount(0);
	for (const radio of await source.getByRole('radio').all()) await expect(radio).not.toBeChecked();
	await page.screenshot({ path: 'reports/screenshots/replay-controls.png' });

	// Choosing a source shows its settings. Its main button leaves the replay, so it reads Start.
	await source.getByRole('radio', { name: 'Simulated' }).check();
	await expect(source.getByLabel('Records/s')).toBeVisible();
	await expect(page.getByTestId('start')).toHaveText('Start');
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await page.getByTestId('start').click();
	await expect(page.getByTestId('replay-bar')).toHaveCount(0);
	await expect(page.getByTestId('start')).toHaveText('Restart');
});

test('copy link during a replay shares the replay', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/?rate=50');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(50);
	await page.getByTestId('stop').click();
	const [session] = await dumpHistory(page);

	await page.goto(`/?replay=${session.id}&speed=10`);
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await page.getByTestId('copy-link').click();
	await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
	const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));

	expect(link.searchParams.get('replay')).toBe(session.id);
	expect(link.searchParams.get('speed')).toBe('10');
	expect(link.searchParams.get('source')).toBeNull();

	// A speed chosen on the replay bar goes into the next link.
	await page.getByTestId('replay-speed').selectOption({ label: '25×' });
	await expect
		.poll(async () => {
			await page.getByTestId('copy-link').click();
			const copied = await page.evaluate(() => navigator.clipboard.readText());
			return new URL(copied).searchParams.get('speed');
		})
		.toBe('25');
	// And into the address bar, so that a reload replays at the speed chosen.
	await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('25');
	expect(new URL(page.url()).searchParams.get('replay')).toBe(session.id);
});

test('replay goes on after invalid settings', async ({ page }) => {
	await page.goto('/?rate=50');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(150);
	await page.getByTestId('stop').click();
	const [session] = await dumpHistory(page);
	await page.goto(`/?replay=${session.id}&speed=1`);
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	// A rate the simulator rejects must leave the replay and its controls as they were.
	const source = page.getByRole('region', { name: 'Source' });
	await source.getByRole('radio', { name: 'Simulated' }).check();
	await source.getByLabel('Records/s').fill('0');
	await page.getByTestId('start').click();

	await expect(page.getByRole('alert').filter({ hasText: 'invalid Records/s "0"' })).toBeVisible();
	await expect(page.getByTestId('replay-bar')).toBeVisible();
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
});

test('replay ends when a file is dropped', async ({ page }) => {
	await record(page, 1000);
	const [session] = await dumpHistory(page);
	await page.goto(`/?replay=${session.id}`);
	await expect(page.getByTestId('replay-bar')).toBeVisible();

	const transfer = await page.evaluateHandle(() => {
		const data = new DataTransfer();
		const text = '{"ts":1714557600000,"v":1}\n{"ts":1714557601000,"v":2}\n';
		data.items.add(new File([text], 'two.jsonl', { type: 'application/x-ndjson' }));
		return data;
	});
	await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(2);
	await expect(page.getByTestId('replay-bar')).toHaveCount(0);
	await expect(page.getByTestId('replay-note')).toHaveCount(0);
	await expect(page.getByRole('radio', { name: 'File' })).toBeChecked();
});

test('space plays and pauses a replay', async ({ page }) => {
	await record(page, 1000);
	const [session] = await dumpHistory(page);
	await page.goto(`/?replay=${session.id}&speed=1`);
	const status = page.getByTestId('source-status');
	const toggle = page.getByTestId('replay-toggle');
	await expect(status).toHaveAttribute('data-value', 'live');
	// The replay bar's Play and Pause stand alone: the dashboard's Pause, which would freeze
	// the view while the replay went on, is off.
	await expect(page.getByTestId('pause')).toBeDisabled();
	await expect(page.getByTestId('stop')).toBeEnabled();

	await page.locator('body').press('Space');
	await expect(toggle).toHaveText('Play');
	await expect(status).toHaveAttribute('data-value', 'paused');
	const countWhenPaused = await figure(page, 'record-count');
	await page.waitForTimeout(500);
	expect(await figure(page, 'record-count')).toBe(countWhenPaused);
	await expect(page.getByTestId('paused-count')).toHaveCount(0);

	await page.locator('body').press('Space');
	await expect(toggle).toHaveText('Pause');
	await expect(status).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(countWhenPaused);

	// Two presses in quick succession pause and play again, each acting on the state before it.
	await page.locator('body').press('Space');
	await page.locator('body').press('Space');
	await page.waitForTimeout(600);
	await expect(toggle).toHaveText('Pause');
	await expect(status).toHaveAttribute('data-value', 'live');
});

test('replay seeks in a session stored by version 1', async ({ page }) => {
	// A page of the origin without workers, so that the app opens the database only afterwards.
	await page.goto('/favicon.svg');
	// An hour ago, so that the retention policy's maximum age keeps the session.
	const start = Math.round(Date.now() / 1000) * 1000 - 3_600_000;
	const count = 3000;
	await page.evaluate(
		async ({ start, count }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('streamlens-history', 1);
				request.onupgradeneeded = () => {
					request.result.createObjectStore('sessions', { keyPath: 'id' });
					request.result.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
					request.result.createObjectStore('settings');
				};
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
			// Three chunks of 1000 records, 10 ms apart, with value i.
			for (let seq = 0; seq < 3; seq++) {
				const time = Float64Array.from({ length: 1000 }, (_, k) => start + 10 * (1000 * seq + k));
				tx.objectStore('chunks').put({
					sessionId: 'old',
					seq,
					count: 1000,
					minTime: time[0],
					maxTime: time[999],
					time,
					values: [Float64Array.from({ length: 1000 }, (_, k) => 1000 * seq + k)],
					category: new Int32Array(1000).fill(-1),
					categories: []
				});
			}
			tx.objectStore('sessions').put({
				id: 'old',
				name: 'Stored by version 1',
				source: 'websocket',
				label: 'ws://127.0.0.1:1',
				settings: null,
				series: ['v'],
				mapping: null,
				start,
				end: start + 10 * (count - 1),
				createdAt: start,
				recordCount: count,
				bytes: count * 20,
				state: 'complete'
			});
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ start, count }
	);

	await page.goto('/?replay=old&speed=1');
	const status = page.getByTestId('source-status');
	const toggle = page.getByTestId('replay-toggle');
	await expect(status).toHaveAttribute('data-value', 'live');
	await toggle.click();
	await expect(status).toHaveAttribute('data-value', 'paused');

	// The seek's lead-in is every record before record 2500, and play sends the other 500.
	await page.getByTestId('replay-scrubber').fill(String(start + 10 * 2500));
	await expect.poll(() => figure(page, 'record-count')).toBe(2500);
	expect(await figure(page, 'kpi-max')).toBe(2499);
	await page.getByTestId('replay-speed').selectOption({ label: '100×' });
	await toggle.click();
	await expect(status).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(count);
	expect(await figure(page, 'kpi-max')).toBe(count - 1);

	// The app upgraded the database in place and kept the session.
	const upgraded = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('streamlens-history');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const result = {
			version: db.version,
			indexes: [...db.transaction('chunks').objectStore('chunks').indexNames]
		};
		db.close();
		return result;
	});
	expect(upgraded).toEqual({ version: 2, indexes: ['summary'] });
	const [session] = await dumpHistory(page);
	expect(session.time).toHaveLength(count);
});
