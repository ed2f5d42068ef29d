import type {
	ColumnBatch,
	HistoryStatus,
	SessionInfo,
	SourceMessage,
	SourceSettings
} from '../protocol';
import { applyRetention, deleteSessions, listSessions, markInterrupted } from './catalog';
import { ChunkBuilder, chunkBytes, CHUNK_RECORDS, type StoredChunk } from './chunk';
import { HistoryBlockedError, isQuotaError, sessionChunks, type HistoryDb } from './schema';
import { SessionTrack } from './session-track';

/**
 * Unwritten chunks kept per session while writes fail, about a million records; older ones are
 * dropped and reported.
 */
const maxUnsavedChunks = 256;

/** Chunks put per group by `putInGroups`: a few milliseconds of copying. */
const PUTS_PER_GROUP = 8;

/** Settings of the next session, and the stored session it continues, if any. */
interface Prepared {
	settings: SourceSettings | null;
	continueId: string | null;
	stored?: SessionInfo;
	/** Sequence number after the continued session's last stored chunk. */
	nextSeq?: number;
}

/** Options of a recorder; the defaults suit the browser. */
export interface RecorderOptions {
	/** Maximum time between two writes while records arrive, ms. A reload loses at most this. */
	flushMs?: number;
	/** Records per stored chunk. */
	chunkRecords?: number;
	/**
	 * Full chunks that start a write at once, without waiting for the timer, when no write is
	 * running. A fast stream is then written while it arrives instead of after it.
	 */
	flushChunks?: number;
	/** Flushes between two runs of the retention policy while recording. */
	retentionEvery?: number;
	/** Full chunks not yet written above which {@link HistoryRecorder.backlogFull} is true. */
	maxBacklogChunks?: number;
	/**
	 * Bytes of full chunks that a file's session keeps in memory while the file is read (see
	 * `SessionTrack.deferWrites`). Past them the chunks are written at once.
	 */
	deferBytes?: number;
	/** Wall clock, epoch ms. */
	now?: () => number;
	/** New session ids. */
	newId?: () => string;
}

/** End of the problems that turn history off. */
const IN_MEMORY = 'Streams are analysed in memory only.';

/** Problem shown after a page of a newer version took the database over to upgrade it. */
export const CLOSED_PROBLEM =
	'History is off: a newer version of Streamlens opened in another tab and upgraded the ' +
	`history. Reload this tab to record again. ${IN_MEMORY}`;

/**
 * Records every live session into IndexedDB. It gets the same messages as the analysis
 * engine, copies batches into columnar chunks and writes them at least every `flushMs`, and
 * when asked. A write counts only once its transaction's `done` has resolved. All work that is
 * not IndexedDB (copying, building chunks) happens before a transaction opens, so that the
 * transaction never goes inactive between its requests.
 */
export class HistoryRecorder {
	#open: (events: { closed?: () => void }) => Promise<HistoryDb>;
	#db: HistoryDb | null = null;
	#flushMs: number;
	#chunkRecords: number;
	#flushChunks: number;
	#retentionEvery: number;
	#maxBacklogChunks: number;
	#deferBytes: number;
	#now: () => number;
	#newId: () => string;
	#timer: ReturnType<typeof setInterval> | null = null;
	#queue: Promise<void> = Promise.resolve();
	#writing = 0;
	#flushes = 0;
	/** Callers of `afterWrite`, resolved when the running or next write ends. */
	#writeWaiters: (() => void)[] = [];
	/** Tracks with data not yet written; the last one may be the live session. */
	#tracks: SessionTrack[] = [];
	#current: SessionTrack | null = null;
	/** Source port of the last reset. */
	#origin = 0;
	#prepared: Prepared = { settings: null, continueId: null };
	#status: HistoryStatus = {
		state: 'starting',
		sessionId: null,
		lastSessionId: null,
		recordsWritten: 0,
		problem: '',
		failedWrites: 0,
		sessionsPruned: 0
	};

	constructor(
		open: (events: { closed?: () => void }) => Promise<HistoryDb>,
		options: RecorderOptions = {}
	) {
		this.#open = open;
		this.#flushMs = options.flushMs ?? 200;
		this.#chunkRecords = options.chunkRecords ?? CHUNK_RECORDS;
		this.#flushChunks = options.flushChunks ?? 8;
		this.#retentionEvery = options.retentionEvery ?? 50;
		this.#maxBacklogChunks = options.maxBacklogChunks ?? 32;
		// About 1.2 million records of one series, more than the 100 MB file of `npm run bench`.
		this.#deferBytes = options.deferBytes ?? 24 * 2 ** 20;
		this.#now = options.now ?? Date.now;
		this.#newId = options.newId ?? (() => crypto.randomUUID());
	}

	/**
	 * Opens the database, marks sessions left in 'recording' by a closed page as interrupted,
	 * applies the retention policy and starts the flush timer. When IndexedDB cannot be opened
	 * the recorder stays 'unavailable' and ignores every message, so the app works in memory.
	 * It turns 'unavailable' too while a page of an older version holds up the upgrade of the
	 * database, and after a page of a newer version closed this page's connection to upgrade it.
	 */
	async start(): Promise<void> {
		try {
			this.#db = await this.#open({ closed: () => this.#turnOff(CLOSED_PROBLEM) });
		} catch (error) {
			if (error instanceof HistoryBlockedError) {
				this.#turnOff(`History is off: ${error.message} to record. ${IN_MEMORY}`);
				return;
			}
			this.#status.state = 'unavailable';
			this.#status.problem = `History is off: IndexedDB could not be opened (${describe(error)}). ${IN_MEMORY}`;
			return;
		}
		const db = this.#db;
		try {
			await markInterrupted(db);
			this.#status.sessionsPruned += (await applyRetention(db, this.#now(), null)).length;
		} catch (error) {
			// A newer version may have closed the connection meanwhile, which turned history off.
			if (this.#status.state === 'unavailable') return;
			this.#report(`Could not tidy the history at start: ${describe(error)}`);
		}
		if (this.#status.state === 'unavailable') return;
		this.#status.state = this.#current ? 'recording' : 'idle';
		// A file's session held in memory gets its row written, so the history page shows it.
		this.#timer = setInterval(() => {
			const due = (t: SessionTrack) => (this.#holding(t) ? t.rowDirty : t.dirty);
			if (this.#writing === 0 && this.#tracks.some(due)) void this.#enqueue(true);
		}, this.#flushMs);
	}

	/** Stops the timer and closes the database after a last flush. */
	async dispose(): Promise<void> {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
		this.#finishCurrent();
		await this.flush();
		this.#db?.close();
		this.#db = null;
	}

	/**
	 * Sets the source settings of the next session, and optionally an interrupted session that
	 * the next recording continues instead of starting a new one.
	 *
	 * @throws Error when `continueId` names no stored session.
	 */
	async prepare(settings: SourceSettings | null, continueId: string | null = null): Promise<void> {
		this.#prepared = { settings, continueId };
		if (continueId === null || this.#db === null) return;
		const stored = await this.#db.get('sessions', continueId);
		if (stored === undefined) throw new Error(`session ${continueId} not found in history`);
		const last = await this.#db
			.transaction('chunks')
			.store.openKeyCursor(sessionChunks(continueId), 'prev');
		this.#prepared.stored = stored;
		this.#prepared.nextSeq = last === null ? 0 : last.key[1] + 1;
	}

	/** Full chunks received and not yet written, over every session. */
	get unsavedChunks(): number {
		return this.#tracks.reduce((sum, track) => sum + track.unsavedChunks, 0);
	}

	/**
	 * True when more full chunks wait for IndexedDB than `maxBacklogChunks`, or for a file being
	 * read, more bytes than `deferBytes`. A write then runs or starts within `flushMs`.
	 */
	get backlogFull(): boolean {
		const track = this.#current;
		if (track?.deferWrites) return track.unsavedBytes > this.#deferBytes;
		return this.unsavedChunks > this.#maxBacklogChunks;
	}

	/** True while a file's session keeps its chunks in memory rather than writing them. */
	#holding(track: SessionTrack): boolean {
		return track.deferWrites && track.unsavedBytes < this.#deferBytes;
	}

	/**
	 * Resolves when the write that is running, or else the next one, has ended, whether it
	 * succeeded or not. It resolves at once when there is no database to write to.
	 */
	afterWrite(): Promise<void> {
		if (this.#db === null) return Promise.resolve();
		return new Promise((resolve) => this.#writeWaiters.push(resolve));
	}

	/** Returns what the recorder is doing, for the page. */
	status(): HistoryStatus {
		return { ...this.#status, sessionId: this.#current?.info.id ?? null };
	}

	/**
	 * Takes one message that the analysis engine also gets.
	 *
	 * @param origin - Which source port the message came from. Batches and status messages from
	 *   another port than the session's reset are ignored, so that a late "stopped" from the
	 *   previous source cannot close the new session.
	 */
	handle(message: SourceMessage, origin = 0): void {
		if (this.#status.state === 'unavailable') return;
		if (message.kind !== 'reset' && origin !== this.#origin) return;
		switch (message.kind) {
			case 'reset':
				this.#finishCurrent();
				this.#origin = origin;
				if (!message.replay && !message.awaitingMapping) this.#begin(message);
				break;
			case 'batch':
				this.#append(message.batch);
				break;
			case 'status':
				// A source that stopped, ended or failed closes its session; reconnecting does not.
				if (message.status === 'idle' || message.status === 'done' || message.status === 'error') {
					if (this.#current !== null) {
						this.#finishCurrent();
						void this.flush();
					}
				}
				break;
		}
	}

	/** Writes everything received so far; resolves when the write's transaction is done. */
	flush(): Promise<void> {
		return this.#enqueue(false);
	}

	/**
	 * Queues a write. With `holdChunks`, a file's session that keeps its chunks in memory writes
	 * its session row alone.
	 */
	#enqueue(holdChunks: boolean): Promise<void> {
		const next = this.#queue.then(() => this.#write(holdChunks));
		this.#queue = next;
		return next;
	}

	#begin(message: Extract<SourceMessage, { kind: 'reset' }>): void {
		const { settings, continueId, stored, nextSeq = 0 } = this.#prepared;
		this.#prepared = { settings: null, continueId: null };
		const continuing =
			continueId !== null &&
			stored !== undefined &&
			stored.series.length === message.series.length &&
			stored.series.every((name, s) => name === message.series[s]);

		let track: SessionTrack;
		if (continuing && stored) {
			const builder = new ChunkBuilder(
				stored.id,
				stored.series.length,
				nextSeq,
				this.#chunkRecords
			);
			track = new SessionTrack({ ...stored, state: 'recording' }, builder);
		} else {
			const id = this.#newId();
			const info: SessionInfo = {
				id,
				name: message.label.split(' (')[0],
				source: message.source,
				label: message.label,
				settings,
				series: [...message.series],
				mapping: message.mapping ?? null,
				start: NaN,
				end: NaN,
				createdAt: this.#now(),
				recordCount: 0,
				bytes: 0,
				state: 'recording'
			};
			track = new SessionTrack(
				info,
				new ChunkBuilder(id, info.series.length, 0, this.#chunkRecords)
			);
		}
		track.deferWrites = message.source === 'file';
		this.#current = track;
		this.#status.lastSessionId = track.info.id;
		this.#tracks.push(track);
		if (this.#status.state === 'idle') this.#status.state = 'recording';
	}

	#append(batch: ColumnBatch): void {
		const track = this.#current;
		if (track === null || batch.count === 0) return;
		try {
			track.append(batch);
		} catch (error) {
			this.#report(`A batch was not recorded: ${describe(error)}`);
			this.#status.failedWrites += 1;
		}
		// A fast stream that waits for the timer is written only after it has arrived. Writing full
		// chunks at once overlaps the two, which the recording figure of `npm run bench` measures.
		// A file is written once it is read, unless its chunks reach the bound first.
		const due = track.deferWrites
			? !this.#holding(track)
			: track.unsavedChunks >= this.#flushChunks;
		if (this.#writing === 0 && this.#db !== null && due) void this.flush();
	}

	#finishCurrent(): void {
		if (this.#current === null) return;
		this.#current.finish();
		this.#current = null;
		if (this.#status.state === 'recording') this.#status.state = 'idle';
	}

	async #write(holdChunks: boolean): Promise<void> {
		const db = this.#db;
		if (db === null) return;
		this.#writing += 1;
		try {
			const wrote = await this.#attempt(db, holdChunks);
			if (!wrote) return;
			this.#flushes += 1;
			if (this.#flushes % this.#retentionEvery === 0) {
				const keep = this.#current?.info.id ?? null;
				this.#status.sessionsPruned += (await applyRetention(db, this.#now(), keep)).length;
			}
		} catch (error) {
			this.#report(`Applying the retention policy failed: ${describe(error)}`);
		} finally {
			this.#writing -= 1;
			for (const resolve of this.#writeWaiters.splice(0)) resolve();
		}
	}

	/** One write of every pending change; on a full quota, makes room and tries once more. */
	async #attempt(db: HistoryDb, holdChunks: boolean, retry = true): Promise<boolean> {
		// Everything is gathered before the transaction opens: see the class comment.
		const pending = this.#tracks
			.map((track) => (holdChunks && this.#holding(track) ? track.takeRow() : track.take()))
			.filter((p) => p !== null);
		if (pending.length === 0) return false;
		let opened: { abort(): void } | null = null;
		try {
			const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
			opened = tx;
			const sessions = pending.map(({ info }) => tx.objectStore('sessions').put(info));
			const chunks = pending.flatMap((p) => p.chunks);
			await Promise.all([...sessions, putInGroups(tx.objectStore('chunks'), chunks), tx.done]);
		} catch (error) {
			// A put that throws, instead of failing its request, does not abort the transaction, which
			// would then commit the session rows without the chunks after the throw.
			abortQuietly(opened);
			let lost = 0;
			for (const p of pending) {
				p.track.restore(p);
				lost += p.track.trimUnsaved(maxUnsavedChunks);
			}
			this.#status.failedWrites += 1;
			const dropped = lost > 0 ? ` ${lost} older unwritten records were dropped.` : '';
			if (!isQuotaError(error)) {
				this.#report(
					`Saving to history failed (${describe(error)}); the records are kept in memory and retried.${dropped}`
				);
				return false;
			}
			const freed = await this.#makeRoom(db);
			this.#report(
				`Storage is full (QuotaExceededError): ${freed} to make room; recording continues.${dropped}`
			);
			return retry ? this.#attempt(db, holdChunks, false) : false;
		}
		for (const p of pending) {
			if (p.track === this.#current && !p.rowOnly) {
				this.#status.recordsWritten = p.info.recordCount;
			}
		}
		this.#tracks = this.#tracks.filter((track) => track === this.#current || track.dirty);
		return true;
	}

	/**
	 * Deletes the oldest session that is not being written; with none left, the oldest half of
	 * the live session's stored chunks. Returns what it deleted, in words.
	 */
	async #makeRoom(db: HistoryDb): Promise<string> {
		const busy = new Set(this.#tracks.map((track) => track.info.id));
		const sessions = (await listSessions(db)).filter((s) => !busy.has(s.id));
		const oldest = sessions.at(-1);
		if (oldest !== undefined) {
			await deleteSessions(db, [oldest.id]);
			this.#status.sessionsPruned += 1;
			return `deleted the oldest session "${oldest.name}"`;
		}
		const track = this.#current ?? this.#tracks.at(-1);
		if (track === undefined) return 'found nothing to delete';
		const keys = await db.getAllKeys('chunks', sessionChunks(track.info.id));
		const drop = keys.slice(0, Math.max(1, Math.floor(keys.length / 2)));
		if (drop.length === 0 || keys.length < 2) return 'found nothing to delete';
		const chunks: StoredChunk[] = [];
		for (const key of drop) {
			const chunk = await db.get('chunks', key);
			if (chunk) chunks.push(chunk);
		}
		const tx = db.transaction('chunks', 'readwrite');
		await Promise.all([...drop.map((key) => tx.store.delete(key)), tx.done]);
		const first = await db.get('chunks', keys[drop.length]);
		track.dropped(
			chunks.reduce((sum, c) => sum + c.count, 0),
			chunks.reduce((sum, c) => sum + chunkBytes(c), 0),
			first?.minTime ?? NaN
		);
		return `deleted the oldest ${chunks.length} chunks of this session`;
	}

	/**
	 * Stops recording for good in this page: the messages that follow are ignored and the
	 * records not written yet are dropped, because no database is left to write them to.
	 */
	#turnOff(problem: string): void {
		this.#status.state = 'unavailable';
		this.#report(problem);
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
		this.#tracks = [];
		this.#current = null;
		this.#db = null;
		for (const resolve of this.#writeWaiters.splice(0)) resolve();
	}

	#report(problem: string): void {
		this.#status.problem = problem;
		console.error(`history: ${problem}`);
	}
}

/**
 * Puts `chunks` in groups, with two groups in flight at a time. Each put copies its chunk on this
 * thread (about 0.5 ms in Chromium), and a file's held chunks number a hundred or more. Put in one
 * loop, they kept the analysis worker from returning the page's view for 96 ms after a 100 MB file
 * was read, in a trace with the CPU profiler on. The transaction stays active, because each group
 * after the first two is placed in the microtasks that follow a request's success event.
 */
async function putInGroups(
	store: { put(chunk: StoredChunk): Promise<unknown> },
	chunks: StoredChunk[]
): Promise<void> {
	let previous: Promise<unknown> = Promise.resolve();
	for (let i = 0; i < chunks.length; i += PUTS_PER_GROUP) {
		const group = putGroup(store, chunks.slice(i, i + PUTS_PER_GROUP));
		// A failed group is awaited in the next iteration. This handler only keeps its rejection
		// from being reported as unhandled when an earlier group fails first.
		group.catch(() => undefined);
		await previous;
		previous = group;
	}
	await previous;
}

/**
 * Puts each chunk and returns a promise of them all. A put that throws rejects the promise, and
 * the requests placed before it stay handled when the transaction then aborts.
 */
function putGroup(
	store: { put(chunk: StoredChunk): Promise<unknown> },
	chunks: StoredChunk[]
): Promise<unknown> {
	const requests: Promise<unknown>[] = [];
	try {
		for (const chunk of chunks) requests.push(store.put(chunk));
	} catch (error) {
		requests.push(Promise.reject(error));
	}
	return Promise.all(requests);
}

/** Aborts `tx` unless it has already finished or aborted. */
function abortQuietly(tx: { abort(): void } | null): void {
	try {
		tx?.abort();
	} catch {
		// InvalidStateError: the transaction has committed or aborted already.
	}
}

function describe(error: unknown): string {
	if (error instanceof Error || error instanceof DOMException) {
		return `${error.name}: ${error.message}`;
	}
	return String(error);
}
