import { schemeTableau10 as fromPackage } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { schemeTableau10 } from '../../../src/lib/analysis/tableau10';

describe('schemeTableau10', () => {
	it('matches d3-scale-chromatic', () => {
		expect(schemeTableau10).toEqual(fromPackage);
	});
});
