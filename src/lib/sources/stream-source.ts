import type { EventTypeCount, FieldReport } from '../protocol';
import { readFileSource } from './file-source';
import { HttpSource } from './http-source';
import { MqttSource } from './mqtt-source';
import type { MappingChoice } from './record-pipeline';
import { SourceOutput } from './source-output';
import { SseSource } from './sse-source';
import { WebSocketSource } from './websocket-source';

/** The stream worker's service: one file or one connection at a time. */
export class StreamSource {
	readonly output = new SourceOutput();
	#abort: AbortController | null = null;
	#socket: WebSocketSource | null = null;
	#sse: SseSource | null = null;
	#http: HttpSource | null = null;
	#mqtt: MqttSource | null = null;

	connect(port: MessagePort): void {
		this.output.attach(port);
	}

	/** Reads a file to its end; resolves when done or stopped. */
	async openFile(file: File, choice: MappingChoice = {}): Promise<void> {
		this.stop();
		const abort = new AbortController();
		this.#abort = abort;
		await readFileSource(file, this.output, choice, abort.signal);
		if (this.#abort === abort) this.#abort = null;
	}

	openWebSocket(url: string, choice: MappingChoice = {}): void {
		this.stop();
		this.#socket = new WebSocketSource(url, this.output, choice);
		this.#socket.start();
	}

	/** Opens a Server-Sent Events stream; `eventType` null takes events of every type. */
	openSse(url: string, choice: MappingChoice = {}, eventType: string | null = null): void {
		this.stop();
		this.#sse = new SseSource(url, this.output, choice, eventType);
		this.#sse.start();
	}

	/** Polls a JSON URL every `intervalMs`, or streams it when it answers with JSON Lines. */
	openHttp(url: string, choice: MappingChoice = {}, intervalMs = 1000): void {
		this.stop();
		this.#http = new HttpSource(url, this.output, choice, intervalMs);
		this.#http.start();
	}

	/** Subscribes to an MQTT topic filter over WebSocket, loading the MQTT client first. */
	async openMqtt(url: string, choice: MappingChoice = {}, topic = '#'): Promise<void> {
		this.stop();
		this.#mqtt = new MqttSource(url, this.output, choice, topic);
		await this.#mqtt.start();
	}

	/** Fields of the open source with sample values, and the mapping in use. */
	fields(): FieldReport | null {
		return this.output.fieldReport;
	}

	/** SSE event types seen so far; empty for other sources. */
	eventTypes(): EventTypeCount[] {
		return this.#sse?.eventTypes() ?? [];
	}

	/** Chooses the SSE event type that becomes records; null takes every type. */
	setEventType(type: string | null): void {
		this.#sse?.setEventType(type);
	}

	/** When the open connection's next reconnection attempt starts, in epoch ms, or null. */
	retryAt(): number | null {
		return (
			this.#socket?.retryAt ??
			this.#sse?.retryAt ??
			this.#http?.retryAt ??
			this.#mqtt?.retryAt ??
			null
		);
	}

	/** Skips the wait before the next reconnection attempt of the open connection. */
	retryNow(): void {
		this.#sse?.retryNow();
		this.#http?.retryNow();
		this.#socket?.retryNow();
		this.#mqtt?.retryNow();
	}

	stop(): void {
		this.output.fieldReport = null;
		this.#abort?.abort();
		this.#abort = null;
		this.#socket?.stop();
		this.#socket = null;
		this.#sse?.stop();
		this.#sse = null;
		this.#http?.stop();
		this.#http = null;
		this.#mqtt?.stop();
		this.#mqtt = null;
	}
}
