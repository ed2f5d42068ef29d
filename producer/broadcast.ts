import { performance } from 'node:perf_hooks';
import { WebSocket, type WebSocketServer } from 'ws';
import { Generator, type SimSample } from '../src/lib/sim/generator';
import { GarbageInjector } from './garbage';
import { log } from './log';
import type { ProducerOptions } from './options';
import { RatePacer, recordsInDuration } from './rate-pacer';
import { SendRateMeter } from './send-rate';
import { shapeRecord } from './shapes';

/** Interval of the send timer, in milliseconds. */
export const TICK_MS = 10;

/**
 * Maximum records in one message with `--batch auto` above its single-record rate, which bounds
 * a message to about 1.3 MB of flat records when a late tick catches up at a high rate.
 */
const MAX_TICK_MESSAGE_RECORDS = 10_000;

/**
 * Maximum span of records, in seconds, sent in one tick. A producer that has fallen behind
 * catches up over several ticks, so that connections and signals are still handled.
 */
const MAX_TICK_S = 0.1;

/**
 * Bytes a client may leave unread before the server closes it with 1013. Without a bound, a
 * client that stops reading would grow the server's memory without limit.
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Backlog in seconds of records at which the producer warns that it cannot keep the rate. */
const LAG_WARNING_S = 1;
const LAG_WARNING_INTERVAL_MS = 10_000;

/** WebSocket close codes sent to clients when the run ends. */
const CLOSE_NORMAL = 1000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TRY_AGAIN_LATER = 1013;

/** End of a broadcast: the clients' close code and reason, and a summary for the log. */
export interface BroadcastEnd {
	code: number;
	/** Close reason for the clients, kept short because RFC 6455 limits a close reason to 123 bytes. */
	reason: string;
	/** The reason with the invalid records and the send rate, for the closing log line. */
	summary: string;
}

/**
 * Generates records on a timer and sends them as JSON text messages to every open client of
 * `sockets`: each record alone, in arrays of up to `--batch` records, or with `tick` the records
 * due in one tick as one array. Records are generated from the start, whether or not a client
 * is connected, so their timestamps follow the clock, but only records sent to at least one
 * client count towards --count. Resolves when --duration, --count, SIGINT or SIGTERM ends the
 * run, with a reason that gives the records sent and the rate they were sent at.
 */
export function broadcastRecords(
	options: ProducerOptions,
	sockets: WebSocketServer
): Promise<BroadcastEnd> {
	const { rate } = options.sim;
	const generator = new Generator(options.sim, Date.now());
	const startMs = performance.now();
	const endMs = options.durationS === null ? Infinity : startMs + options.durationS * 1000;
	const durationLimit =
		options.durationS === null ? Infinity : recordsInDuration(options.durationS, rate);
	const pacer = new RatePacer(rate, startMs, durationLimit);
	const maxPerTick = Math.max(1, Math.ceil(rate * MAX_TICK_S));
	const countLimit = options.count ?? Infinity;
	const scratch: SimSample = { time: 0, value: 0, category: 0 };
	const garbage = new GarbageInjector(options.garbageRate, options.sim.seed);
	const perMessage = options.batch === 'tick' ? MAX_TICK_MESSAGE_RECORDS : options.batch;
	const meter = new SendRateMeter();
	let sent = 0;
	let invalidRecords = 0;
	let lastLagWarningMs = -Infinity;

	return new Promise((resolve) => {
		const stop = (code: number, reason: string) => {
			clearInterval(timer);
			process.off('SIGINT', onInterrupt);
			process.off('SIGTERM', onTerminate);
			const messages = perMessage === 1 ? '' : ` in ${garbage.replaced} messages`;
			const invalid =
				options.garbageRate > 0 ? `, ${invalidRecords} of them invalid JSON${messages}` : '';
			const summary = `${reason}; sent ${sent} records${invalid}; ${meter.describe(rate)}`;
			resolve({ code, reason: `${reason}; sent ${sent} records`, summary });
		};
		const onInterrupt = () => stop(CLOSE_GOING_AWAY, 'interrupted');
		const onTerminate = () => stop(CLOSE_GOING_AWAY, 'terminated');

		const tick = () => {
			const nowMs = performance.now();
			const due = pacer.due(nowMs, maxPerTick);
			const clients = [...sockets.clients].filter((client) => client.readyState === WebSocket.OPEN);

			if (clients.length === 0) {
				// Advancing the generator keeps record i at its place in the seeded run.
				for (let i = 0; i < due; i++) generator.nextInto(scratch);
				pacer.take(due);
			} else {
				const batch = Math.min(due, countLimit - sent);
				for (let i = 0; i < batch; i += perMessage) {
					const size = Math.min(perMessage, batch - i);
					const records = [];
					for (let j = 0; j < size; j++) {
						const seq = sent + i + j + 1;
						records.push(shapeRecord(generator.next(), options.shape, seq, options.devices));
					}
					const text = JSON.stringify(perMessage === 1 ? records[0] : records);
					const message = garbage.apply(text);
					if (message !== text) invalidRecords += size;
					for (const client of clients) client.send(message);
				}
				pacer.take(batch);
				sent += batch;
				meter.sent(batch, nowMs);
				closeSlowClients(clients);
			}

			const backlogS = pacer.due(nowMs) / rate;
			if (backlogS > LAG_WARNING_S && nowMs - lastLagWarningMs > LAG_WARNING_INTERVAL_MS) {
				lastLagWarningMs = nowMs;
				const behind = backlogS.toFixed(1);
				log(
					`sending is ${behind} s behind schedule; ${rate} records/s may be too fast for this machine`
				);
			}

			if (sent >= countLimit) stop(CLOSE_NORMAL, '--count reached');
			else if (nowMs >= endMs) stop(CLOSE_NORMAL, `--duration of ${options.durationS} s reached`);
		};

		const timer = setInterval(tick, TICK_MS);
		process.once('SIGINT', onInterrupt);
		process.once('SIGTERM', onTerminate);
		tick();
	});
}

function closeSlowClients(clients: WebSocket[]): void {
	for (const client of clients) {
		if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
			// The 'close' handler logs the client's address with code 1013.
			log(`closing a slow client with code 1013: ${client.bufferedAmount} bytes unsent`);
			client.close(CLOSE_TRY_AGAIN_LATER, 'client reads too slowly');
		}
	}
}
