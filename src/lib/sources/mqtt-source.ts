import mqtt, { type MqttClient } from 'mqtt';
import { excerptOf, parseJsonLine } from '../ingest/json-line';
import { RecordPipeline, type MappingChoice } from './record-pipeline';
import type { SourceOutput } from './source-output';

const flushEveryMs = 50;
/** Wait between reconnection attempts, in ms; mqtt.js retries at a fixed period. */
const reconnectMs = 2000;
/** Field added to each record with the topic it arrived on. */
export const TOPIC_FIELD = '_topic';

/**
 * An MQTT client over WebSocket (the `mqtt` package), subscribed to one topic filter. Each
 * message's payload is one JSON record or an array of them; the topic is kept in each record's
 * `_topic` field, so it can be the category. A payload that is not JSON is counted as an error
 * with its message number and topic.
 */
export class MqttSource {
	#url: string;
	#topic: string;
	#output: SourceOutput;
	#pipeline: RecordPipeline;
	#client: MqttClient | null = null;
	#decoder = new TextDecoder('utf-8');
	#messages = 0;
	#flushTimer: ReturnType<typeof setInterval> | null = null;

	constructor(url: string, output: SourceOutput, choice: MappingChoice, topic: string) {
		this.#url = url;
		this.#topic = topic;
		this.#output = output;
		this.#pipeline = new RecordPipeline(output, 'mqtt', `${url} ${topic}`, choice);
	}

	start(): void {
		this.#flushTimer = setInterval(() => this.#pipeline.flush(), flushEveryMs);
		this.#output.status('connecting', this.#url);
		let client: MqttClient;
		try {
			client = mqtt.connect(this.#url, {
				reconnectPeriod: reconnectMs,
				connectTimeout: 10_000,
				clean: true
			});
		} catch (error) {
			this.#output.status('error', `invalid MQTT URL ${this.#url}: ${(error as Error).message}`);
			return;
		}
		this.#client = client;

		client.on('connect', () => {
			client.subscribe(this.#topic, { qos: 0 }, (error) => {
				if (error) {
					this.#output.status('error', `could not subscribe to ${this.#topic}: ${error.message}`);
				} else this.#output.status('live', `${this.#url}, topic ${this.#topic}`);
			});
		});
		client.on('reconnect', () => {
			this.#pipeline.flush(true);
			this.#output.status(
				'reconnecting',
				`${this.#url}: connection lost; retrying every ${reconnectMs / 1000} s`
			);
		});
		client.on('error', (error) => {
			this.#output.status('reconnecting', `${this.#url}: ${error.message}`);
		});
		client.on('message', (topic, payload) => this.#receive(topic, payload));
	}

	stop(): void {
		if (this.#flushTimer !== null) clearInterval(this.#flushTimer);
		this.#client?.end(true);
		this.#client = null;
		this.#pipeline.flush(true);
		this.#output.status('idle', `disconnected from ${this.#url}`);
	}

	/** Reconnects at once instead of waiting for the next attempt. */
	retryNow(): void {
		if (this.#client && !this.#client.connected) this.#client.reconnect();
	}

	#receive(topic: string, payload: Uint8Array): void {
		this.#messages += 1;
		const text = this.#decoder.decode(payload);
		const result = parseJsonLine(text, this.#messages);
		const arrival = Date.now();
		if (result.kind === 'error') {
			this.#pipeline.error({
				line: this.#messages,
				message: `payload on topic ${topic} is not a JSON object: ${result.error.message}`,
				excerpt: excerptOf(text)
			});
			return;
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
