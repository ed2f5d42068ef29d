import type { MqttClient } from 'mqtt';
import { excerptOf, parseJsonLine } from '../ingest/json-line';
import { backoffDelay } from './backoff';
import { DisconnectClock } from './disconnect-clock';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import { RetryWait } from './retry-wait';
import type { SourceOutput } from './source-output';

const flushEveryMs = 50;
/** First wait before reconnecting, in ms; later waits grow as {@link backoffDelay} computes. */
const firstRetryMs = 500;
/** Field added to each record with the topic it arrived on. */
export const TOPIC_FIELD = '_topic';

/** Describes a connection to the broker that failed before the broker accepted it. */
function failedConnect(url: string, error: string): string {
	const cause = error === '' ? '' : ` (${error})`;
	return (
		`could not connect to ${url}${cause}: the broker may be down or refusing connections, ` +
		'or the URL may not be its WebSocket listener'
	);
}

/**
 * An MQTT client over WebSocket (the `mqtt` package), subscribed to one topic filter. Each
 * message's payload is one JSON record or an array of them; the topic is kept in each record's
 * `_topic` field, so it can be the category. A payload that is not JSON is counted as an error
 * with its message number and topic.
 *
 * The package's own reconnect, which retries at a fixed period, is turned off: this source
 * reconnects with the same exponential backoff, full jitter and countdown as the WebSocket
 * source, and subscribes again on each connect because the session is clean.
 */
export class MqttSource {
	#url: string;
	#topic: string;
	#output: SourceOutput;
	#pipeline: RecordPipeline;
	#lenient: boolean;
	#client: MqttClient | null = null;
	#decoder = new TextDecoder('utf-8');
	#messages = 0;
	#failures = 0;
	#stopped = false;
	#lastError = '';
	/** Whether the broker accepted the connection since the last close. */
	#connected = false;
	#wait = new RetryWait();
	#disconnects = new DisconnectClock();
	#flushTimer: ReturnType<typeof setInterval> | null = null;

	constructor(url: string, output: SourceOutput, choice: MappingChoice, topic: string) {
		this.#url = url;
		this.#topic = topic;
		this.#output = output;
		this.#lenient = choice.lenient === true;
		this.#pipeline = new RecordPipeline(output, 'mqtt', `${url} ${topic}`, choice);
	}

	/** Loads the MQTT client and starts connecting. Resolves once the first attempt has begun. */
	async start(): Promise<void> {
		this.#pipeline.announce();
		this.#flushTimer = setInterval(() => this.#pipeline.flush(), flushEveryMs);
		this.#output.status('connecting', this.#url);
		// The package is imported here, not at the top, so that it is a chunk of its own (98 KB
		// gzipped with mqtt 5.16) that only an MQTT connection downloads. The service worker
		// precaches it, so it loads offline too.
		let mqtt: typeof import('mqtt').default;
		try {
			mqtt = (await import('mqtt')).default;
		} catch (error) {
			const reason = (error as Error).message;
			const hint = 'Open the app once while online so that the service worker caches it.';
			this.#output.status('error', `could not load the MQTT client: ${reason}. ${hint}`);
			return;
		}
		if (this.#stopped) return;

		let client: MqttClient;
		try {
			client = mqtt.connect(this.#url, { reconnectPeriod: 0, connectTimeout: 10_000, clean: true });
		} catch (error) {
			this.#output.status('error', `invalid MQTT URL ${this.#url}: ${(error as Error).message}`);
			return;
		}
		this.#client = client;

		client.on('connect', () => {
			this.#connected = true;
			this.#failures = 0;
			client.subscribe(this.#topic, { qos: 0 }, (error) => {
				if (error) {
					this.#output.status('error', `could not subscribe to ${this.#topic}: ${error.message}`);
					return;
				}
				this.#disconnects.restored(this.#output);
				this.#output.status('live', `${this.#url}, topic ${this.#topic}`);
			});
		});
		client.on('error', (error) => {
			this.#lastError = error.message;
		});
		client.on('close', () => this.#closed());
		client.on('message', (topic, payload) => this.#receive(topic, payload));
	}

	stop(): void {
		this.#stopped = true;
		this.#wait.cancel();
		if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
		this.#client?.end(true);
		this.#client = null;
		this.#pipeline.flush(true);
		this.#output.status('idle', `disconnected from ${this.#url}`);
	}

	/** Skips the wait before the next reconnection attempt. */
	retryNow(): void {
		this.#wait.retryNow();
	}

	/** When the next reconnection attempt starts, in epoch ms, or null when none is waiting. */
	get retryAt(): number | null {
		return this.#wait.retryAt;
	}

	/** Waits with backoff after a lost or refused connection, then connects again. */
	#closed(): void {
		const client = this.#client;
		if (this.#stopped || client === null || this.#wait.waiting) return;

		this.#pipeline.flush(true);
		let reason = failedConnect(this.#url, this.#lastError);
		let detail = reason;
		if (this.#connected) {
			reason = this.#lastError || 'connection lost';
			detail = `${this.#url}: ${reason}`;
		}
		this.#lastError = '';
		this.#connected = false;
		this.#disconnects.lost(reason);
		const delay = backoffDelay(this.#failures++, firstRetryMs);
		this.#output.status('reconnecting', detail);
		void this.#wait.wait(delay, true).then(() => {
			if (this.#stopped || this.#client !== client) return;
			this.#output.status('reconnecting', `${this.#url}: connecting`);
			client.reconnect();
		});
	}

	#receive(topic: string, payload: Uint8Array): void {
		this.#messages += 1;
		const text = this.#decoder.decode(payload);
		const result = parseJsonLine(text, this.#messages, { lenient: this.#lenient });
		const arrival = Date.now();
		if (result.kind === 'error') {
			this.#pipeline.error({
				line: this.#messages,
				message: `payload on topic ${topic} is not a JSON object: ${result.error.message}`,
				excerpt: excerptOf(text)
			});
			return;
		}
		if (result.warning !== undefined) {
			this.#pipeline.warning({ line: this.#messages, message: result.warning });
		}
		if (result.kind === 'blank') {
			this.#pipeline.error({ line: this.#messages, message: `empty payload on topic ${topic}` });
			return;
		}
		const values = result.kind === 'record' ? [result.value] : result.values;
		for (const value of values) {
			if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
				Object.defineProperty(value, TOPIC_FIELD, {
					value: topic,
					enumerable: true,
					writable: true,
					configurable: true
				});
			}
			this.#pipeline.record(value, this.#messages, arrival);
		}
	}
}
