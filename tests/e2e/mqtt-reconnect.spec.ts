import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import mqtt from 'mqtt';
import { expect, test, type Page } from './support/test';

// A broker of this test's own, which it stops and starts again. The Playwright config's broker
// keeps running for the other MQTT tests. Two ports inside the producer's range that no other
// test uses: WebSockets, then plain MQTT.
const basePort = Number(process.env.PRODUCER_WS_PORT ?? 18765);
const brokerWsPort = basePort + 2;
const brokerTcpPort = basePort + 3;

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/** Starts Mosquitto through the test support script and resolves once it accepts clients. */
async function startBroker(): Promise<ChildProcess> {
	const broker = spawn('node', ['tests/support/start-mosquitto.js'], {
		env: {
			...process.env,
			MQTT_WS_PORT: String(brokerWsPort),
			MQTT_TCP_PORT: String(brokerTcpPort)
		},
		stdio: 'ignore'
	});
	await expect
		.poll(
			async () => {
				try {
					const probe = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerTcpPort}`, {
						reconnectPeriod: 0,
						connectTimeout: 1000
					});
					await probe.endAsync();
					return true;
				} catch {
					return false;
				}
			},
			{ timeout: 15_000 }
		)
		.toBe(true);
	return broker;
}

/** Stops a broker started by {@link startBroker}: the script passes SIGTERM on to Mosquitto. */
async function stopBroker(broker: ChildProcess): Promise<void> {
	if (broker.exitCode !== null || broker.signalCode !== null) return;
	const exited = once(broker, 'exit');
	broker.kill('SIGTERM');
	await exited;
}

async function publish(from: number, count: number): Promise<void> {
	const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerTcpPort}`);
	try {
		for (let i = from; i < from + count; i++) {
			const ts = Date.UTC(2024, 4, 1, 10, 0, i);
			await publisher.publishAsync('drop/sensor', JSON.stringify({ ts, level: i }));
		}
	} finally {
		await publisher.endAsync();
	}
}

const brokers: ChildProcess[] = [];
test.afterEach(async () => {
	for (const broker of brokers.splice(0)) await stopBroker(broker);
});

test('mqtt broker drop backs off', async ({ page }) => {
	const first = await startBroker();
	brokers.push(first);
	const url = `ws://127.0.0.1:${brokerWsPort}`;
	await page.goto(`/?source=mqtt&topic=${encodeURIComponent('drop/#')}&url=${url}`);
	const status = page.getByTestId('source-status');
	await expect(status).toHaveAttribute('data-value', 'live');
	await publish(0, 10);
	await expect.poll(() => figure(page, 'record-count')).toBe(10);

	await stopBroker(first);
	await expect(status).toHaveAttribute('data-value', 'reconnecting');
	await expect(page.getByText(/retrying in/)).toBeVisible();
	// The package's own reconnect waited a fixed 2 s. A countdown of 3 s or more shows that the
	// wait grows with each failed attempt.
	await expect
		.poll(() => figure(page, 'reconnect-countdown'), { timeout: 60_000 })
		.toBeGreaterThanOrEqual(3);

	const second = await startBroker();
	brokers.push(second);
	await page.getByTestId('retry-now').click();
	await expect(status).toHaveAttribute('data-value', 'live', { timeout: 2500 });

	await publish(10, 5);
	await expect.poll(() => figure(page, 'record-count')).toBe(15);
	await expect(page.getByTestId('gap-marks')).toHaveAttribute('data-value', '1');
	expect(await figure(page, 'error-count')).toBe(0);
});
