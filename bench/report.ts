/**
 * Pure parts of the benchmark report: medians, ratios, target checks and the Markdown page.
 * Kept free of browser and Node APIs so that a unit test can check the formatting.
 */

/** One measured quantity over several runs. */
export interface Measurement {
	/** Name of the measured quantity, e.g. "Streamlens file ingest". */
	label: string;
	/** Unit of each sample, e.g. "MB/s" or "ms". */
	unit: string;
	/** One sample per run, in run order. */
	samples: number[];
}

/**
 * A target on a figure. `of: 'ratio'` compares the ratio value / reference with `limit`,
 * `of: 'value'` compares the figure's own median.
 */
export interface Target {
	of: 'value' | 'ratio';
	compare: '<=' | '>=';
	limit: number;
}

/** One row of the report: a figure, the reference measured beside it, and its target. */
export interface FigureRow {
	/** Short name of the figure, e.g. "File ingest, 100 MB JSONL". */
	figure: string;
	value: Measurement;
	reference?: Measurement;
	target: Target;
	/** Facts a reader needs to trust the number: sizes, counts, how it was taken. */
	note?: string;
}

/** The whole report: rows plus where and how they were measured. */
export interface BenchReport {
	date: string;
	machine: Record<string, string>;
	runs: number;
	quick: boolean;
	rows: FigureRow[];
	/** Paragraphs printed after the table. */
	notes: string[];
	/** Markdown appended at the end: what the figures show and what was changed. */
	findings?: string;
}

/** Returns the median of `samples`, or NaN when there are none. */
export function median(samples: readonly number[]): number {
	const finite = samples.filter((sample) => Number.isFinite(sample));
	if (finite.length === 0) return NaN;

	const sorted = [...finite].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Returns the `p`-th percentile (0 to 100) by the nearest-rank method, or NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return NaN;

	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Returns median(value) / median(reference), or NaN when there is no reference. */
export function ratioOf(row: FigureRow): number {
	if (row.reference === undefined) return NaN;
	return median(row.value.samples) / median(row.reference.samples);
}

/** Returns whether the row meets its target, or null when the compared number is not finite. */
export function meetsTarget(row: FigureRow): boolean | null {
	const measured = row.target.of === 'ratio' ? ratioOf(row) : median(row.value.samples);
	if (!Number.isFinite(measured)) return null;
	return row.target.compare === '<=' ? measured <= row.target.limit : measured >= row.target.limit;
}

/** Formats a number with about three significant digits and thousands separators. */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return 'n/a';

	const magnitude = Math.abs(value);
	let digits = 3;
	if (magnitude >= 100) digits = 0;
	else if (magnitude >= 10) digits = 1;
	else if (magnitude >= 1) digits = 2;
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

function formatMeasurement(measurement: Measurement | undefined): string {
	if (measurement === undefined) return '–';

	const samples = measurement.samples.map(formatNumber).join(', ');
	const middle = `${formatNumber(median(measurement.samples))} ${measurement.unit}`;
	const runs = measurement.samples.length > 1 ? ` (runs: ${samples})` : '';
	return `${measurement.label}: **${middle}**${runs}`;
}

function formatTarget(target: Target, unit: string): string {
	const limit = formatNumber(target.limit);
	return target.of === 'ratio'
		? `${target.compare} ${limit}×`
		: `${target.compare} ${limit} ${unit}`;
}

function formatVerdict(met: boolean | null): string {
	if (met === null) return 'not measured';
	return met ? 'met' : '**missed**';
}

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders the report as a Markdown table with one row per figure. */
export function formatTable(rows: readonly FigureRow[]): string {
	const lines = [
		'| Figure | Streamlens | Reference | Ratio | Target | Result |',
		'| --- | --- | --- | --- | --- | --- |'
	];
	for (const row of rows) {
		const ratio = ratioOf(row);
		const columns = [
			row.figure,
			formatMeasurement(row.value),
			formatMeasurement(row.reference),
			Number.isFinite(ratio) ? `${formatNumber(ratio)}×` : '–',
			formatTarget(row.target, row.value.unit),
			formatVerdict(meetsTarget(row))
		];
		lines.push(`| ${columns.map(cell).join(' | ')} |`);
	}
	return lines.join('\n');
}

/** Renders the whole benchmark page. */
export function formatReport(report: BenchReport): string {
	const machine = Object.entries(report.machine)
		.map(([name, value]) => `- ${name}: ${value}`)
		.join('\n');
	const notes = report.rows
		.filter((row) => row.note)
		.map((row) => `- **${row.figure}**: ${row.note}`)
		.join('\n');
	const mode = report.quick
		? 'a quick run (`npm run bench -- --quick`): one run each, small sizes'
		: `median of ${report.runs} runs per figure`;

	return [
		'# Benchmarks',
		'',
		'Written by `npm run bench`, which builds the app, serves it with `vite preview` on ' +
			'127.0.0.1 and drives headless Chromium. Each figure sits next to a reference measured ' +
			'in the same run, in the same browser, on the same data. Data are generated at run time.',
		'',
		`Taken on ${report.date}, ${mode}.`,
		'',
		formatTable(report.rows),
		'',
		'## How each figure was taken',
		'',
		notes,
		'',
		...report.notes.flatMap((note) => [note, '']),
		'## Machine',
		'',
		machine,
		'',
		...(report.findings ? [report.findings.trim(), ''] : [])
	].join('\n');
}

/**
 * Puts the table rows and notes of `rows` into a page written earlier by `formatReport`,
 * replacing the rows of the same figures and adding the others at the end of the table and of
 * the notes. Each merged note gives the time its figure was measured, because the rest of the
 * page comes from another run.
 *
 * @throws Error when the page has no figure table.
 */
export function mergeRows(page: string, rows: readonly FigureRow[], date: string): string {
	const lines = page.split('\n');
	const header = lines.indexOf(formatTable([]).split('\n')[0]);
	if (header === -1) throw new Error('invalid benchmark page: no figure table to merge into');

	for (const row of rows) {
		const tableLine = formatTable([row]).split('\n')[2];
		replaceOrInsert(lines, `| ${cell(row.figure)} |`, tableLine, header);
		const note = `${row.note ?? ''} Measured on ${date} in a run of this figure alone.`.trim();
		const notesHeading = lines.indexOf('## How each figure was taken');
		if (notesHeading === -1) continue;
		replaceOrInsert(
			lines,
			`- **${row.figure}**:`,
			`- **${row.figure}**: ${note}`,
			notesHeading + 1
		);
	}
	return lines.join('\n');
}

/**
 * Replaces the first line that starts with `prefix` after `from`, or inserts `line` after the
 * block of lines that starts at the first non-blank line after `from`.
 */
function replaceOrInsert(lines: string[], prefix: string, line: string, from: number): void {
	let at = from;
	while (at < lines.length && lines[at].trim() === '') at++;
	const start = at;
	while (at < lines.length && lines[at].trim() !== '') {
		if (lines[at].startsWith(prefix)) {
			lines[at] = line;
			return;
		}
		at++;
	}
	lines.splice(at > start ? at : start, 0, line);
}
