import type { ForecastMethod } from './analysis/forecast-choice';
import type { SeasonUse } from './analysis/seasonality';
import type { MappingChoice } from './sources/record-pipeline';

/**
 * Types of everything that crosses a worker boundary.
 *
 * Source workers (simulator, stream) turn input into columnar batches and post them to the
 * analysis worker over a MessagePort. The page talks to every worker through Comlink and
 * receives only what it draws: decimated columns, markers and figures.
 */

/** Life-cycle state of a source, shown in `[data-testid=source-status]`. */
export type SourceStatus =
	'idle' | 'connecting' | 'live' | 'paused' | 'reconnecting' | 'done' | 'error';

/** Kind of source that feeds the dashboard, also the `source=` URL parameter. */
export type SourceKind = 'simulator' | 'websocket' | 'sse' | 'http' | 'mqtt' | 'file';

/** A field path as a list of keys, so that a key holding a dot still works. */
export type FieldPath = string[];

/** Fields of a record that become the time axis, the series and the category. */
export interface FieldMapping {
	/** Field holding the time; null means arrival time. */
	time: FieldPath | null;
	/** One series per value field. */
	values: FieldPath[];
	/** Field whose value labels a record, for the category breakdown; null for none. */
	category: FieldPath | null;
	/** Series computed from each record, charted after the value fields; none when absent. */
	derived?: DerivedField[];
	/**
	 * Field whose values split every series into one line per value, such as a sensor id; null
	 * or absent for no split. When set, `category` is the same field.
	 */
	split?: FieldPath | null;
	/**
	 * Rolling record count charted after the derived series, one per line under a split, or null
	 * or absent for none.
	 */
	count?: RecordCountSeries | null;
}

/**
 * A series that counts records: at each record, the records of its line in the window that
 * ends at its time (see `mapping/record-count.ts`).
 */
export interface RecordCountSeries {
	/** Series name, such as `records per 1m`, which no value, derived or record field has. */
	name: string;
	/** Window length in ms. */
	windowMs: number;
}

/** A series computed from the fields of each record, such as `temp * 9 / 5 + 32`. */
export interface DerivedField {
	/** Series name, shown in the legend. */
	name: string;
	/** Arithmetic expression over field paths, in the grammar of `mapping/expression.ts`. */
	expression: string;
}

/**
 * A batch of records in columns. Arrays are transferred, never copied.
 *
 * `values[s][i]` is series `s` of record `i`; NaN marks a gap (null, missing or not a number).
 * `category[i]` indexes the source's category dictionary, -1 when the record has none; the
 * dictionary grows by `newCategories`, appended in order.
 */
export interface ColumnBatch {
	count: number;
	/** Epoch milliseconds. */
	time: Float64Array;
	values: Float64Array[];
	category: Int32Array;
	newCategories: string[];
	/** Gap counts of the batch by kind, per value field; absent when every value is a number. */
	valueGaps?: ValueGaps;
}

/**
 * Gaps of each value field by kind: `missing`, `null`, a quoted text such as `"unavailable"`,
 * `true`, `false`, or a JSON type. Most frequent kind first. In a split stream, the gaps of each
 * line are counted apart, and `line` is the line's value of the split field.
 */
export type ValueGaps = {
	field: string;
	line?: string;
	kinds: { kind: string; count: number }[];
}[];

/** One rejected line or message, with where it was and why, in plain words. */
export interface RecordError {
	/** 1-based line number in a file, or message number on a stream. */
	line: number;
	message: string;
	/** The start of the offending text, cut to a readable length. */
	excerpt?: string;
	/** Set for something repaired or skipped that rejected no record; not counted as an error. */
	severity?: 'warning';
}

/** Progress of reading a file. */
export interface FileProgress {
	name: string;
	/** Bytes of the file read so far; for a gzip file, compressed bytes. */
	bytesRead: number;
	totalBytes: number;
	/** Records accepted and rejected so far. */
	records?: number;
	rejected?: number;
	/** Time since reading started, in ms. */
	elapsedMs?: number;
	/** The file was gzip, detected by its first bytes. */
	gzip?: boolean;
}

/**
 * Policy for records with the same time and category: 'last' drops exact duplicates and keeps
 * the last of the others, as a corrected reading replaces the first. 'all' keeps every record,
 * exact duplicates included, for streams whose clock is coarser than their rate, such as many
 * records per millisecond.
 */
export type DuplicatePolicy = 'last' | 'all';

/** Message a source worker posts to the analysis worker over their MessagePort. */
export type SourceMessage =
	| {
			kind: 'reset';
			series: string[];
			source: SourceKind;
			label: string;
			/** The mapping a text source decided on; absent for the simulator. */
			mapping?: FieldMapping;
			/** Set by a replay, so that the recorder does not record a session twice. */
			replay?: boolean;
			/**
			 * Set by a source that has started but has not decided its mapping, with no series. The
			 * analysis side drops the previous source's data and shows the new label, and the
			 * recorder starts no session until the reset that brings the mapping.
			 */
			awaitingMapping?: boolean;
			/** Policy for records of equal time and category, 'last' when absent. */
			duplicates?: DuplicatePolicy;
	  }
	| {
			kind: 'batch';
			batch: ColumnBatch;
			/**
			 * Records the source's filter has dropped since the source started. Set only when a
			 * filter applies and the count changed since the last one sent.
			 */
			filtered?: number;
	  }
	/**
	 * The filter's count, as on a batch, for a flush that had no batch to carry it because the
	 * filter dropped every record since the last one.
	 */
	| { kind: 'filtered'; total: number }
	| { kind: 'errors'; errors: RecordError[]; total: number }
	| { kind: 'status'; status: SourceStatus; detail?: string }
	| { kind: 'progress'; progress: FileProgress }
	| {
			kind: 'gap';
			/** Wall-clock time of the disconnect and of the reconnect, epoch ms. */
			from: number;
			to: number;
			/** Reason the connection was lost, in words. */
			reason: string;
	  };

/**
 * Posted back by the analysis worker on a source's port after each batch it handled, with the
 * count of batches from that port handled so far, or after the history recorder's next write
 * when many chunks wait for it. A file source waits for it, so that the batches queued between
 * the workers and the chunks waiting for IndexedDB stay few however fast the file is read.
 */
export interface BatchReceipt {
	kind: 'handled';
	batches: number;
}

/** Simulator settings; also what the producer takes on its command line. */
export type SimPattern = 'sine' | 'random' | 'trending' | 'sawtooth';

export interface SimOptions {
	pattern: SimPattern;
	/** Records per second. */
	rate: number;
	/** Centre value of the signal. */
	base: number;
	/** Standard deviation of the added Gaussian noise, in value units. */
	noise: number;
	/** Share of records replaced by an injected anomaly, 0 to 1. */
	anomalyRate: number;
	/** Seed of the random generator; the same seed gives the same records. */
	seed: number;
}

/** Detector that scores and flags each record of the live dashboard's series. */
export type LiveDetector = 'zscore' | 'iqr' | 'iforest' | 'ensemble';

/** Analysis settings the user can change while a stream runs. */
export interface AnalysisSettings {
	/** Moving-average window in points, 5 to 50. */
	maWindow: number;
	/** Detector whose scores and flags the ring keeps. */
	detector: LiveDetector;
	/** Z-score threshold in standard deviations, 1.0 to 4.0. */
	zThreshold: number;
	/** IQR fence multiplier k, 0.5 to 5: fences at Q1 − k·IQR and Q3 + k·IQR. */
	iqrK: number;
	/** Isolation-forest score above which a record is an anomaly, 0.5 to 0.9. */
	forestThreshold: number;
	/** Points of history the z-score, its band and the IQR detector compare against. */
	zWindow: number;
	/** Buffer capacity in points. */
	capacity: number;
}

/** View request the page sends each animation frame. */
export interface ViewQuery {
	/** Chart plot width in CSS pixels: at most two points per pixel column come back. */
	width: number;
	/** Visible window span in milliseconds ending at the newest point; 0 for everything. */
	spanMs: number;
	/** Series to draw, by index. */
	series: number;
}

/** Running figures over every accepted record of the selected series. */
export interface Kpis {
	count: number;
	mean: number;
	std: number;
	min: number;
	max: number;
	last: number;
	/**
	 * Records accepted per second, over the last few seconds of arrival, and NaN in the first
	 * quarter second after the first arrival, too soon to measure. Once a file is read to its end,
	 * its average read rate instead: the records over the time the read took.
	 */
	rate: number;
	/** Whether `rate` is final, as for a file read to its end, or still falls while none arrive. */
	rateFinal: boolean;
}

/** Per-pixel-column min/max of one series, ready to draw. */
export interface DecimatedSeries {
	/** Time of each point (ms). */
	time: Float64Array;
	/** Value of each point; min and max of a column come out as two points in time order. */
	value: Float64Array;
}

/** Everything the page needs to draw one frame. */
export interface ViewResult {
	/** Visible time domain, ms. */
	from: number;
	to: number;
	series: string[];
	line: DecimatedSeries;
	movingAverage: DecimatedSeries;
	/** Anomalies inside the window (at most a few thousand). */
	anomalies: DecimatedSeries;
	/** The live detector's score of each of `anomalies`; ±Infinity for a history with no spread. */
	anomalyScores: Float64Array;
	kpis: Kpis;
	/**
	 * Records accepted since the source started: not only those in the buffer, but also those a
	 * later record of the same time replaced and exact duplicates dropped (see `order`).
	 */
	recordCount: number;
	/** Records kept in the buffer. */
	buffered: number;
	/** Records the buffer let go of, the oldest first, to stay within its capacity. */
	droppedFromBuffer: number;
	errorCount: number;
	/**
	 * Records the source's filter has dropped since the source started, or null when the source
	 * applies no filter.
	 */
	filteredCount: number | null;
	anomalyCount: number;
	/** The latest rejected lines, newest last. */
	errors: RecordError[];
	/** The categories with the most records in the buffer, most first (20 at most). */
	categories: { name: string; count: number }[];
	/** Records in the buffer that have a category, and how many categories they fall in. */
	categoryTotals: { records: number; categories: number };
	status: SourceStatus;
	statusDetail: string;
	source: SourceKind | null;
	sourceLabel: string;
	progress: FileProgress | null;
}

/**
 * Second feature of DBSCAN that every dataset offers: the change from the previous value, the
 * fraction of the UTC hour or day that the record's time has run, or none for the value alone.
 */
export type BuiltinDbscanFeature = 'change' | 'hour' | 'day' | 'none';

/**
 * Feature that DBSCAN clusters beside each value: a built-in one, or `field:` and the dotted
 * path of another numeric field of the loaded file, such as `field:hour_frac`.
 */
export type DbscanFeature = BuiltinDbscanFeature | `field:${string}`;

/** Parameters of one run of the analysis suite on the analysis page. */
export interface SuiteParams {
	/** Rolling statistics and moving-average window, 5 to 50 records. */
	window: number;
	/** Rolling z-score threshold in standard deviations, 1 to 4. */
	zThreshold: number;
	/** IQR fence multiplier k. */
	iqrK: number;
	/** Isolation forest: trees, score threshold and seed. */
	forestTrees: number;
	forestThreshold: number;
	seed: number;
	/** DBSCAN minPts, and eps on standardised features; null means the k-distance suggestion. */
	minPts: number;
	eps: number | null;
	/** Feature clustered beside the value, 'change' unless the page chooses another. */
	dbscanFeature: DbscanFeature;
	/** Holt-Winters smoothing and steps ahead. */
	alpha: number;
	beta: number;
	gamma: number;
	horizon: number;
	/** Longest seasonal period searched, in records. */
	maxPeriod: number;
}

/** Summary statistics of the finite values of a dataset. */
export interface SuiteSummary {
	/** Records read, finite values among them. */
	count: number;
	finite: number;
	/** Set when the figures are missing or degenerate. */
	issue?: 'insufficient-data' | 'no-variance';
	mean: number;
	/** Sample standard deviation (n − 1). */
	std: number;
	min: number;
	max: number;
	median: number;
	q1: number;
	q3: number;
}

/** One flagged record of one detector. */
export interface SuiteAnomaly {
	index: number;
	time: number;
	value: number;
	score: number;
}

/** Flags of one detector over the dataset. */
export interface SuiteDetection {
	detector: string;
	/** Records flagged; `anomalies` lists at most the first 500. */
	count: number;
	anomalies: SuiteAnomaly[];
	note?: string;
}

/** Everything the analysis page shows and the report contains. */
export interface SuiteResult {
	name: string;
	/** Name of the value series, such as its field, for the legends; absent reads as "value". */
	valueName?: string;
	params: SuiteParams;
	errors: RecordError[];
	summary: SuiteSummary;
	/** Epoch ms per record when `timed`; else each record's number in the file, from 1. */
	time: Float64Array;
	/** Whether the records have times from a time field, not their numbers in the file. */
	timed: boolean;
	values: Float64Array;
	sma: Float64Array;
	ema: Float64Array;
	rollingStd: Float64Array;
	detections: SuiteDetection[];
	trend: {
		issue?: string;
		/** Slope per day, with its 95 % interval. */
		slopePerDay: number;
		slopeLow: number;
		slopeHigh: number;
		rSquared: number;
		detrended: Float64Array;
	};
	seasonality: {
		issue?: string;
		period: number;
		/** Whether the period may be used, by the one rule of `seasonUse`, or why not. */
		use: SeasonUse;
		strength: number;
		autocorrelation: number;
		adjusted: Float64Array;
	};
	clusters: {
		/** Second feature chosen, as in SuiteParams. */
		feature: DbscanFeature;
		/** Names of the features clustered: the value's, then the second one's unless 'none'. */
		features: string[];
		/** Standardised features of each clustered record, one array per feature. */
		points: Float64Array[];
		/**
		 * Record index of each clustered point. Records with a feature that is not finite, such
		 * as the first record's change, are left out.
		 */
		records: Int32Array;
		/**
		 * Counts of the records left out: `value` for those without a finite value, `feature` for
		 * those with one but without a finite second feature, such as a missing field.
		 */
		leftOut: { value: number; feature: number };
		/** Cluster from 0 of each clustered point, or -1 for noise. */
		labels: Int32Array;
		clusterCount: number;
		/** Record indices of the noise points. */
		noise: number[];
		eps: number;
		suggestedEps: number;
		minPts: number;
	};
	forecast: {
		issue?: string;
		/** Model used: with a season only when `seasonality.use` is 'usable'. */
		method: ForecastMethod;
		/** Season length used, 0 without a season. */
		period: number;
		sigma: number;
		/** One-step error σ with and without a trend, compared when there is no season; else NaN. */
		trendSigma: number;
		levelSigma: number;
		time: Float64Array;
		forecast: Float64Array;
		lower: Float64Array;
		upper: Float64Array;
	};
	/** Milliseconds the analyses took in the worker. */
	elapsedMs: number;
	timings: SuiteTimings;
}

/** Milliseconds taken in the worker by the analyses that have speed targets. */
export interface SuiteTimings {
	/** Isolation forest: feature rows, training and scoring every record. */
	isolationForestMs: number;
	/** The k-distance curve that suggests eps, computed even when eps is given. */
	kDistanceMs: number;
	/** DBSCAN on the standardised features with eps chosen. */
	dbscanMs: number;
}

/** Where a session's recording stands. 'interrupted' means the page closed while recording. */
export type SessionState = 'recording' | 'interrupted' | 'complete';

/** The source settings a session was recorded with, so that it can be continued. */
export interface SourceSettings {
	kind: SourceKind;
	/** Endpoint of a network source. */
	url?: string;
	/** Simulator settings. */
	sim?: SimOptions;
	/** SSE event type the session charted; all types when null or left out. */
	eventType?: string | null;
	/** HTTP polling interval, ms. */
	intervalMs?: number;
	/** MQTT topic filter. */
	topic?: string;
	/**
	 * Fields, derived fields, filter and reading options the user chose. Fields left out
	 * were inferred.
	 */
	choice?: MappingChoice;
}

/** One recorded session as the history page lists it. */
export interface SessionInfo {
	id: string;
	name: string;
	source: SourceKind;
	/** The source's own description, with the field mapping it used. */
	label: string;
	settings: SourceSettings | null;
	/** Series names, in the order of the stored value columns. */
	series: string[];
	mapping: FieldMapping | null;
	/** Time of the first and last record, epoch ms; NaN while the session holds no record. */
	start: number;
	end: number;
	/** Wall-clock time the recording began, epoch ms. */
	createdAt: number;
	recordCount: number;
	/** Bytes of the stored columns, an estimate of the size on disk. */
	bytes: number;
	state: SessionState;
}

/** Retention policy applied at start and while recording; the oldest sessions go first. */
export interface RetentionPolicy {
	/** Sessions that ended longer ago than this are deleted; 0 keeps them forever. */
	maxAgeDays: number;
	/** Total stored bytes allowed; 0 means no limit. */
	maxBytes: number;
}

/** What the recorder is doing, for the page's banner. */
export interface HistoryStatus {
	/** 'unavailable' when IndexedDB cannot be opened: the app then works in memory only. */
	state: 'starting' | 'idle' | 'recording' | 'unavailable';
	/** Id of the session being recorded, if any. */
	sessionId: string | null;
	/**
	 * Id of the session begun last, kept after it closes, or null before the first. A short
	 * file is read and its session closed between two polls of the page, which still needs it.
	 */
	lastSessionId: string | null;
	/** Records written and acknowledged by a completed transaction. */
	recordsWritten: number;
	/** The latest problem in plain words (failed transaction, quota), empty when none. */
	problem: string;
	/** Failed transactions since the worker started. */
	failedWrites: number;
	/** Sessions deleted by the retention policy since the worker started. */
	sessionsPruned: number;
}

/** Options of a replay: which session, how fast, and where to begin. */
export interface ReplayOptions {
	sessionId: string;
	/** Record time per wall-clock time, 1 to 100; Infinity plays as fast as possible. */
	speed: number;
	/** Record time to start from, epoch ms; the session start when left out. */
	from?: number;
}

/** Where a replay is, for the scrubber. */
export interface ReplayPosition {
	sessionId: string;
	start: number;
	end: number;
	/** Record time of the last record sent, epoch ms. */
	at: number;
	playing: boolean;
	speed: number;
}

/**
 * An explicit visible window and other view options, appended to ViewQuery so that older
 * callers keep working. An explicit window wins over `points`, which wins over `spanMs`.
 */
export interface ViewWindow {
	/** Start of an explicit window, epoch ms; used only with `to` and when `to > from`. */
	from?: number;
	/** End of an explicit window, epoch ms. */
	to?: number;
	/** Show the newest this many records instead of a time span; 0 or absent for none. */
	points?: number;
}

// Appended to the interfaces above by declaration merging, so that each change stays local.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ViewQuery extends ViewWindow {}

export interface ViewResult {
	/** Time of the oldest buffered record, ms; 0 with an empty buffer. */
	dataFrom: number;
	/** Time of the newest buffered record, ms; 0 with an empty buffer. */
	dataTo: number;
}

/** The buffered records inside a time range, for export. */
export interface RangeExport {
	series: string[];
	/** Epoch ms of each record, in buffer order. */
	time: Float64Array;
	/** One column per series, the same length as `time`. */
	values: Float64Array[];
}

/** More series to draw beside the main one, appended to ViewQuery. */
export interface ViewQuery {
	/** Indexes of further series to draw; the main `series` is left out if listed. */
	extraSeries?: number[];
}

/** One further series of a view, decimated like the main line. */
export interface ExtraLine {
	series: number;
	name: string;
	line: DecimatedSeries;
	/** The line's anomalies inside the window, as `ViewResult.anomalies` has the main line's. */
	anomalies: DecimatedSeries;
	/** The live detector's score of each of `anomalies`. */
	anomalyScores: Float64Array;
	/** Anomalies of the line since the source started. */
	anomalyCount: number;
}

export interface ViewResult {
	/** The further series asked for in `extraSeries`, in the order asked, unknown ones left out. */
	extraLines: ExtraLine[];
}

/** Histogram of the main series inside the visible window, with a fitted normal curve. */
export interface HistogramBins {
	/** Bin edges, one more than `counts`. */
	edges: number[];
	counts: number[];
	/** Mean and sample standard deviation of the finite values in the window. */
	mean: number;
	std: number;
	/** Finite values counted. */
	total: number;
}

/** The histogram panel's bins, as the analysis worker sends them. */
export interface WindowHistogram extends HistogramBins {
	/**
	 * The analysis state's reset count when it was binned, as in ViewResult, so that the page
	 * does not show the previous run's histogram beside a view of the new one.
	 */
	generation: number;
}

/** An SSE event type seen on the stream, with how many events of it arrived. */
export interface EventTypeCount {
	type: string;
	count: number;
}

/** A field found in the first records, with a few of its values, for the field picker. */
export interface FieldInfo {
	path: FieldPath;
	/** `number`, `string`, `boolean`, `null` or `mixed`. */
	type: string;
	/** Up to three distinct values, as short text. */
	samples: string[];
}

/** The fields of the open source and the mapping in use. */
export interface FieldReport {
	fields: FieldInfo[];
	mapping: FieldMapping;
}

/** Request for a digest of the records that arrived since the previous one, for alert rules. */
export interface DigestQuery {
	/**
	 * The `generation` and `recordCount` of the previous digest. Records after it count as new;
	 * with null, or after a reset, every buffered record of the current stream is new.
	 */
	since: { generation: number; recordCount: number } | null;
	/** Record counts to count anomaly flags over; each is capped at 100,000. */
	anomalyWindows: number[];
}

/** Changes in one series since the previous digest. */
export interface SeriesDigest {
	name: string;
	/** New records with a finite value of this series. */
	newValues: number;
	/** Minimum and maximum of the new finite values; NaN when there are none. */
	newMin: number;
	newMax: number;
	/**
	 * Record times (epoch ms) of `newMin` and `newMax`. A repeated value gives the time of its
	 * first record. NaN when there are no new finite values.
	 */
	newMinTime: number;
	newMaxTime: number;
	/** Newest finite value among the new records; NaN when there is none. */
	last: number;
	/**
	 * Anomaly flags among the newest buffered records, one entry per `anomalyWindows` entry.
	 * `records` is smaller than `window` while the buffer contains fewer records. `newestTime`
	 * is the record time (epoch ms) of the newest record counted, NaN when `records` is 0.
	 */
	anomalies: { window: number; records: number; flagged: number; newestTime: number }[];
}

/** Digest of every series, returned by the analysis worker. */
export interface StreamDigest {
	/** Increases on every source reset, so that a caller notices a new stream. */
	generation: number;
	/**
	 * Records added to the buffer since the reset, a cursor rather than a count of records
	 * accepted; pass it back in the next query.
	 */
	recordCount: number;
	status: SourceStatus;
	series: SeriesDigest[];
}

/** Rolling band mean ± k σ of the main series, decimated like the line; NaN breaks the band. */
export interface BandSeries {
	/** Time of each point (ms). */
	time: Float64Array;
	lower: Float64Array;
	upper: Float64Array;
}

export interface ViewQuery {
	/**
	 * Half-width k of the rolling band in standard deviations; absent or 0 for no band. The mean
	 * and standard deviation are those the rolling z-score compares each record with.
	 */
	band?: number;
}

export interface ViewResult {
	/** Present when the query asked for a band and the main series exists. */
	band?: BandSeries;
	/**
	 * Version of the analysis state the view was built from. It grows with every message from a
	 * source and every settings change, so an unchanged version means the same data.
	 */
	version: number;
	/** Number of resets of the analysis state when the view was built, one per source start. */
	generation: number;
}

/**
 * Posted by the analysis worker on the port given to `watch` when its state version moves past
 * the one last returned in a view. It is sent once until the next view, so a busy stream does
 * not flood the page.
 */
export interface ChangeNotice {
	kind: 'changed';
	version: number;
	/** The source's status at that version. */
	status: SourceStatus;
}

/**
 * A span in record time during which a network source was disconnected: from the newest record
 * before the disconnect to the first record after the reconnect.
 */
export interface StreamGap {
	/** Epoch ms. */
	from: number;
	to: number;
	/** Reason the connection was lost, in words. */
	reason: string;
	/** Wall-clock length of the disconnect, in ms. */
	durationMs: number;
}

/** Records the buffer took out of arrival order, or dropped as duplicates. */
export interface OrderCounts {
	/** Records older than one that arrived before them, moved into time order. */
	late: number;
	/** Records identical to one already kept (same time, category and values), dropped. */
	duplicates: number;
	/** Records with the time and category of a kept one but other values, which they replaced. */
	replaced: number;
}

export interface ViewResult {
	/** Disconnects whose gap overlaps the window, oldest first. */
	gaps: StreamGap[];
	/** Disconnects still kept with the buffer. */
	gapCount: number;
	order: OrderCounts;
	/** Gap counts by kind, per value field, since the source started. */
	valueGaps: ValueGaps;
}

/** State of a series split by a category field, for the page's note on left-out categories. */
export interface SplitSummary {
	/** The split field, dotted. */
	field: string;
	/**
	 * Names of the value columns that each category draws a line of: value fields, derived
	 * fields and the record count. With one, the lines are named by the category alone.
	 */
	columns: string[];
	/** Lines made so far, over every value field. */
	lines: number;
	/** Most lines a split makes. */
	limit: number;
	/** Values of the split field that got no line because the limit was reached. */
	omittedCategories: number;
	/** Records of those values with a value to chart, which no line draws. */
	omittedRecords: number;
}

export interface ViewResult {
	/** Finite values each series has taken since the reset, by series index. */
	seriesCounts: number[];
	/** Present when the mapping splits the series by a field. */
	split?: SplitSummary;
	/**
	 * How much of the first value field's spread its category explains, over the first records
	 * since the reset; absent under a split. The page suggests a split when it is high.
	 */
	categorySpread?: CategorySpreadResult;
}

/** How much of a value's spread its category explains, and over how many categories. */
export interface CategorySpreadResult {
	/**
	 * ε², the share of the variance that lies between the categories' means, adjusted for the
	 * number of categories k among n values. It is 1 − (within sum of squares / (n − k)) /
	 * (total sum of squares / (n − 1)), at least 0. It is NaN when fewer than two categories have
	 * at least three values in the sample, or the values do not vary.
	 */
	ratio: number;
	/** Categories with at least three values in the sample. */
	categories: number;
}

/** Colours of the live chart, read from the page's CSS custom properties so themes restyle it. */
export interface ChartColours {
	text: string;
	grid: string;
	line: string;
	average: string;
	anomaly: string;
	/** Fill of the rolling band, translucent so that the grid shows through. */
	band: string;
	/** Disconnect bands and their labels. */
	gap: string;
}

/** Maximum anomaly markers returned per view. The newest are kept. */
export const MAX_VIEW_ANOMALIES = 2000;

/** The parts of a view that the live chart draws. */
export type ChartData = Pick<
	ViewResult,
	| 'from'
	| 'to'
	| 'buffered'
	| 'line'
	| 'movingAverage'
	| 'anomalies'
	| 'extraLines'
	| 'band'
	| 'gaps'
> & {
	/** Name of the main series, which the axis titles show while a right axis is drawn. */
	mainName?: string;
	/** Text of an empty chart; absent for "No data yet". */
	emptyText?: string;
	/**
	 * Whether each of `extraLines` is scaled to the right value axis, in the same order. Absent,
	 * or false throughout with `mainRight` unset, draws the single left axis.
	 */
	rightLines?: boolean[];
	/** Whether the main line, its moving average, band and anomalies are on the right axis. */
	mainRight?: boolean;
};

/** A tick of a chart axis: its place in the axis's domain, and its label. */
export interface AxisTick {
	value: number;
	label: string;
}

/** One axis of the live chart: a linear map from `domain` onto `range`, and its ticks. */
export interface ChartAxis {
	/** Epoch ms for the time axis, value units for the value axis. */
	domain: [number, number];
	/** Plot pixels, CSS: x from the plot's left edge, y from its top. */
	range: [number, number];
	ticks: AxisTick[];
}

/**
 * The axes of one frame, worked out on the page with D3's scales, so that the chart worker
 * needs no D3 of its own.
 */
export interface ChartAxes {
	x: ChartAxis;
	/**
	 * The left value axis, over the series not on the right. When every series is on the right,
	 * it is scaled as the right axis, so that both sides read the same.
	 */
	y: ChartAxis;
	/** The right value axis, present when at least one series is on it. */
	yRight?: ChartAxis;
	/** Space around the plot in CSS px, wide enough at either side for its value labels. */
	margin: { top: number; right: number; bottom: number; left: number };
}

/** One frame for the chart worker to draw. */
export interface ChartFrame {
	data: ChartData;
	axes: ChartAxes;
	/** Canvas size in CSS pixels. */
	width: number;
	height: number;
	/** Device pixels per CSS pixel. */
	pixelRatio: number;
	colours: ChartColours;
	/** Colour of each of `data.extraLines`, in the same order. */
	extraColours: string[];
}

/** Summary of the rolling band one frame drew, for tests and the page. */
export interface BandDrawn {
	/** Band points inside the window with finite bounds; 0 when no band was drawn. */
	points: number;
	/** Mean of upper − lower over those points, in value units. */
	meanWidth: number;
}

/** Returned by the chart worker for each frame it drew. */
export interface ChartDrawn {
	band: BandDrawn;
	/** When the drawing calls started, in epoch ms (`performance.timeOrigin + performance.now()`). */
	startedAt: number;
	/** Time the drawing calls took, in ms. Chromium rasterises the canvas after they return. */
	durationMs: number;
}
