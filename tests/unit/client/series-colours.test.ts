import { describe, expect, it } from 'vitest';
import { schemeTableau10 } from '../../../src/lib/analysis/tableau10';
import { extraSeriesColour } from '../../../src/lib/client/series-colours';

describe('extraSeriesColour', () => {
	it('extraSeriesColour gives 20 lines 20 colours, orange last', () => {
		const colours = Array.from({ length: 20 }, (_, i) => extraSeriesColour(i));
		expect(new Set(colours).size).toBe(20);
		// Blue is the main line's hue and orange the moving average's: the first lines avoid both.
		expect(colours.slice(0, 19)).not.toContain(schemeTableau10[0]);
		expect(colours.slice(0, 19)).not.toContain(schemeTableau10[1]);
		expect(colours[19]).toBe(schemeTableau10[1]);
		expect(extraSeriesColour(20)).toBe(colours[0]);
	});
});
