import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Response } from '@playwright/test';
import type { BenchContext, Figure } from '../figure';
import { median, type FigureRow } from '../report';

/** A JavaScript file and its size gzipped alone at level 9, in bytes. */
interface ScriptSize {
	name: string;
	gzipped: number;
}

/** Lists every file under `folder`, recursively. */
function listFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]
	);
}

function gzipSize(bytes: Uint8Array): number {
	return gzipSync(bytes, { level: 9 }).length;
}

function isScript(response: Response): boolean {
	const type = response.headers()['content-type'] ?? '';
	return /javascript/.test(type) || /\.m?js$/.test(new URL(response.url()).pathname);
}

/**
 * Opens `/` in a new browser context (empty cache) and returns each JavaScript response the
 * page and its dedicated workers received until the first chart draw with a record in it.
 * Service worker requests (the precache) are not page events, so they are not counted.
 */
async function coldLoadScripts(context: BenchContext): Promise<ScriptSize[]> {
	const browserContext = await context.browser.newContext({
		viewport: { width: 1280, height: 800 }
	});
	const page = await browserContext.newPage();
	const responses = new Map<string, Response>();
	let charted = false;
	page.on('response', (response) => {
		if (!charted && isScript(response)) responses.set(response.url(), response);
	});

	await page.goto(`${context.baseUrl}/`);
	await page.waitForFunction(() => {
		const count = document
			.querySelector('[data-testid="record-count"]')
			?.getAttribute('data-value');
		return Number(count) > 0 && performance.getEntriesByName('streamlens:draw').length > 0;
	});
	charted = true;

	const sizes: ScriptSize[] = [];
	for (const [url, response] of responses) {
		const body = await response.body();
		sizes.push({ name: new URL(url).pathname, gzipped: gzipSize(body) });
	}
	await browserContext.close();
	return sizes;
}

/** Lists every .js file in build/ with its gzipped size, the service worker and Workbox included. */
function buildScripts(): ScriptSize[] {
	return listFiles('build')
		.filter((path) => /\.m?js$/.test(path))
		.map((path) => ({
			name: `/${relative('build', path)}`,
			gzipped: gzipSize(readFileSync(path))
		}));
}

/**
 * Returns the chunks that the stream worker imports with `import()`: the MQTT client, which only
 * an MQTT connection downloads. Chunk file names are hashes, so they are read from the worker.
 */
function streamWorkerLazyChunks(build: readonly ScriptSize[]): ScriptSize[] {
	const worker = build.find((file) => /\/stream\.worker-[^/]*\.js$/.test(file.name));
	if (worker === undefined) return [];

	const text = readFileSync(join('build', worker.name), 'utf8');
	const targets = [...text.matchAll(/\bimport\(\s*[`'"]\.\/([^`'"]+)[`'"]\s*\)/g)].map((match) =>
		posix.join(posix.dirname(worker.name), match[1])
	);
	return build.filter((file) => targets.includes(file.name));
}

function totalKb(sizes: readonly ScriptSize[]): number {
	return sizes.reduce((sum, size) => sum + size.gzipped, 0) / 1000;
}

function kb(bytes: number): string {
	return `${(bytes / 1000).toFixed(1)} KB`;
}

/**
 * Describes `sizes` by kind, largest first: each worker by name, the MQTT client chunk, the
 * service worker with Workbox, and the pages with their entry points and shared chunks together,
 * because most of those file names are hashes.
 */
function describeByKind(sizes: readonly ScriptSize[], mqttChunks: readonly ScriptSize[]): string {
	const kinds = new Map<string, number>();
	for (const size of sizes) {
		const worker = /\/workers\/([\w-]+)\.worker-[^/]+\.js$/.exec(size.name);
		let kind = 'pages and chunks';
		if (mqttChunks.some((chunk) => chunk.name === size.name)) kind = 'MQTT client';
		else if (worker !== null) kind = `${worker[1]} worker`;
		else if (!size.name.startsWith('/_app/')) kind = 'service worker and Workbox';
		kinds.set(kind, (kinds.get(kind) ?? 0) + size.gzipped);
	}
	return [...kinds]
		.sort((a, b) => b[1] - a[1])
		.map(([kind, bytes]) => `${kind} ${kb(bytes)}`)
		.join(', ');
}

/**
 * JavaScript shipped: what a cold load of the dashboard downloads before its first live chart,
 * beside every .js file of the build, which the service worker precaches after that load.
 */
export const shippedJs: Figure = {
	name: 'shipped js',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const loads: ScriptSize[][] = [];
		for (let run = 0; run < context.runs; run++) loads.push(await coldLoadScripts(context));
		const loaded = loads.map(totalKb);
		const build = buildScripts();
		const mqttChunks = streamWorkerLazyChunks(build);
		const lastLoad = loads[loads.length - 1];
		const notLoaded = build.filter((file) => !lastLoad.some((size) => size.name === file.name));
		context.log(`shipped js: cold load median ${median(loaded).toFixed(1)} KB`);
		context.log(`shipped js: cold load ${describeByKind(lastLoad, mqttChunks)}`);
		context.log(`shipped js: not loaded ${describeByKind(notLoaded, mqttChunks)}`);

		return [
			{
				figure: 'JavaScript shipped, gzipped',
				value: { label: 'cold load of `/` to the first live chart', unit: 'KB', samples: loaded },
				reference: {
					label: 'every .js file in build/',
					unit: 'KB',
					samples: [totalKb(build)]
				},
				target: { of: 'value', compare: '<=', limit: 150 },
				note:
					'a new browser context (empty cache) opens `/`, where the simulator starts at once. ' +
					"Playwright's `response` events report every JavaScript response for the page and " +
					'its dedicated workers. Those until the first chart draw after `record-count` is ' +
					'above 0 are each gzipped alone at level 9, and the sizes summed, as for the ' +
					'reference. ' +
					'`vite preview` gzips them too, at its own level, so level 9 on each body keeps the ' +
					`two comparable. Last load: ${lastLoad.length} files: ` +
					`${describeByKind(lastLoad, mqttChunks)}. The reference is all ${build.length} .js ` +
					'files in build/ gzipped the same way. A first visit downloads all of them, during ' +
					'or soon after that load: the service worker and Workbox when it registers, and ' +
					'every other file into its precache, so the other pages and the offline app need no ' +
					`further download. Not fetched by the cold load: ${notLoaded.length} files: ` +
					`${describeByKind(notLoaded, mqttChunks)}. The MQTT client is a chunk that the ` +
					'stream worker imports only when an MQTT source connects. Kilobytes of 1,000 bytes.'
			}
		];
	}
};
