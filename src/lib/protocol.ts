/**
 * Types of everything that crosses a worker boundary.
 *
 * Source workers (simulator, stream) turn input into columnar batches and post them to the
 * analysis worker over a MessagePort. The page talks to every worker through Comlink and
 * receives only what it draws: decimated columns, markers and figures.
 */

/** Where a source is in its life. The page shows it in `[data-testid=source-status]`. */
export type SourceStatus =
	'idle' | 'connecting' | 'live' | 'paused' | 'reconnecting' | 'done' | 'error';

/** Which kind of source feeds the dashboard; also the `source=` URL parameter. */
export type SourceKind = 'simulator' | 'websocket' | 'sse' | 'http' | 'mqtt' | 'file';

/** A field path as a list of keys, so that a key holding a dot still works. */
export type FieldPath = string[];

/** Which fields of a record become the time axis, the series and the category. */
export interface FieldMapping {
	/** Field holding the time; null means arrival time. */
	time: FieldPath | null;
	/** One series per value field. */
	values: FieldPath[];
	/** Field whose value labels a record, for the category breakdown; null for none. */
	category: FieldPath | null;
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
}

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

/** What a source worker posts to the analysis worker over their MessagePort. */
export type SourceMessage =
	| { kind: 'reset'; series: string[]; source: SourceKind; label: string }
	| { kind: 'batch'; batch: ColumnBatch }
	| { kind: 'errors'; errors: RecordError[]; total: number }
	| { kind: 'status'; status: SourceStatus; detail?: string }
	| { kind: 'progress'; progress: FileProgress };

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

/** Analysis settings the user can change while a stream runs. */
export interface AnalysisSettings {
	/** Moving-average window in points, 5 to 50. */
	maWindow: number;
	/** Z-score threshold in standard deviations, 1.0 to 4.0. */
	zThreshold: number;
	/** Points of history the z-score compares against. */
	zWindow: number;
	/** Buffer capacity in points. */
	capacity: number;
}

/** What the page asks for each animation frame. */
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
	/** Records accepted per second, over the last few seconds of arrival. */
	rate: number;
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
	kpis: Kpis;
	/** Records accepted since the source started (not only those in the buffer). */
	recordCount: number;
	/** Records kept in the buffer. */
	buffered: number;
	errorCount: number;
	anomalyCount: number;
	/** The latest rejected lines, newest last. */
	errors: RecordError[];
	categories: { name: string; count: number }[];
	status: SourceStatus;
	statusDetail: string;
	source: SourceKind | null;
	sourceLabel: string;
	progress: FileProgress | null;
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
