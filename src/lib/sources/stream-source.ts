import { readFileSource } from './file-source';
import type { MappingChoice } from './record-pipeline';
import { SourceOutput } from './source-output';
import { WebSocketSource } from './websocket-source';

/** The stream worker's service: one file or one connection at a time. */
export class StreamSource {
	readonly output = new SourceOutput();
	#abort: AbortController | null = null;
	#socket: WebSocketSource | null = null;

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

	stop(): void {
		this.#abort?.abort();
		this.#abort = null;
		this.#socket?.stop();
		this.#socket = null;
	}
}
