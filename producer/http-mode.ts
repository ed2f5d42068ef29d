import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Generator, type SimSample } from '../src/lib/sim/generator';
import { GarbageInjector } from './garbage';
import { log } from './log';
import type { ProducerOptions } from './options';
import { answerHealth, startServer, urlHost } from './serve';
import { shapeRecord } from './shapes';

/** Interval of each stream's send timer, in milliseconds. */
const TICK_MS = 20;
/** Reconnection delay that the SSE stream's `retry` field sets for clients, in milliseconds. */
const SSE_RETRY_MS = 1000;
/** Interval of SSE comment lines that keep idle proxies from closing the stream. */
const KEEPALIVE_MS = 15_000;

const CORS = {
	'access-control-allow-origin': '*',
	'access-control-allow-headers': 'last-event-id, cache-control',
	'access-control-expose-headers': 'content-type'
};

/**
 * Record `seq` (1-based) of the seeded run. Every connection builds its own generator and skips
 * to its start, so a record's values depend only on the seed and its number: a client that
 * resumes after a restart of the producer gets the same records it would have got before.
 */
class RecordCursor {
	#generator: Generator;
	#garbage: GarbageInjector;
	#options: ProducerOptions;
	#next = 1;
	/** Time of the last record sent, epoch ms. */
	#lastMs = -Infinity;

	constructor(options: ProducerOptions, startSeq: number) {
		this.#options = options;
		this.#generator = new Generator(options.sim, Date.now());
		this.#garbage = new GarbageInjector(options.garbageRate, options.sim.seed);
		const skip: SimSample = { time: 0, value: 0, category: 0 };
		for (; this.#next < startSeq; this.#next++) {
			this.#generator.nextInto(skip);
			this.#garbage.skip();
		}
	}

	get nextSeq(): number {
		return this.#next;
	}

	take(): { seq: number; text: string } {
		const seq = this.#next++;
		const record = this.#generator.next();
		// The clock at sending time, so that a resumed stream does not jump back in time. Records
		// sent in the same millisecond get the next ones, because a reader takes two records of
		// equal time and category for one record sent twice.
		this.#lastMs = Math.max(Date.now(), this.#lastMs + 1);
		record.timestamp = new Date(this.#lastMs).toISOString();
		const shaped = shapeRecord(record, this.#options.shape, seq, this.#options.devices);
		// The garbage draw follows the record number too, so `/events` after a resume, `/stream`
		// and `/latest` replace the same records.
		return { seq, text: this.#garbage.apply(JSON.stringify(shaped)) };
	}
}

/** Sends records from `cursor` at the run's rate until `--count`, then calls `end`. */
function pace(
	options: ProducerOptions,
	cursor: RecordCursor,
	send: (seq: number, text: string) => void,
	end: () => void
): () => void {
	const { rate } = options.sim;
	const limit = options.count ?? Infinity;
	const startMs = Date.now();
	const firstSeq = cursor.nextSeq;
	const timer = setInterval(() => {
		const due = Math.floor(((Date.now() - startMs) * rate) / 1000) + firstSeq;
		while (cursor.nextSeq <= due && cursor.nextSeq <= limit) {
			const { seq, text } = cursor.take();
			send(seq, text);
		}
		if (cursor.nextSeq > limit) {
			clearInterval(timer);
			end();
		}
	}, TICK_MS);
	return () => clearInterval(timer);
}

/** Reads the id to resume after, from the `Last-Event-ID` header or `?lastEventId=`. */
function lastEventIdOf(request: IncomingMessage, url: URL): number {
	const raw = request.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? '0';
	const id = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

function serveEvents(
	options: ProducerOptions,
	request: IncomingMessage,
	response: ServerResponse,
	url: URL
) {
	const after = lastEventIdOf(request, url);
	if (options.count !== null && after >= options.count) {
		// An SSE client stops reconnecting after a 204.
		response.writeHead(204, CORS);
		response.end();
		log(`SSE client at id ${after} of ${options.count}: sent 204, nothing more to send`);
		return;
	}

	response.writeHead(200, {
		...CORS,
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache'
	});
	response.write(`retry: ${SSE_RETRY_MS}\n: streamlens producer, resuming after id ${after}\n\n`);
	const eventLine = options.event === null ? '' : `event: ${options.event}\n`;
	const cursor = new RecordCursor(options, after + 1);
	const stop = pace(
		options,
		cursor,
		(seq, text) => response.write(`id: ${seq}\n${eventLine}data: ${text}\n\n`),
		() => response.end()
	);
	const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
	log(`SSE client connected, resuming after id ${after}`);
	response.on('close', () => {
		stop();
		clearInterval(keepalive);
		log(`SSE client disconnected at id ${cursor.nextSeq - 1}`);
	});
}

function serveNdjson(options: ProducerOptions, response: ServerResponse) {
	response.writeHead(200, {
		...CORS,
		'content-type': 'application/x-ndjson',
		'cache-control': 'no-cache'
	});
	const cursor = new RecordCursor(options, 1);
	const stop = pace(
		options,
		cursor,
		(_seq, text) => response.write(text + '\n'),
		() => response.end()
	);
	response.on('close', stop);
}

/**
 * Serves the stream over plain HTTP: Server-Sent Events at `/events` (with ids, resuming after
 * `Last-Event-ID`), JSON Lines at `/stream`, the newest record at `/latest` and `ok` at
 * `/health`. Each streaming client gets its own paced copy of the seeded run.
 * Returns the exit status: 0 after a clean stop, 1 when the server cannot listen.
 */
export async function runHttpMode(options: ProducerOptions): Promise<number> {
	const started = Date.now();
	const latest = (): string => {
		const due = Math.floor(((Date.now() - started) * options.sim.rate) / 1000) + 1;
		const seq = options.count === null ? due : Math.min(due, options.count);
		return new RecordCursor(options, seq).take().text;
	};

	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://producer');
		if (request.method === 'OPTIONS') {
			response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET, HEAD' });
			response.end();
			return;
		}
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, { ...CORS, allow: 'GET, HEAD' });
			response.end('use GET\n');
			return;
		}
		switch (url.pathname) {
			case '/health':
				answerHealth(response, CORS);
				return;
			case '/events':
				serveEvents(options, request, response, url);
				return;
			case '/stream':
				serveNdjson(options, response);
				return;
			case '/latest':
				response.writeHead(200, {
					...CORS,
					'content-type': 'application/json',
					'cache-control': 'no-store'
				});
				response.end(latest());
				return;
			default:
				response.writeHead(404, { ...CORS, 'content-type': 'text/plain; charset=utf-8' });
				response.end('not found; try /events, /stream, /latest or /health\n');
		}
	});

	const port = await startServer(server, options);
	if (port === null) return 1;
	log(
		`http on http://${urlHost(options.host)}:${port}: /events (SSE), /stream (JSON Lines), /latest, /health ` +
			`(binds ${options.host}; use --host to change)`
	);

	const reason = await new Promise<string>((resolve) => {
		const done = (why: string) => () => resolve(why);
		process.once('SIGINT', done('interrupted'));
		process.once('SIGTERM', done('terminated'));
		if (options.durationS !== null) {
			setTimeout(done(`--duration of ${options.durationS} s reached`), options.durationS * 1000);
		}
	});
	log(`stopping: ${reason}`);
	server.close();
	server.closeAllConnections();
	return 0;
}
