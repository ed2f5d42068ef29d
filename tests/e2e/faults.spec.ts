import { expect, test, type Page } from './support/test';
import { startProducer, type RunningProducer } from './support/producer';

// Ports of the producers these tests start themselves, next to the one the config starts.
const basePort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
const garbagePort = basePort + 7;
const restartPort = basePort + 8;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Reads a figure once two reads 500 ms apart agree, so batches still in flight are counted. */
async function settledFigure(page: Page, testid: string): Promise<number> {
	let previous = await figure(page, testid);
	await expect
		.poll(async () => {
			await page.waitForTimeout(500);
			const current = await figure(page, testid);
			const settled = current === previous;
			previous = current;
			return settled;
		})
		.toBe(true);
	return previous;
}

const started: RunningProducer[] = [];

test.afterEach(async () => {
	for (const producer of started.splice(0)) {
		if (producer.child.exitCode === null && producer.child.signalCode === null) {
			producer.child.kill('SIGKILL');
		}
		await producer.exited;
	}
});

test('garbage between records is counted', async ({ page }) => {
	const sent = 3000;
	const producer = await startProducer(garbagePort, [
		'--rate',
		'1000',
		'--count',
		String(sent),
		'--garbage-rate',
		'0.1',
		'--seed',
		'11'
	]);
	started.push(producer);

	await page.goto(`/?source=websocket&url=ws://127.0.0.1:${garbagePort}`);
	expect(await producer.exited).toBe(0);
	const summary = /sent (\d+) records, (\d+) of them invalid JSON/.exec(producer.log());
	expect(summary, producer.log()).not.toBeNull();
	const invalid = Number(summary![2]);
	expect(Number(summary![1])).toBe(sent);
	expect(invalid).toBeGreaterThan(0);

	// The producer closes normally (1000) when --count is reached, which ends the stream.
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	await expect.poll(() => figure(page, 'record-count')).toBe(sent - invalid);
	expect(await figure(page, 'error-count')).toBe(invalid);
	await expect(page.getByTestId('error-item').first()).toContainText('invalid JSON');
});

test('killed server is reconnected without duplicates', async ({ page }) => {
	const first = await startProducer(restartPort, ['--rate', '500', '--seed', '3']);
	started.push(first);
	await page.goto(`/?source=websocket&url=ws://127.0.0.1:${restartPort}`);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live');
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(200);

	first.child.kill('SIGKILL');
	expect(await first.exited).toBe('SIGKILL');
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'reconnecting');
	await expect(page.getByText(/retrying in/)).toBeVisible();
	const beforeRestart = await settledFigure(page, 'record-count');
	await page.screenshot({ path: 'reports/faults-reconnecting.png' });

	// The restarted server sends exactly `count` messages to the page, its only client.
	const count = 1500;
	const second = await startProducer(restartPort, [
		'--rate',
		'500',
		'--seed',
		'4',
		'--count',
		String(count)
	]);
	started.push(second);
	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'live', {
		timeout: 40_000
	});
	await expect.poll(() => figure(page, 'record-count')).toBeGreaterThan(beforeRestart);

	expect(await second.exited).toBe(0);
	expect(second.log()).toContain(`sent ${count} records`);
	await expect.poll(() => figure(page, 'record-count')).toBe(beforeRestart + count);
	expect(await figure(page, 'error-count')).toBe(0);

	// The disconnect is one gap on the chart, and no record came twice: the buffer would have
	// dropped a repeated one and counted it.
	await expect(page.getByTestId('gap-marks')).toHaveAttribute('data-value', '1');
	await expect(page.getByTestId('gap-item')).toHaveCount(1);
	await expect(page.getByTestId('gap-item')).toContainText('disconnected for');
	await expect(page.getByTestId('order-counts')).toHaveCount(0);
	await page.getByTestId('timeseries').screenshot({ path: 'reports/faults-gap-mark.png' });
	await page.screenshot({ path: 'reports/faults-gap-page.png', fullPage: true });
});
