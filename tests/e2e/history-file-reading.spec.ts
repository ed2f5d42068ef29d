import { execFileSync } from 'node:child_process';
import { expect, test, type Page, type Worker } from './support/test';

/** Records in the dropped file, about 14 MB of the producer's flat shape. */
const FILE_RECORDS = 100_000;

/**
 * Bytes of the file that the stream worker reads before the first and the second hold. The
 * first read returns one chunk (about 1 MiB of a file on disk in Chromium 156), and its records
 * are sent at once. The next 3 MB or more contain over 20,000 records, so at least one more batch
 * of 8,192 is sent before the second hold.
 */
const FIRST_HOLD_BYTES = 1;
const SECOND_HOLD_BYTES = 4_000_000;

/** The hold that `holdReads` installs in a worker's global scope. */
interface ReadHold {
	/** Bytes after which reads wait until the limit is raised. */
	limit: number;
	bytes: number;
	waiting: (() => void)[];
}

/** Writes `count` records with the producer's file mode. */
function writeRecords(path: string, count: number): void {
	const args = ['--import', 'tsx', 'producer/cli.ts', 'file', '--file', path];
	execFileSync(process.execPath, [...args, '--count', String(count), '--seed', '3']);
}

/** Waits for the page's stream worker, which reads dropped files. */
async function streamWorker(page: Page): Promise<Worker> {
	await expect
		.poll(() => page.workers().filter((worker) => /stream\.worker/.test(worker.url())).length)
		.toBe(1);
	return page.workers().find((worker) => /stream\.worker/.test(worker.url()))!;
}

/**
 * Makes each `ReadableStreamDefaultReader.read` in `worker` wait, once the reads have returned
 * `limit` bytes, until `raiseReadLimit` lets it through. The app has no way to pause a file
 * being read, and a file that takes seconds to read would be written before it ends anyway
 * (past 24 MiB of columns), so the test pauses the reads in the worker instead.
 */
async function holdReads(worker: Worker, limit: number): Promise<void> {
	await worker.evaluate((first) => {
		const hold: ReadHold = { limit: first, bytes: 0, waiting: [] };
		(globalThis as unknown as { readHold: ReadHold }).readHold = hold;
		const read = ReadableStreamDefaultReader.prototype.read;
		ReadableStreamDefaultReader.prototype.read = async function (
			this: ReadableStreamDefaultReader
		) {
			while (hold.bytes >= hold.limit) {
				await new Promise<void>((resolve) => hold.waiting.push(resolve));
			}
			const result = await read.call(this);
			hold.bytes += (result.value as Uint8Array | undefined)?.byteLength ?? 0;
			return result;
		} as typeof read;
	}, limit);
}

async function raiseReadLimit(worker: Worker, limit: number): Promise<void> {
	await worker.evaluate((next) => {
		const hold = (globalThis as unknown as { readHold: ReadHold }).readHold;
		hold.limit = next;
		for (const resolve of hold.waiting.splice(0)) resolve();
	}, limit);
}

/**
 * Drops the file at `path` on the page. A file input added outside the app takes the file from
 * disk, so that its bytes are not copied into the page, and a drop event then carries it.
 */
async function dropFile(page: Page, path: string): Promise<void> {
	await page.evaluate(() => {
		const input = document.createElement('input');
		input.type = 'file';
		input.id = 'test-drop-source';
		input.hidden = true;
		document.body.append(input);
	});
	await page.locator('#test-drop-source').setInputFiles(path);
	await page.evaluate(() => {
		const input = document.querySelector<HTMLInputElement>('#test-drop-source')!;
		const transfer = new DataTransfer();
		transfer.items.add(input.files![0]);
		input.remove();
		const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
		document.querySelector('main')!.dispatchEvent(drop);
	});
}

async function recordCount(row: ReturnType<Page['getByTestId']>): Promise<number> {
	return Number(await row.getAttribute('data-value'));
}

test('history lists a file while it is read', async ({ page, context }, testInfo) => {
	const path = testInfo.outputPath('readings.jsonl');
	writeRecords(path, FILE_RECORDS);
	await page.goto('/?source=file');
	const worker = await streamWorker(page);
	await holdReads(worker, FIRST_HOLD_BYTES);

	const history = await context.newPage();
	await history.goto('/history/');
	await expect(history.getByText('No recorded sessions yet.')).toBeVisible();
	await dropFile(page, path);

	// The reads are paused, so the file is still being read while the row shows.
	const session = history.getByTestId('session');
	await expect(session).toHaveAttribute('data-state', 'recording');
	await expect.poll(() => recordCount(session)).toBeGreaterThan(0);
	const first = await recordCount(session);
	expect(first).toBeLessThan(FILE_RECORDS);
	await expect(session).toContainText('file');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');

	await raiseReadLimit(worker, SECOND_HOLD_BYTES);
	await expect.poll(() => recordCount(session)).toBeGreaterThan(first);
	await expect(session).toHaveAttribute('data-state', 'recording');
	expect(await recordCount(session)).toBeLessThan(FILE_RECORDS);

	await raiseReadLimit(worker, Infinity);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect(session).toHaveAttribute('data-state', 'complete');
	await expect(session).toHaveAttribute('data-value', String(FILE_RECORDS));
	await expect(history.getByTestId('session')).toHaveCount(1);
});
