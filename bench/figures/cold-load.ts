import type { BenchContext, Figure } from '../figure';
import { median, type FigureRow } from '../report';

/**
 * Cold load: a fresh browser context (empty cache) opens the dashboard, whose simulator starts
 * at once; timed from navigation start to the end of the first chart draw with points in it.
 */
export const coldLoad: Figure = {
	name: 'cold load',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const samples: number[] = [];
		const runs = Math.max(context.runs, 3);
		for (let run = 0; run < runs; run++) {
			const browserContext = await context.browser.newContext({
				viewport: { width: 1280, height: 800 }
			});
			const page = await browserContext.newPage();
			await page.goto(`${context.baseUrl}/`);
			// The first draw whose view holds a record; the page measures each draw.
			const ms = (await page.evaluate(`new Promise((resolve) => {
				const check = () => {
					const count = Number(document.querySelector('[data-testid="record-count"]')?.getAttribute('data-value'));
					const draws = performance.getEntriesByName('streamlens:draw');
					if (count > 0 && draws.length > 0) {
						const draw = draws[draws.length - 1];
						resolve(draw.startTime + draw.duration);
					} else requestAnimationFrame(check);
				};
				check();
			})`)) as number;
			samples.push(ms);
			await browserContext.close();
		}
		context.log(`cold load: median ${median(samples).toFixed(0)} ms`);
		return [
			{
				figure: 'Cold load to first live chart',
				value: { label: 'first drawn point', unit: 'ms', samples },
				target: { of: 'value', compare: '<=', limit: 1000 },
				note:
					'a new browser context (empty cache) opens `/` on 127.0.0.1, where the simulator ' +
					'starts at once. Timed from navigation start to the end of the first chart draw ' +
					'after `record-count` is above 0, read from the `streamlens:draw` user-timing ' +
					`measure. ${runs} loads.`
			}
		];
	}
};
