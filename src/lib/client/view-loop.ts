import type { ChangeNotice, SourceStatus, ViewQuery, ViewResult } from '../protocol';

/** Event that makes the loop ask for a view on the next frame, whatever changed. */
export const REFRESH_VIEW_EVENT = 'streamlens:refresh-view';

/** State of the view on screen and the changes reported since, the input of `needsView`. */
export interface ViewFreshness {
	/** Newest analysis state version a change notice reported. */
	latestVersion: number;
	/** Version of the view on screen; -1 before the first. */
	shownVersion: number;
	/** The query that built the view on screen, serialised; '' before the first. */
	shownQuery: string;
	/** The query the page would send now, serialised. */
	query: string;
	/** Records per second in the view on screen: the figure falls with time, so it must refresh. */
	shownRate: number;
	/** Set by `invalidate`, for changes outside the query and the data (such as resuming). */
	forced: boolean;
}

/**
 * Tests whether a new view could differ from the one on screen: the data changed (a newer
 * version), the query changed (zoom, pan, window, width, series), the rate figure is still
 * falling or not measured yet (NaN), or a refresh was forced.
 */
export function needsView(state: ViewFreshness): boolean {
	return (
		state.forced ||
		state.shownVersion < 0 ||
		state.latestVersion > state.shownVersion ||
		state.query !== state.shownQuery ||
		state.shownRate !== 0
	);
}

/** When the last view was asked for, the interval, and the source status noticed and shown. */
export interface ViewTiming {
	now: number;
	askedAt: number;
	refreshMs: number;
	/** Status in the newest change notice; null before the first. */
	latestStatus: SourceStatus | null;
	/** Status of the view on screen; null before the first. */
	shownStatus: SourceStatus | null;
}

/**
 * Tests whether the refresh interval allows a view: it has passed since the last request, or
 * the source's status changed (done, error, reconnecting), which is shown at once.
 */
export function intervalPassed(timing: ViewTiming): boolean {
	const statusChanged = timing.latestStatus !== null && timing.latestStatus !== timing.shownStatus;
	return statusChanged || timing.now - timing.askedAt >= timing.refreshMs;
}

/** Callbacks into the page and the analysis worker. */
export interface ViewLoopOptions {
	/** Asks the analysis worker for a view. */
	view: (query: ViewQuery) => Promise<ViewResult>;
	/** Hands the worker a port for ChangeNotice messages. */
	watch: (port: MessagePort) => Promise<void>;
	/** The query for the next view, read every frame. */
	query: () => ViewQuery;
	/** Minimum time between views in ms, 0 for every frame; read every frame. */
	refreshMs: () => number;
	/**
	 * Applies a view built for `query`; the loop waits for it before asking again. `requestedAt`
	 * is the `performance.now()` time just before the view was requested.
	 */
	onview: (view: ViewResult, query: ViewQuery, requestedAt: number) => Promise<void>;
	/** Called with the number of views requested so far, after each request. */
	onrequest?: (requests: number) => void;
}

/**
 * Asks the analysis worker for a view on animation frames, but only when one could differ from
 * the view on screen (see `needsView`), no sooner than the refresh interval and never while the
 * previous request is still open. An idle dashboard therefore sends no requests at all, and a
 * flowing stream still refreshes every frame.
 */
export class ViewLoop {
	#options: ViewLoopOptions;
	#channel = new MessageChannel();
	#frame = 0;
	#asking = false;
	#stopped = false;
	#askedAt = -Infinity;
	#requests = 0;
	/** Source status in the newest change notice, and in the view on screen. */
	#latestStatus: SourceStatus | null = null;
	#shownStatus: SourceStatus | null = null;
	#state: ViewFreshness = {
		latestVersion: 0,
		shownVersion: -1,
		shownQuery: '',
		query: '',
		shownRate: 0,
		forced: false
	};

	constructor(options: ViewLoopOptions) {
		this.#options = options;
		this.#channel.port1.onmessage = (event: MessageEvent<ChangeNotice>) => {
			if (event.data.version < this.#state.latestVersion) return;
			this.#state.latestVersion = event.data.version;
			this.#latestStatus = event.data.status;
			// A view with a new status (done, error, reconnecting) is requested at once, not on the next frame.
			if (event.data.status !== this.#shownStatus) void this.#requestView(performance.now());
		};
		void options.watch(this.#channel.port2);
		addEventListener(REFRESH_VIEW_EVENT, this.invalidate);
		this.#frame = requestAnimationFrame(this.#tick);
	}

	/** Views requested since the loop started. */
	get requests(): number {
		return this.#requests;
	}

	/** Makes the next frame ask for a view even though neither data nor query changed. */
	invalidate = (): void => {
		this.#state.forced = true;
	};

	stop(): void {
		this.#stopped = true;
		cancelAnimationFrame(this.#frame);
		removeEventListener(REFRESH_VIEW_EVENT, this.invalidate);
		this.#channel.port1.close();
	}

	#tick = (now: number): void => {
		this.#frame = requestAnimationFrame(this.#tick);
		void this.#requestView(now);
	};

	/** Requests a view when one is due and could differ from the view on screen. */
	async #requestView(now: number): Promise<void> {
		if (this.#asking || this.#stopped) return;
		const due = intervalPassed({
			now,
			askedAt: this.#askedAt,
			refreshMs: this.#options.refreshMs(),
			latestStatus: this.#latestStatus,
			shownStatus: this.#shownStatus
		});
		if (!due) return;

		const query = this.#options.query();
		const state = this.#state;
		state.query = JSON.stringify(query);
		if (!needsView(state)) return;

		this.#asking = true;
		this.#askedAt = now;
		state.forced = false;
		try {
			this.#requests++;
			this.#options.onrequest?.(this.#requests);
			const requestedAt = performance.now();
			const view = await this.#options.view(query);
			state.shownVersion = view.version;
			state.shownQuery = state.query;
			state.shownRate = view.kpis.rateFinal ? 0 : view.kpis.rate;
			this.#shownStatus = view.status;
			if (view.version >= state.latestVersion) this.#latestStatus = view.status;
			await this.#options.onview(view, query, requestedAt);
		} finally {
			this.#asking = false;
		}
		// A status that arrived while this view was on its way is shown without waiting a frame.
		if (this.#latestStatus !== this.#shownStatus) void this.#requestView(performance.now());
	}
}
