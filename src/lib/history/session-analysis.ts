import { AnalysisSuite } from '../analysis/analysis-suite';
import type { SessionInfo, SuiteParams } from '../protocol';
import { listSessions } from './catalog';
import { fileBase } from './exporter';
import { formatLineName, formatRangeName } from './session-name';
import { readSessionSeries, type SessionSeriesRequest } from './session-reader';
import { openHistoryDb, type HistoryDb } from './schema';
import { formatPath } from '../mapping/field-path';
import { listSessionLines, type SessionLines, type SplitLine } from './split-line';

/** Result of loading a recorded session. */
export interface LoadedSession {
	count: number;
	/** Dataset name shown in results and the report: the session name, and the range if any. */
	name: string;
	session: SessionInfo;
}

/** An exported chart or report, as text, with the file name to save it under. */
export interface SessionFile {
	text: string;
	fileName: string;
	/** Records analysed. */
	count: number;
}

/**
 * The analysis suite with recorded sessions as a second kind of dataset. It runs in the
 * analysis-suite worker and reads sessions from IndexedDB itself, so their records never pass
 * through the page.
 *
 * NOTE: `runWithCharts` still returns every analysed column to the page for its charts, about
 * ten Float64Arrays as long as the session, so a session of several million records costs
 * hundreds of megabytes there. `exportSession` returns only text.
 */
export class SessionAnalysisSuite extends AnalysisSuite {
	#open: (events: { closed?: () => void }) => Promise<HistoryDb>;
	#db: Promise<HistoryDb> | null = null;

	constructor(open: (events: { closed?: () => void }) => Promise<HistoryDb> = openHistoryDb) {
		super();
		this.#open = open;
	}

	/** Lists the recorded sessions, the newest first. */
	async sessions(): Promise<SessionInfo[]> {
		return listSessions(await this.#database());
	}

	/** Lists the lines of a split session, for the line chooser. */
	async sessionLines(id: string): Promise<SessionLines> {
		return listSessionLines(await this.#database(), id);
	}

	/**
	 * Reads one value series of a session, whole or inside a time range, and of one split line
	 * when `request.line` is set, as the dataset.
	 *
	 * @throws Error when the session is not found, has no such line, or has no records in the range.
	 */
	async loadSession(id: string, request: SessionSeriesRequest = {}): Promise<LoadedSession> {
		const { session, time, values } = await readSessionSeries(await this.#database(), id, request);
		const lineSession = { ...session, name: formatLineName(session, request.line) };
		const name = formatRangeName(lineSession, request.range ?? {});
		if (values.length === 0) {
			const unknownLine = await this.#unknownLineMessage(session, request.line);
			throw new Error(
				unknownLine ?? `no records in ${name}: choose a wider range or another session`
			);
		}
		this.loadColumns(time, values, name, session.series[request.series ?? 0] ?? 'value');
		return { count: values.length, name, session };
	}

	/**
	 * Analyses a session, or a time range of it, and returns its series chart as SVG or the
	 * whole HTML report. Only the text crosses to the page, not the analysed columns.
	 */
	async exportSession(
		id: string,
		request: SessionSeriesRequest,
		format: 'svg' | 'html',
		params: Partial<SuiteParams> = {}
	): Promise<SessionFile> {
		const loaded = await this.loadSession(id, request);
		const base = fileBase(loaded.name);
		if (format === 'html') {
			this.run(params);
			return {
				text: this.report(new Date()),
				fileName: `${base}-report.html`,
				count: loaded.count
			};
		}
		const { charts } = this.runWithCharts(params);
		return { text: charts.series, fileName: `${base}-chart.svg`, count: loaded.count };
	}

	/** Explains a `line` that the session does not have, or returns null when it has it. */
	async #unknownLineMessage(session: SessionInfo, line: SplitLine): Promise<string | null> {
		if (typeof line !== 'string') return null;
		const split = session.mapping?.split;
		if (!split) {
			const reason = 'the session is not split by a field, so leave out the line';
			return `no line "${line}" in ${session.name}: ${reason}`;
		}
		const lines = await listSessionLines(await this.#database(), session.id);
		if (lines.names.includes(line)) return null;
		const field = formatPath(split);
		const names = [...lines.names, ...(lines.unnamed ? [`(no ${field})`] : [])];
		const listed =
			names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
		return `no line "${line}" in ${session.name}: its ${field} lines are ${listed}`;
	}

	#database(): Promise<HistoryDb> {
		// A connection that a newer version's upgrade closed is dropped too.
		this.#db ??= this.#open({ closed: () => (this.#db = null) });
		// A failed open is not kept, so that the next call tries again.
		this.#db.catch(() => (this.#db = null));
		return this.#db;
	}
}
