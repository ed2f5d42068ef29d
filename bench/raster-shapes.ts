/**
 * `npx tsx bench/raster-shapes.ts`: times how long headless Chromium (no GPU, so the canvas is
 * rasterised in software) takes to draw and rasterise the shapes the live chart is made of, on
 * a canvas of the chart's size. Each shape is drawn 12 times, and the medians of the drawing
 * calls alone and of the calls with the raster are printed. A one-pixel `getImageData` after the
 * drawing calls makes Chromium rasterise them at once, inside the second timing.
 */
import { readFileSync } from 'node:fs';
import { launchBrowser } from './browser';

const script = readFileSync(new URL('./page/raster-shapes.js', import.meta.url), 'utf8');

const { browser } = await launchBrowser();
try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	await page.setContent('<canvas width="868" height="380"></canvas>');
	const medians = (await page.evaluate(script)) as Record<string, { calls: number; total: number }>;
	console.log('  calls    total  (ms)');
	for (const [name, { calls, total }] of Object.entries(medians)) {
		console.log(`${calls.toFixed(2).padStart(7)}  ${total.toFixed(2).padStart(7)}  ${name}`);
	}
} finally {
	await browser.close();
}
