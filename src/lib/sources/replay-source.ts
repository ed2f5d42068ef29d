import type { StoredChunk } from '../history/chunk';
import { readChunkSummaries } from '../history/chunk-summaries';
import { olderRuns, selectLeadInChunks, type ChunkSummary } from '../history/lead-in';
import { openHistoryDb, sessionChunks, type HistoryDb } from '../history/schema';
import type { ColumnBatch, ReplayOptions, ReplayPosition, SessionInfo } from '../protocol';
import { SourceOutput } from './source-output';

/** How long the paced loop sleeps when nothing is due yet, in ms. */
const tickMs = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Output of a lead-in for the play loop of the same run. */
interface LeadIn {
	/** Count and time range of each chunk in `#keys`, as the lead-in selected from them. */
	summaries: ChunkSummary[];
	/**
	 * Chunks that the lead-in read and that also contain records at or after its position, by
	 * index into `#keys`, for the play loop to use instead of reading them again. They are lead-in
	 * chunks, so they contain at most about one chunk more than `LEAD_IN_RECORDS` in all.
	 */
	chunksToPlay: Map<number, StoredChunk>;
}

/**
 * Plays a recorded session through the live pipeline: reads its chunks from IndexedDB one at a
 * time and sends them to the analysis worker like any source, paced by record time at 1× to
 * 100×, or as fast as possible. The reset is marked as a replay, so it is not recorded again.
 *
 * A play from a position later than the session start (a seek, or `options.from`) first sends a
 * lead-in at once, unpaced: the records older than the position in the last few chunks that
 * contain any (see `selectLeadInChunks`). The analysis starts over at every seek, so without it
 * the chart would be empty there, and stay empty while paused, and the moving averages and
 * detectors would start cold. With it the view shows about what a live view showed at that
 * moment. The position stays at the seek time, and paced play goes on from there.
 *
 * A seek reads each chunk at most once, unless the chunk is missing from the `summary` index
 * (see `#summarise`). The lead-in selects its chunks by the count and time range that the index
 * keeps for every chunk, so it reads only those. The play loop skips, unread, the chunks with no
 * record at or after the position, and takes the lead-in's chunks that have such records from
 * the lead-in, which keeps no other chunk in memory.
 */
export class ReplaySource {
	readonly output = new SourceOutput();
	#db: Promise<HistoryDb> | null = null;
	/** Bumped by every start, seek and stop, so that an older play loop ends itself. */
	#run = 0;
	#session: SessionInfo | null = null;
	#keys: [string, number][] = [];
	/**
	 * Summary of each chunk in `#keys` once read from the index or the chunk, so that a later seek
	 * does not read it again. The last chunk's is never kept, because that chunk may still grow
	 * while the session is being recorded.
	 */
	#summaries: (ChunkSummary | undefined)[] = [];
	#position: ReplayPosition | null = null;
	#anchorTime = 0;
	#anchorWall = 0;
	/** The play loop has sent the last record or was stopped, so Play starts the session again. */
	#ended = false;

	connect(port: MessagePort): void {
		this.output.attach(port);
	}

	/**
	 * Starts playing a session from `options.from` (its start when left out); resolves once the
	 * session is found, not when the replay ends.
	 *
	 * @throws Error when the session is not in history or the speed is invalid.
	 */
	async start(options: ReplayOptions): Promise<ReplayPosition> {
		checkSpeed(options.speed);
		const db = await this.#database();
		const session = await db.get('sessions', options.sessionId);
		if (session === undefined) {
			throw new Error(
				`session ${options.sessionId} not found in history; it may have been deleted`
			);
		}
		this.#session = session;
		this.#keys = await db.getAllKeys('chunks', sessionChunks(session.id));
		this.#summaries = [];
		this.#position = {
			sessionId: session.id,
			start: session.start,
			end: session.end,
			at: session.start,
			playing: true,
			speed: options.speed
		};
		this.#play(options.from ?? session.start);
		return { ...this.#position };
	}

	/**
	 * Jumps to a record time, where the analysis starts over with the lead-in before that time.
	 * A paused replay stays paused there and sends nothing after the lead-in until it is resumed.
	 */
	seek(time: number): void {
		if (this.#position === null) return;
		this.#play(time);
	}

	/** Changes the speed without a jump. */
	setSpeed(speed: number): void {
		checkSpeed(speed);
		if (this.#position === null) return;
		this.#position.speed = speed;
		this.#anchor();
	}

	/** Pauses or resumes. Resuming a replay that has ended plays it again from the start. */
	pause(paused: boolean): void {
		if (this.#position === null) return;
		if (!paused && this.#ended) {
			this.#position.playing = true;
			this.#play(this.#position.start);
			return;
		}
		this.#position.playing = !paused;
		this.#anchor();
		if (this.#ended) return;
		// A paused replay sends nothing on purpose, which no-data alert rules must not report.
		if (paused) this.output.status('paused', 'replay paused');
		else this.output.status('live', 'replaying from history');
	}

	stop(): void {
		if (this.#position === null) return;
		this.#run += 1;
		this.#position.playing = false;
		this.#ended = true;
		this.output.status('idle', 'replay stopped');
	}

	position(): ReplayPosition | null {
		return this.#position === null ? null : { ...this.#position };
	}

	#anchor(): void {
		if (this.#position === null) return;
		this.#anchorTime = this.#position.at;
		this.#anchorWall = performance.now();
	}

	#play(from: number): void {
		const run = ++this.#run;
		this.#ended = false;
		const session = this.#session as SessionInfo;
		const position = this.#position as ReplayPosition;
		position.at = from;
		this.#anchor();
		if (position.playing) this.output.status('live', 'replaying from history');
		else this.output.status('paused', 'replay paused');
		this.output.reset(session.series, session.source, `Replay of ${session.name}`, {
			mapping: session.mapping ?? undefined,
			replay: true
		});
		void this.#loop(run, from).catch((error: Error) => {
			if (run === this.#run) this.output.status('error', `replay failed: ${error.message}`);
		});
	}

	/**
	 * Opens the database once. A failed open, or a connection that a newer version's upgrade
	 * closed, is opened again at the next call.
	 */
	#database(): Promise<HistoryDb> {
		this.#db ??= openHistoryDb({ closed: () => (this.#db = null) });
		// A failed open is not kept, so that the next replay tries again.
		this.#db.catch(() => (this.#db = null));
		return this.#db;
	}

	async #loop(run: number, from: number): Promise<void> {
		const db = await this.#database();
		const position = this.#position as ReplayPosition;
		const dictionary = new Map<string, number>();
		let leadIn: LeadIn | null = null;
		if (from > (this.#session as SessionInfo).start) {
			leadIn = await this.#sendLeadIn(db, run, from, dictionary);
			if (leadIn === null) return;
			// Pacing starts at `from` once the lead-in is out, however long it took to read.
			this.#anchor();
		}
		let sent = 0;
		for (let k = 0; k < this.#keys.length; k++) {
			let chunk = leadIn?.chunksToPlay.get(k);
			if (chunk === undefined) {
				if ((leadIn?.summaries[k].maxTime ?? Infinity) < from) continue;
				chunk = await this.#readChunk(db, k);
				if (run !== this.#run) return;
			}
			leadIn?.chunksToPlay.delete(k);
			if (chunk === undefined || chunk.maxTime < from) continue;
			// Chunks keep records in arrival order, so a late record older than `from` may come
			// after newer ones. Every record older than `from` is skipped, wherever it sits.
			let index = 0;
			while (index < chunk.count) {
				if (run !== this.#run) return;
				if (chunk.time[index] < from) {
					index++;
					continue;
				}
				const due = position.playing
					? position.speed === Infinity
						? Infinity
						: this.#anchorTime + (performance.now() - this.#anchorWall) * position.speed
					: -Infinity;
				let end = index;
				let newest = position.at;
				while (end < chunk.count && chunk.time[end] >= from && chunk.time[end] <= due) {
					newest = Math.max(newest, chunk.time[end]);
					end++;
				}
				if (end === index) {
					await sleep(tickMs);
					continue;
				}
				this.output.batch(copyRuns(chunk, [[index, end]], dictionary));
				sent += end - index;
				// Pacing restarts from the position after a pause or a speed change, so the position
				// is the newest time sent, and a late record sent last does not move it back.
				position.at = newest;
				index = end;
			}
			// Let stop, seek and speed calls in between chunks, even at full speed.
			await sleep(0);
			if (run !== this.#run) return;
		}
		if (run !== this.#run) return;
		position.playing = false;
		this.#ended = true;
		this.output.status('done', `replayed ${sent} records of ${this.#session?.name}`);
	}

	/**
	 * Sends the lead-in before `from` at once, in arrival order. Returns null when a newer start,
	 * seek or stop took over while the chunks were read.
	 */
	async #sendLeadIn(
		db: HistoryDb,
		run: number,
		from: number,
		dictionary: Map<string, number>
	): Promise<LeadIn | null> {
		const summaries = await this.#summarise(db, run);
		if (summaries === null) return null;
		const chunksToPlay = new Map<number, StoredChunk>();
		for (const k of selectLeadInChunks(summaries, from)) {
			const chunk = await this.#readChunk(db, k);
			if (run !== this.#run) return null;
			if (chunk === undefined) continue;
			const runs = olderRuns(chunk.time, chunk.count, from);
			if (runs.length > 0) this.output.batch(copyRuns(chunk, runs, dictionary));
			if (chunk.maxTime >= from) chunksToPlay.set(k, chunk);
			// Let stop and seek calls in between chunks.
			await sleep(0);
			if (run !== this.#run) return null;
		}
		return { summaries, chunksToPlay };
	}

	/**
	 * Returns the summary of every chunk in `#keys`, or null when a newer start, seek or stop took
	 * over. Each comes from `#summaries`, else from the `summary` index. A chunk missing from both
	 * is read whole: the index leaves out a chunk whose count or times are NaN.
	 */
	async #summarise(db: HistoryDb, run: number): Promise<ChunkSummary[] | null> {
		const keys = this.#keys;
		const cached = this.#summaries;
		const first = keys.findIndex((_, k) => cached[k] === undefined);
		let indexed = new Map<number, ChunkSummary>();
		if (first >= 0) {
			indexed = await readChunkSummaries(db, keys[first][0], keys[first][1]);
			if (run !== this.#run) return null;
		}
		const summaries: ChunkSummary[] = [];
		for (let k = 0; k < keys.length; k++) {
			let summary = cached[k] ?? indexed.get(keys[k][1]);
			if (summary === undefined) {
				const chunk = await this.#readChunk(db, k);
				if (run !== this.#run) return null;
				summary = chunk ?? { count: 0, minTime: NaN, maxTime: NaN };
			} else if (k < keys.length - 1) {
				cached[k] = summary;
			}
			summaries.push(summary);
		}
		return summaries;
	}

	/** Reads the chunk at `#keys[k]` and keeps its summary. */
	async #readChunk(db: HistoryDb, k: number): Promise<StoredChunk | undefined> {
		// A start may replace both arrays while the read waits, so the summary goes to the arrays
		// of the session that the key belongs to.
		const keys = this.#keys;
		const summaries = this.#summaries;
		const chunk = await db.get('chunks', keys[k]);
		if (chunk !== undefined && k < keys.length - 1) {
			summaries[k] = { count: chunk.count, minTime: chunk.minTime, maxTime: chunk.maxTime };
		}
		return chunk;
	}
}

/**
 * Copies the records of a chunk in `runs`, [start, end) index pairs in order, into one batch,
 * growing the replay's dictionary.
 */
function copyRuns(
	chunk: StoredChunk,
	runs: readonly [number, number][],
	dictionary: Map<string, number>
): ColumnBatch {
	let count = 0;
	for (const [start, end] of runs) count += end - start;
	const newCategories: string[] = [];
	const global = chunk.categories.map((name) => {
		let index = dictionary.get(name);
		if (index === undefined) {
			index = dictionary.size;
			dictionary.set(name, index);
			newCategories.push(name);
		}
		return index;
	});
	const time = new Float64Array(count);
	const values = chunk.values.map(() => new Float64Array(count));
	const category = new Int32Array(count);
	let offset = 0;
	for (const [start, end] of runs) {
		time.set(chunk.time.subarray(start, end), offset);
		chunk.values.forEach((column, s) => values[s].set(column.subarray(start, end), offset));
		for (let i = start; i < end; i++) {
			const local = chunk.category[i];
			category[offset++] = local < 0 ? -1 : global[local];
		}
	}
	return { count, time, values, category, newCategories };
}

function checkSpeed(speed: number): void {
	if (!(speed === Infinity || (speed >= 1 && speed <= 100))) {
		throw new RangeError(`invalid replay speed ${speed}: expected 1 to 100, or Infinity`);
	}
}
