import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Generator } from '../src/lib/sim/generator';
import { GarbageInjector } from './garbage';
import { errorMessage, log } from './log';
import type { ProducerOptions } from './options';
import { RatePacer, recordsInDuration } from './rate-pacer';

/** Maximum records joined into one write, which bounds the size of each chunk. */
const MAX_CHUNK_RECORDS = 10_000;

/** Maximum span of records, in seconds, written in one tick of a paced run. */
const MAX_CHUNK_S = 0.1;

/** Returns `count` records of `generator` as JSON Lines, some replaced by `garbage`. */
function takeLines(generator: Generator, count: number, garbage: GarbageInjector): string {
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		lines.push(garbage.apply(JSON.stringify(generator.next())));
	}
	return lines.join('\n') + '\n';
}

/** Yields chunks of JSON Lines as fast as the sink accepts them until `count` records. */
async function* chunksAtOnce(
	generator: Generator,
	count: number,
	garbage: GarbageInjector
): AsyncGenerator<string> {
	while (generator.count < count) {
		yield takeLines(generator, Math.min(MAX_CHUNK_RECORDS, count - generator.count), garbage);
	}
}

/**
 * Yields chunks of JSON Lines as their records fall due at the generator's rate, and returns
 * when the count is reached and the duration, if any, has passed.
 */
async function* chunksPaced(
	generator: Generator,
	options: ProducerOptions,
	garbage: GarbageInjector
): AsyncGenerator<string> {
	const { rate } = generator.options;
	const startMs = performance.now();
	const endMs = options.durationS === null ? Infinity : startMs + options.durationS * 1000;
	const countLimit = options.count ?? Infinity;
	const durationLimit =
		options.durationS === null ? Infinity : recordsInDuration(options.durationS, rate);
	const pacer = new RatePacer(rate, startMs, Math.min(countLimit, durationLimit));
	const maxChunk = Math.min(MAX_CHUNK_RECORDS, Math.max(1, Math.ceil(rate * MAX_CHUNK_S)));

	while (!pacer.finished) {
		const due = pacer.due(performance.now(), maxChunk);
		if (due > 0) {
			pacer.take(due);
			yield takeLines(generator, due, garbage);
			continue;
		}

		const wakeMs = Math.min(pacer.nextDueMs(), endMs);
		await sleep(Math.max(1, wakeMs - performance.now()));
	}

	// A run that --duration ends lasts that long even when its last record fell due earlier,
	// but a run that --count ends stops at once.
	const remainingMs = endMs - performance.now();
	if (durationLimit < countLimit && remainingMs > 0) await sleep(remainingMs);
}

function describeRun(options: ProducerOptions): string {
	const { pattern, rate, base, noise, anomalyRate, seed } = options.sim;
	const limits = [
		options.count === null ? '' : `, ${options.count} records`,
		options.durationS === null ? '' : `, ${options.durationS} s`
	].join('');

	return (
		`${pattern} pattern at ${rate} records/s around ${base}, noise ${noise}, ` +
		`anomaly rate ${anomalyRate}, seed ${seed}${limits}`
	);
}

function describeGarbage(garbage: GarbageInjector): string {
	return garbage.replaced > 0 ? `, ${garbage.replaced} of them replaced by invalid JSON` : '';
}

function isBrokenPipe(error: unknown): boolean {
	return (error as { code?: unknown }).code === 'EPIPE';
}

/**
 * Writes JSON Lines to stdout at the configured rate until the count or duration, if any, is
 * reached. Returns the exit status. A reader that closes the pipe (as `head` does) ends the
 * run quietly with status 0.
 */
export async function runConsoleMode(options: ProducerOptions): Promise<number> {
	const generator = new Generator(options.sim, Date.now());
	const garbage = new GarbageInjector(options.garbageRate, options.sim.seed);
	log(`console: ${describeRun(options)}`);

	try {
		await pipeline(chunksPaced(generator, options, garbage), process.stdout);
	} catch (error) {
		if (isBrokenPipe(error)) return 0;

		log(`failed to write to stdout: ${errorMessage(error)}`);
		return 1;
	}

	log(`stopped after ${generator.count} records${describeGarbage(garbage)}`);
	return 0;
}

/**
 * Writes JSON Lines to `options.file`, replacing it. Without a duration it writes `count`
 * records as fast as possible with timestamps spaced by the rate. With a duration it paces
 * the records in real time, as console mode does. Returns the exit status.
 */
export async function runFileMode(options: ProducerOptions): Promise<number> {
	const path = options.file;
	if (path === null) throw new Error('file mode needs options.file');

	const generator = new Generator(options.sim, Date.now());
	const garbage = new GarbageInjector(options.garbageRate, options.sim.seed);
	const chunks =
		options.durationS === null
			? chunksAtOnce(generator, options.count ?? 0, garbage)
			: chunksPaced(generator, options, garbage);
	log(`file ${path}: ${describeRun(options)}`);

	try {
		await pipeline(chunks, createWriteStream(path));
	} catch (error) {
		log(`failed to write ${path}: ${errorMessage(error)}`);
		return 1;
	}

	log(`wrote ${generator.count} records to ${path}${describeGarbage(garbage)}`);
	return 0;
}
