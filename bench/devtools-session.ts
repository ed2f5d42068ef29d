import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { findBrowser } from '../tests/support/find-browser.js';
import { chromiumArgs } from './browser';
import { chromiumProcesses } from './process-memory';
import { WorkerDebugger } from './worker-debugger';

const helperScript = readFileSync(new URL('./page/bench-page.js', import.meta.url), 'utf8');

/** Result of `streamlensBench.ingestIntoApp`. */
export interface IngestRun {
	ms: number;
	count: number;
	status: string;
	/** Durations of the page's long tasks during the ingest, in ms. */
	longTasks: number[];
}

/**
 * A DevTools session on the dashboard, as the investigation scripts (bench/trace.ts,
 * bench/thread-cpu.ts, bench/profile.ts) use it. It runs headless Chromium with a profile
 * directory of its own, so that its processes can be found by that directory, opens the
 * dashboard served on PREVIEW_PORT with the benchmark helpers loaded, and keeps a CDP session on
 * the page for tracing and profiling.
 */
export class DevToolsSession {
	readonly profile: string;
	readonly context: BrowserContext;
	readonly page: Page;
	readonly cdp: CDPSession;
	/** Record count of the seed-format file that `loadSeedFile` made, or 0 before it ran. */
	records = 0;

	private constructor(profile: string, context: BrowserContext, page: Page, cdp: CDPSession) {
		this.profile = profile;
		this.context = context;
		this.page = page;
		this.cdp = cdp;
	}

	/** Opens the dashboard at `path` (such as `/?source=file`) in a new Chromium. */
	static async open(path: string): Promise<DevToolsSession> {
		const executablePath = findBrowser();
		if (executablePath === null) {
			throw new Error('no Chromium found: set CHROMIUM_PATH or install the chromium package');
		}
		const profile = await mkdtemp(join(tmpdir(), 'streamlens-devtools-'));
		// The site's Content-Security-Policy blocks the blob: worker of the file reference.
		const context = await chromium.launchPersistentContext(profile, {
			executablePath,
			args: chromiumArgs,
			bypassCSP: true,
			viewport: { width: 1280, height: 800 }
		});
		const page = await context.newPage();
		await page.addInitScript({ content: helperScript });
		await page.goto(`http://127.0.0.1:${process.env.PREVIEW_PORT ?? 4173}${path}`);
		await page.waitForSelector('[data-testid="source-status"]');
		return new DevToolsSession(profile, context, page, await context.newCDPSession(page));
	}

	/** Returns this Chromium's processes by pid, each with its type (`browser`, `renderer`, …). */
	processes(): Map<number, string> {
		return chromiumProcesses(this.profile);
	}

	/** Attaches to the page's workers named in `names` (the Worker constructor's `name`). */
	workers(names: readonly string[]): Promise<Map<string, WorkerDebugger>> {
		return WorkerDebugger.attachAll(this.page, names);
	}

	/**
	 * Generates a seed-format file of about `megabytes` MB in the page and reads it once,
	 * untimed, because a Blob made in the page may still be on its way to the browser process
	 * when it is first read. Returns its record count.
	 */
	async loadSeedFile(megabytes: number): Promise<number> {
		this.records = (await this.page.evaluate(`(() => {
			const file = streamlensBench.seedFormatFile(${megabytes * 1e6});
			streamlensBench.store.file = file;
			return file.records;
		})()`)) as number;
		await this.referenceIngest();
		return this.records;
	}

	/** Gives the loaded seed file to the dashboard's file input and waits until it is read. */
	ingestSeedFile(timeoutMs = 300_000): Promise<IngestRun> {
		return this.page.evaluate(
			`streamlensBench.ingestIntoApp(streamlensBench.store.file.blob, 'bench.jsonl', ${this.records}, ${timeoutMs})`
		) as Promise<IngestRun>;
	}

	/** Splits and parses the loaded seed file in a new worker, as the file-ingest reference. */
	referenceIngest(): Promise<{ ms: number; records: number }> {
		return this.page.evaluate(
			'streamlensBench.referenceIngest(streamlensBench.store.file.blob)'
		) as Promise<{ ms: number; records: number }>;
	}

	/** Starts a Chromium trace of the whole browser with the given trace categories. */
	async startTracing(categories: readonly string[]): Promise<void> {
		await this.cdp.send('Tracing.start', {
			traceConfig: { includedCategories: [...categories] },
			transferMode: 'ReturnAsStream'
		});
	}

	/** Stops the trace and writes it to `path` in the JSON trace event format. */
	async stopTracing(path: string): Promise<void> {
		const complete = new Promise<string>((resolve, reject) => {
			this.cdp.once('Tracing.tracingComplete', (event) => {
				if (event.stream === undefined) reject(new Error('Tracing.end returned no trace stream'));
				else resolve(event.stream);
			});
		});
		await this.cdp.send('Tracing.end');
		const handle = await complete;
		const parts: Buffer[] = [];
		for (;;) {
			const chunk = await this.cdp.send('IO.read', { handle });
			parts.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
			if (chunk.eof) break;
		}
		await this.cdp.send('IO.close', { handle });
		writeFileSync(path, Buffer.concat(parts));
	}

	async close(): Promise<void> {
		await this.context.close();
		await rm(this.profile, { recursive: true, force: true });
	}
}
