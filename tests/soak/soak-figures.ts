// Figures the soak test derives from its samples: heap growth, long tasks by cause, and the
// lateness of the page's timer. Kept free of the browser so that unit tests can run them.
import { median } from 'simple-statistics';

/** One reading of a live heap after a forced garbage collection. */
export interface HeapReading {
	/** Seconds since the dashboard was opened. */
	elapsedS: number;
	/** Live heap in MB: V8 objects plus ArrayBuffer backing stores. */
	heapMB: number;
}

/** Heap growth over the readings after warm-up, by two measures. */
export interface HeapGrowth {
	/** Theil–Sen line through the readings, at the first and the last reading's time. */
	fitStartMB: number;
	fitEndMB: number;
	/** Growth along that line from the first to the last reading, in percent of its start. */
	fitPercent: number;
	/** Median of the first and of the last three readings. */
	firstMB: number;
	lastMB: number;
	/** Growth from the first to the last median, in percent. */
	medianPercent: number;
}

/**
 * Fits the Theil–Sen line: the median of the slopes between every pair of points, and the
 * median intercept for it. Up to about 29 % of the points can be outliers without moving it
 * far. Written here because simple-statistics 7 fits only least squares, which one outlier at
 * either end of a short series tilts.
 */
function theilSen(points: [number, number][]): { m: number; b: number } {
	const slopes: number[] = [];
	for (let i = 0; i < points.length; i++) {
		for (let j = i + 1; j < points.length; j++) {
			const dx = points[j][0] - points[i][0];
			if (dx !== 0) slopes.push((points[j][1] - points[i][1]) / dx);
		}
	}
	const m = slopes.length > 0 ? median(slopes) : 0;
	return { m, b: median(points.map(([x, y]) => y - m * x)) };
}

/**
 * Measures heap growth over `readings` (in time order, at least two). A live heap of a few MB
 * moves by more than 5 % from one reading to the next as transient objects come and go. So the
 * trend is a Theil–Sen line through all of them, which a few high or low readings do not tilt.
 * The medians of three readings at each end are compared beside it.
 */
export function heapGrowth(readings: HeapReading[]): HeapGrowth {
	if (readings.length < 2) {
		throw new Error(`heap growth needs at least 2 readings, got ${readings.length}`);
	}
	const line = theilSen(readings.map((reading) => [reading.elapsedS, reading.heapMB]));
	const start = readings[0].elapsedS;
	const end = readings[readings.length - 1].elapsedS;
	const fitStartMB = line.m * start + line.b;
	const fitEndMB = line.m * end + line.b;
	const firstMB = median(readings.slice(0, 3).map((reading) => reading.heapMB));
	const lastMB = median(readings.slice(-3).map((reading) => reading.heapMB));
	return {
		fitStartMB,
		fitEndMB,
		fitPercent: ((fitEndMB - fitStartMB) / fitStartMB) * 100,
		firstMB,
		lastMB,
		medianPercent: ((lastMB - firstMB) / firstMB) * 100
	};
}

/** A long task of the page's main thread, as the Long Tasks API reports it. */
export interface LongTask {
	/** Start as milliseconds since the Unix epoch. */
	startMs: number;
	durationMs: number;
}

/** A span of time, in milliseconds since the Unix epoch. */
export interface TimeSpan {
	fromMs: number;
	toMs: number;
}

/**
 * Splits long tasks into those that overlap one of `spans` and the others. The soak passes the
 * spans in which it took a sample: each forces full garbage collections on the page's main thread
 * and runs Playwright's selector code there, work that the page does not do by itself.
 */
export function splitLongTasks(
	tasks: LongTask[],
	spans: TimeSpan[]
): { during: LongTask[]; outside: LongTask[] } {
	const during: LongTask[] = [];
	const outside: LongTask[] = [];
	for (const task of tasks) {
		const end = task.startMs + task.durationMs;
		const overlaps = spans.some((span) => task.startMs <= span.toMs && end >= span.fromMs);
		(overlaps ? during : outside).push(task);
	}
	return { during, outside };
}

/** Upper edge in ms of the bucket that contains the p-th percentile (0 to 100); NaN for no ticks. */
export function bucketPercentile(buckets: number[], p: number): number {
	const total = buckets.reduce((sum, count) => sum + count, 0);
	if (total === 0) return NaN;
	const rank = Math.ceil((p / 100) * total);
	let seen = 0;
	for (let i = 0; i < buckets.length; i++) {
		seen += buckets[i];
		if (seen >= rank) return (i + 1) * 10;
	}
	return buckets.length * 10;
}

/** A count read in each sample, such as the page's DOM nodes, at the start and the end of a run. */
export interface CountEnds {
	/** Median of the first three and of the last three readings. */
	first: number;
	last: number;
	/** Whether the last median is at most `percent` above the first. */
	flat: boolean;
}

/**
 * Compares the medians of the first and the last three `readings` (in time order, at least
 * one). A count that lets go of what is no longer shown stays flat over a long run, while one
 * that keeps a node or a listener per update climbs with every sample.
 */
export function countEnds(readings: number[], percent: number): CountEnds {
	if (readings.length === 0) throw new Error('count ends need at least 1 reading, got 0');
	const first = median(readings.slice(0, 3));
	const last = median(readings.slice(-3));
	return { first, last, flat: last <= first * (1 + percent / 100) };
}
