import type {
	AnalysisSettings,
	ColumnBatch,
	ExtraLine,
	FileProgress,
	Kpis,
	OrderCounts,
	RecordError,
	SourceKind,
	SourceMessage,
	SourceStatus,
	RangeExport,
	DigestQuery,
	StreamDigest,
	ViewQuery,
	ViewResult,
	WindowHistogram
} from '../protocol';
import { MAX_VIEW_ANOMALIES } from '../protocol';
import { decimate, emptySeries } from '../store/decimate';
import { decimateBand } from '../store/decimate-band';
import type { DuplicateRule } from '../store/merge-in-order';
import { ColumnRing, type NumericColumn } from '../store/ring-buffer';
import { selectFlagged } from '../store/select-flagged';
import { formatPath } from '../mapping/field-path';
import { sliceBatch } from '../mapping/slice-batch';
import { ValueGapCounter } from '../mapping/value-gaps';
import { DEFAULT_ANALYSIS_SETTINGS, validateAnalysisSettings } from './analysis-settings';
import { CategoryCounter } from './category-counter';
import { CategorySpread } from './category-spread';
import { isLiveDetectorLoaded, notLoadedError } from './detector-loader';
import { GapLog } from './gap-log';
import { appendOutOfOrder, collapseTies, followsInOrder } from './ordered-append';
import { RateMeter } from './rate-meter';
import { retireOverflow } from './retire-overflow';
import { derivedColumnKinds, type SeriesAnalysis } from './series-analysis';
import { SeriesLines } from './series-lines';
import { digestSeries } from './stream-digest';
import { visibleWindow } from './view-window';
import { isWholeSecond } from './whole-second';
import { windowHistogram } from './window-histogram';

/** Rejected records kept for display. Older ones are only counted. */
export const MAX_KEPT_ERRORS = 200;

/**
 * Split lines whose gaps are counted apart per value field, past which a view's gap notes put
 * them together: more than the lines drawn, as a line of gaps only is never drawn.
 */
export const MAX_GAP_LINES = 32;

/** Categories returned per view, those with the most records first. */
export const MAX_VIEW_CATEGORIES = 20;

/** Ring extra column with each record's category index, -1 for none. */
const CATEGORY_COLUMN = 'category';

/**
 * Analysis state of one stream: the columnar ring buffer, per-series incremental analyses,
 * category counts, arrival rate, errors and source status. The analysis worker exposes one
 * instance with Comlink and feeds it the source worker's messages.
 *
 * A mapping with a split field makes each value field one line per category value (see
 * {@link SeriesLines}). The ring still keeps one column per value field, with the category of
 * each record, and every series index in a query or a result is a line.
 *
 * Figures (KPIs, record count, anomaly count, category counts) cover every record accepted
 * since the last reset, not only those still in the buffer.
 */
export class AnalysisEngine {
	#settings: AnalysisSettings;
	#source: SourceKind | null = null;
	#sourceLabel = '';
	#ring: ColumnRing;
	#lines: SeriesLines;
	#categories = new CategoryCounter();
	/** The category's share of the first value field's spread; measured only without a split. */
	#categorySpread = new CategorySpread();
	#measureSpread = true;
	#rate = new RateMeter();
	/**
	 * Records accepted since the source started: every record of every batch, including those a
	 * later record of the same time replaced and exact duplicates dropped. Only rejected lines
	 * and records a filter dropped are left out of it.
	 */
	#recordCount = 0;
	/** Records added to the buffer since the source started, which alert digests count from. */
	#keptCount = 0;
	#errors: RecordError[] = [];
	#errorCount = 0;
	/** Records the source's filter dropped, or null until a source with a filter sends its count. */
	#filteredCount: number | null = null;
	#status: SourceStatus = 'idle';
	#statusDetail = '';
	#progress: FileProgress | null = null;
	/** Resets so far, so that a digest can tell a new stream from more of the same one. */
	#generation = 0;
	#version = 0;
	#gaps = new GapLog();
	/**
	 * Whether records of equal time and category replace each other. False for arrival times,
	 * the simulator and the 'all' policy.
	 */
	#keyedTime = true;
	/**
	 * Whether exact duplicates are dropped: only for a mapped time field and not under the 'all'
	 * policy. A fast stream of rounded values repeats whole records within one millisecond.
	 */
	#dropExact = true;
	/**
	 * Whether a record time with a fraction of a second has arrived. A clock that ticks in whole
	 * seconds (Wikimedia's `timestamp`, say) gives many distinct records the same time, so until
	 * then records of equal time are all kept, equal values included, whatever the policy.
	 */
	#subSecond = false;
	/**
	 * Earliest record time accepted since the last reset, epoch ms, or Infinity before the first.
	 * The ring may have dropped it already.
	 */
	#earliestTime = Infinity;
	#order: OrderCounts = { late: 0, duplicates: 0, replaced: 0 };
	/** Gap counts by kind, per value field, since the last reset. */
	#valueGaps = new ValueGapCounter(MAX_GAP_LINES);

	/**
	 * @param settings - Overrides of DEFAULT_ANALYSIS_SETTINGS (maWindow 20, detector zscore,
	 *   zThreshold 3, iqrK 1.5, forestThreshold 0.85, zWindow 100, capacity 200,000).
	 * @throws RangeError on an invalid setting, naming it, and Error for the ensemble or the
	 *   isolation forest before `loadLiveDetector` has loaded it.
	 */
	constructor(settings: Partial<AnalysisSettings> = {}) {
		validateSettings(settings);
		this.#settings = { ...DEFAULT_ANALYSIS_SETTINGS, ...definedFields(settings) };
		this.#ring = this.#createRing(0);
		this.#lines = new SeriesLines([], null, this.#settings, CATEGORY_COLUMN);
	}

	/**
	 * State version: it grows by one with every message handled and every `configure` call, so
	 * a view built at the same version shows the same data. The rate is the exception, because
	 * it falls with time while no record arrives.
	 */
	get version(): number {
		return this.#version;
	}

	/** Status of the source, as its last status message gave it. */
	get status(): SourceStatus {
		return this.#status;
	}

	/** A copy of the settings in use. */
	get settings(): AnalysisSettings {
		return { ...this.#settings };
	}

	/**
	 * Applies one message from a source worker.
	 *
	 * @param now - Arrival time in ms (performance.now() or Date.now()), for the rate.
	 * @throws RangeError when a batch does not fit the series of the last reset or its columns are
	 *   shorter than its count. The batch is then not applied at all.
	 */
	handle(message: SourceMessage, now: number): void {
		this.#version++;
		switch (message.kind) {
			case 'reset': {
				const split = message.mapping?.split;
				const count = message.mapping?.count;
				this.#reset(
					message.series,
					message.source,
					message.label,
					split ? formatPath(split) : null,
					count ? message.series.indexOf(count.name) : -1
				);
				this.#dropExact =
					message.mapping !== undefined &&
					message.mapping.time !== null &&
					message.duplicates !== 'all';
				this.#keyedTime = this.#dropExact;
				this.#subSecond = false;
				break;
			}
			case 'batch':
				// Set first, so that a batch rejected as invalid still updates the filter's count.
				if (message.filtered !== undefined) this.#filteredCount = message.filtered;
				this.#ingest(message.batch, now);
				break;
			case 'filtered':
				this.#filteredCount = message.total;
				break;
			case 'errors':
				this.#addErrors(message.errors, message.total);
				break;
			case 'status':
				this.#status = message.status;
				this.#statusDetail = message.detail ?? '';
				break;
			case 'progress':
				this.#progress = { ...message.progress };
				break;
			case 'gap': {
				const newest = this.#ring.length > 0 ? this.#ring.maxTime() : NaN;
				this.#gaps.disconnected(newest, message.from, message.to, message.reason);
				break;
			}
		}
	}

	/**
	 * Changes settings while the stream runs. A new maWindow recomputes the moving averages over
	 * the buffer. A new detector, a new zWindow, or a new iqrK under the IQR detector scores the
	 * buffer again. A new zThreshold under the z-score, or forestThreshold under the isolation
	 * forest, re-flags from the stored scores. The anomaly count is corrected for the records in
	 * the buffer. A new capacity resizes the buffer, keeping the newest records. The ensemble and
	 * the isolation forest need `loadLiveDetector` first. All values are checked before any is
	 * applied, so an error changes nothing.
	 */
	configure(settings: Partial<AnalysisSettings>): void {
		validateSettings(settings);
		this.#version++;
		const next = { ...this.#settings, ...definedFields(settings) };
		const previous = this.#settings;
		this.#settings = next;

		if (next.capacity !== previous.capacity) {
			retireOverflow(this.#ring, this.#lines, CATEGORY_COLUMN, null, next.capacity);
			this.#ring.resize(next.capacity);
		}
		this.#lines.configure(next);
		for (const analysis of this.#lines.lines) {
			if (next.maWindow !== previous.maWindow) {
				analysis.rebuildMovingAverage(this.#ring, next.maWindow);
			}
			analysis.configureScores(this.#ring, next);
		}
	}

	/**
	 * Tells whether records without a number in value field `series` break its line. They do
	 * unless most records carry no value for it at all (left out, null or empty). Such a field
	 * is one of several sensors that take turns in a stream, and a break at every other record
	 * would hide its line. Texts such as "unavailable" are failed readings, so they do not count
	 * toward that majority.
	 */
	#breaksAtGaps(series: number): boolean {
		return this.#valueGaps.absent(this.#lines.fieldName(series)) * 2 < this.#recordCount;
	}

	/**
	 * Bins the main series of `query` inside the window its view shows. Returns undefined when the
	 * window contains no finite value. The page requests it apart from the view.
	 */
	histogram(query: ViewQuery): WindowHistogram | undefined {
		const ring = this.#ring;
		const analysis = Number.isInteger(query.series) ? this.#lines.lines[query.series] : undefined;
		if (analysis === undefined) return undefined;
		const { from, to } = visibleWindow(ring, query);
		const binned = windowHistogram(ring, analysis.series, from, to, analysis.filter(ring));
		return binned && { ...binned, generation: this.#generation };
	}

	/**
	 * Builds what the page draws for one frame.
	 *
	 * The window comes from `visibleWindow`: an explicit from/to, the newest `points` records, or
	 * [max(oldest, newest − spanMs), newest], or the whole buffer.
	 * With `band` > 0 the view carries the rolling band mean ± band·σ of the main series.
	 * With an empty buffer, `from` and `to` are 0. A series index that does not exist gives
	 * empty drawings and NaN figures instead of an error, because the page may ask for a series
	 * from before a reset.
	 *
	 * @param now - Current time in ms on the clock passed to `handle`, for the rate.
	 */
	view(query: ViewQuery, now: number): ViewResult {
		const ring = this.#ring;
		const lines = this.#lines.lines;
		const analysis = Number.isInteger(query.series) ? lines[query.series] : undefined;
		const filter = analysis?.filter(ring);

		const { from, to } = visibleWindow(ring, query);
		const dataFrom = ring.length > 0 ? ring.minTime() : 0;
		const dataTo = ring.length > 0 ? ring.maxTime() : 0;

		let line = emptySeries();
		let movingAverage = emptySeries();
		let anomalies = emptySeries();
		let anomalyScores: Float64Array = new Float64Array(0);
		if (analysis !== undefined && ring.length > 0) {
			const values = ring.values(analysis.series);
			const { movingAverage: maName, anomaly: anomalyName } = analysis.columns;
			const breaks = this.#breaksAtGaps(analysis.series);
			line = decimate(ring, values, from, to, query.width, filter, breaks);
			movingAverage = decimate(ring, ring.column(maName), from, to, query.width, filter, breaks);
			const flagged = selectFlagged(
				ring,
				ring.column(anomalyName),
				values,
				from,
				to,
				MAX_VIEW_ANOMALIES,
				filter,
				ring.column(analysis.columns.score)
			);
			anomalies = { time: flagged.time, value: flagged.value };
			anomalyScores = flagged.score ?? anomalyScores;
		}

		const extraLines: ExtraLine[] = [];
		for (const index of query.extraSeries ?? []) {
			const extra = Number.isInteger(index) ? lines[index] : undefined;
			if (extra === undefined || extra === analysis || ring.length === 0) continue;
			const values = ring.values(extra.series);
			const extraFilter = extra.filter(ring);
			const flagged = selectFlagged(
				ring,
				ring.column(extra.columns.anomaly),
				values,
				from,
				to,
				MAX_VIEW_ANOMALIES,
				extraFilter,
				ring.column(extra.columns.score)
			);
			extraLines.push({
				series: index,
				name: this.#lines.names[index],
				line: decimate(
					ring,
					values,
					from,
					to,
					query.width,
					extraFilter,
					this.#breaksAtGaps(extra.series)
				),
				anomalies: { time: flagged.time, value: flagged.value },
				anomalyScores: flagged.score ?? new Float64Array(0),
				anomalyCount: extra.anomalyCount
			});
		}

		const k = query.band ?? 0;
		const band =
			k > 0 && analysis !== undefined
				? decimateBand(
						ring,
						{
							value: ring.values(analysis.series),
							deviation: ring.column(analysis.columns.deviation),
							std: ring.column(analysis.columns.std)
						},
						k,
						from,
						to,
						query.width,
						filter
					)
				: undefined;

		return {
			from,
			to,
			gaps: this.#gaps.within(from, to),
			gapCount: this.#gaps.count,
			order: { ...this.#order },
			valueGaps: this.#valueGaps.counts(),
			extraLines,
			band,
			version: this.#version,
			generation: this.#generation,
			dataFrom,
			dataTo,
			series: [...this.#lines.names],
			seriesCounts: lines.map((line) => line.stats.count),
			split: this.#lines.summary(),
			categorySpread: this.#measureSpread ? this.#categorySpread.result : undefined,
			line,
			movingAverage,
			anomalies,
			anomalyScores,
			kpis: this.#kpis(analysis, now),
			recordCount: this.#recordCount,
			buffered: ring.length,
			droppedFromBuffer: ring.dropped,
			errorCount: this.#errorCount,
			filteredCount: this.#filteredCount,
			anomalyCount: analysis?.anomalyCount ?? 0,
			errors: this.#errors.map((error) => ({ ...error })),
			categories: this.#categories.top(MAX_VIEW_CATEGORIES),
			categoryTotals: { records: this.#categories.records, categories: this.#categories.active },
			status: this.#status,
			statusDetail: this.#statusDetail,
			source: this.#source,
			sourceLabel: this.#sourceLabel,
			progress: this.#progress === null ? null : { ...this.#progress }
		};
	}

	/**
	 * Copies the buffered records with `from ≤ time ≤ to`, every series, for export. Records
	 * already dropped from the buffer are not included. A line of a split series has NaN at the
	 * records of other categories.
	 */
	exportRange(from: number, to: number): RangeExport {
		const ring = this.#ring;
		const lines = this.#lines.lines;
		const series = [...this.#lines.names];
		const categories = ring.column(CATEGORY_COLUMN);
		const time: number[] = [];
		const values: number[][] = series.map(() => []);
		for (let i = 0; i < ring.length; i++) {
			const t = ring.timeAt(i);
			if (t < from || t > to) continue;
			time.push(t);
			const category = categories[ring.physical(i)];
			lines.forEach((line, s) => {
				values[s].push(line.includes(category) ? ring.valueAt(line.series, i) : NaN);
			});
		}
		return {
			series,
			time: Float64Array.from(time),
			values: values.map((column) => Float64Array.from(column))
		};
	}

	/**
	 * Summarises every series over the records that arrived since the digest named in
	 * `query.since`, for alert rules. Records already dropped from the buffer are not included.
	 */
	digest(query: DigestQuery): StreamDigest {
		const since = query.since;
		const fresh =
			since === null || since.generation !== this.#generation
				? this.#keptCount
				: this.#keptCount - since.recordCount;
		return {
			generation: this.#generation,
			recordCount: this.#keptCount,
			status: this.#status,
			series: this.#lines.lines.map((line, s) =>
				digestSeries(
					this.#ring,
					line.series,
					this.#lines.names[s],
					fresh,
					query.anomalyWindows,
					line.filter(this.#ring)
				)
			)
		};
	}

	/** Starts over on `series`, of which `countColumn` is the record count (-1 for none). */
	#reset(
		series: readonly string[],
		source: SourceKind,
		label: string,
		split: string | null,
		countColumn: number
	): void {
		this.#generation++;
		this.#source = source;
		this.#sourceLabel = label;
		this.#ring = this.#createRing(series.length);
		this.#lines = new SeriesLines(series, split, this.#settings, CATEGORY_COLUMN, countColumn);
		this.#categories.clear();
		this.#categorySpread.clear();
		this.#measureSpread = split === null;
		this.#rate.reset();
		this.#recordCount = 0;
		this.#keptCount = 0;
		this.#errors = [];
		this.#errorCount = 0;
		this.#filteredCount = null;
		this.#progress = null;
		this.#gaps.clear();
		this.#order = { late: 0, duplicates: 0, replaced: 0 };
		this.#valueGaps = new ValueGapCounter(MAX_GAP_LINES);
		this.#earliestTime = Infinity;
	}

	/**
	 * Appends a batch, keeping the buffer sorted by time: a batch that follows the newest record
	 * is appended as it is, and one with late or repeated times is merged in.
	 */
	#ingest(batch: ColumnBatch, now: number): void {
		validateBatch(batch, this.#lines.fieldCount);
		if (!this.#subSecond && batch.count > 1) {
			// The duplicate rule changes at the first time with a fraction of a second, so the
			// records before it are taken under the old rule, wherever the batch happens to end.
			let change = 0;
			while (change < batch.count && isWholeSecond(batch.time[change])) change++;
			if (change > 0 && change < batch.count) {
				this.#ingest(sliceBatch(batch, 0, change), now);
				this.#ingest(sliceBatch(batch, change, batch.count), now);
				return;
			}
		}
		if (batch.valueGaps !== undefined) this.#valueGaps.merge(batch.valueGaps);
		if (batch.count === 0) return;
		this.#lines.admit(batch);

		let first = Infinity;
		const wasSubSecond = this.#subSecond;
		for (let i = 0; i < batch.count; i++) {
			const t = batch.time[i];
			if (t < first) first = t;
			if (!isWholeSecond(t)) this.#subSecond = true;
		}
		this.#gaps.arrived(first);
		if (this.#measureSpread) this.#categorySpread.add(batch.values[0], batch.category, batch.count);
		if (!wasSubSecond && this.#subSecond) this.#collapseTies();
		if (first < this.#earliestTime) this.#earliestTime = first;

		if (followsInOrder(this.#ring, batch, this.#dropExact)) this.#appendInOrder(batch, now);
		else {
			const { addedCategories, counts } = appendOutOfOrder(
				this.#ring,
				this.#lines,
				batch,
				CATEGORY_COLUMN,
				this.#duplicateRule()
			);
			this.#categories.addNames(batch.newCategories);
			this.#categories.countColumn(addedCategories, addedCategories.length);
			this.#rate.record(batch.count, now);
			this.#recordCount += batch.count;
			this.#keptCount += addedCategories.length;
			this.#order.late += counts.late;
			this.#order.duplicates += counts.duplicates;
			this.#order.replaced += counts.replaced;
		}
		this.#gaps.prune(this.#ring.minTime());
	}

	/**
	 * Applies the duplicate rule of a clock with fractions of a second to the records buffered
	 * while the clock seemed to count whole seconds, when they all fall within one second. A
	 * burst in the stream's first second then keeps the last record of each time, as the rest of
	 * the stream does.
	 */
	#collapseTies(): void {
		const rule = this.#duplicateRule();
		const ring = this.#ring;
		if (rule === 'none' || ring.length === 0) return;
		// A stream that has counted whole seconds for longer keeps its ties: one time with a
		// fraction does not make its earlier events of one second repeats of each other. The
		// earliest time is the stream's, because a small ring may have dropped its first seconds.
		if (ring.maxTime() - this.#earliestTime >= 1000) return;
		const collapsed = collapseTies(ring, this.#lines, CATEGORY_COLUMN, rule);
		if (collapsed === null) return;
		const { droppedCategories, counts } = collapsed;
		this.#categories.countColumn(droppedCategories, droppedCategories.length, -1);
		// The kept count is the alert digests' cursor, so it does not go back.
		this.#order.duplicates += counts.duplicates;
		this.#order.replaced += counts.replaced;
	}

	/**
	 * On a clock that counts whole seconds, records of one second that agree in every charted
	 * column are still distinct events (two edits of one wiki), so none is dropped until a time
	 * with a fraction of a second arrives.
	 */
	#duplicateRule(): DuplicateRule {
		if (!this.#dropExact || !this.#subSecond) return 'none';
		return this.#keyedTime ? 'last' : 'all';
	}

	#appendInOrder(batch: ColumnBatch, now: number): void {
		const count = batch.count;

		// The category column may be shorter than count when the source maps no category field.
		// Then the buffer gets -1 (no category) for the whole batch.
		const extras: Record<string, NumericColumn> = this.#lines.derive(
			batch.values,
			batch.time,
			batch.category,
			count,
			true
		);
		if (batch.category.length >= count) extras[CATEGORY_COLUMN] = batch.category;
		retireOverflow(this.#ring, this.#lines, CATEGORY_COLUMN, batch);
		this.#ring.append(count, batch.time, batch.values, extras);

		this.#categories.addNames(batch.newCategories);
		this.#categories.countColumn(batch.category, count);
		this.#rate.record(count, now);
		this.#recordCount += count;
		this.#keptCount += count;
	}

	#addErrors(errors: readonly RecordError[], total: number): void {
		for (const error of errors) this.#errors.push({ ...error });
		if (this.#errors.length > MAX_KEPT_ERRORS) {
			this.#errors.splice(0, this.#errors.length - MAX_KEPT_ERRORS);
		}
		this.#errorCount = total;
	}

	#kpis(analysis: SeriesAnalysis | undefined, now: number): Kpis {
		const fileRate = this.#fileReadRate();
		const rateFinal = fileRate !== null;
		const rate = fileRate ?? this.#rate.rate(now);
		if (analysis === undefined) {
			return { count: 0, mean: NaN, std: NaN, min: NaN, max: NaN, last: NaN, rate, rateFinal };
		}
		const stats = analysis.stats;
		return {
			count: stats.count,
			mean: stats.mean,
			std: stats.std,
			min: stats.min,
			max: stats.max,
			last: stats.last,
			rate,
			rateFinal
		};
	}

	/**
	 * Returns the average read rate of a file read to its end, in records per second, as the
	 * file's progress line shows it. It is null while reading and for other sources. The arrival
	 * rate would fall to 0 once the last batch is 2 s old. A read too short for the clock to
	 * measure gives NaN, which the page shows as no figure.
	 */
	#fileReadRate(): number | null {
		const progress = this.#progress;
		if (this.#status !== 'done' || progress === null) return null;
		const elapsedMs = progress.elapsedMs ?? 0;
		if (!(elapsedMs > 0)) return NaN;
		return ((progress.records ?? 0) * 1000) / elapsedMs;
	}

	#createRing(seriesCount: number): ColumnRing {
		return new ColumnRing(this.#settings.capacity, seriesCount, {
			...derivedColumnKinds(seriesCount),
			[CATEGORY_COLUMN]: 'int32'
		});
	}
}

/**
 * Throws a RangeError when a batch does not fit the stream, before any state changes, so a bad
 * batch is rejected whole.
 */
function validateBatch(batch: ColumnBatch, seriesCount: number): void {
	const count = batch.count;
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError(`invalid batch count ${count}: expected an integer of 0 or more`);
	}
	if (batch.values.length !== seriesCount) {
		throw new RangeError(
			`batch has ${batch.values.length} value columns but the stream has ${seriesCount} ` +
				'series; send a reset with the series names first'
		);
	}
	if (batch.time.length < count) {
		throw new RangeError(`batch time column has ${batch.time.length} entries, fewer than ${count}`);
	}
	batch.values.forEach((column, s) => {
		if (column.length < count) {
			throw new RangeError(
				`batch value column ${s} has ${column.length} entries, fewer than ${count}`
			);
		}
	});
}

/**
 * Throws a RangeError naming the first invalid setting, or an Error when a detector is chosen
 * before its module is loaded (`loadLiveDetector`).
 */
function validateSettings(settings: Partial<AnalysisSettings>): void {
	validateAnalysisSettings(settings);
	const detector = settings.detector;
	if (detector !== undefined && !isLiveDetectorLoaded(detector)) throw notLoadedError(detector);
}

/** Drops fields whose value is undefined, so spreading them cannot erase a setting. */
function definedFields(settings: Partial<AnalysisSettings>): Partial<AnalysisSettings> {
	const defined: Record<string, unknown> = {};
	for (const key of Object.keys(settings) as (keyof AnalysisSettings)[]) {
		const value = settings[key];
		if (value !== undefined) defined[key] = value;
	}
	return defined as Partial<AnalysisSettings>;
}
