import { schemeTableau10 } from '../analysis/tableau10';

/**
 * Colour of a further series drawn beside the main one, by series index. The main series keeps
 * the theme's `--chart-line`; Tableau 10 colours stay apart on light and dark backgrounds.
 */
export function extraSeriesColour(series: number): string {
	// Skip Tableau's blue (index 0), which is close to the main line's colour.
	return schemeTableau10[1 + (series % (schemeTableau10.length - 1))];
}
