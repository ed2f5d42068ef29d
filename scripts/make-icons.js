// Draws the app icons under static/icons/ by screenshotting an SVG in headless Chromium, so
// no image tool beyond the test browser is needed. Run `node scripts/make-icons.js` after
// changing a drawing; the PNG files are committed so that the build needs no browser.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findBrowser } from '../tests/support/find-browser.js';

const line = 'fill="none" stroke="#38bdf8" stroke-linecap="round" stroke-linejoin="round"';

// The plain icon: a rounded tile with the chart line, the same drawing as favicon.svg.
const plain =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
	'<rect width="64" height="64" rx="12" fill="#0f172a"/>' +
	`<polyline points="6,44 18,30 28,38 40,16 50,26 58,20" ${line} stroke-width="6"/></svg>`;

// The maskable icon fills the square and keeps the line inside the central circle of 80 %
// diameter, the safe zone that every launcher mask leaves visible.
const maskable =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
	'<rect width="64" height="64" fill="#0f172a"/>' +
	`<polyline points="15,40 23,31 30,36 38,21 45,28 50,24" ${line} stroke-width="4.5"/></svg>`;

const icons = [
	{ file: 'icon-192.png', svg: plain, size: 192 },
	{ file: 'icon-512.png', svg: plain, size: 512 },
	{ file: 'maskable-512.png', svg: maskable, size: 512 }
];

const folder = new URL('../static/icons/', import.meta.url);
mkdirSync(folder, { recursive: true });
const browser = await chromium.launch({
	executablePath: findBrowser() ?? undefined,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
try {
	for (const icon of icons) {
		const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
		const sized = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
		await page.setContent(`<style>body{margin:0}svg{display:block}</style>${sized}`);
		await page.screenshot({ path: new URL(icon.file, folder).pathname, omitBackground: true });
		await page.close();
	}
} finally {
	await browser.close();
}
