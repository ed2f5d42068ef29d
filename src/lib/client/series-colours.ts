import { hcl } from 'd3-color';
import { schemeTableau10 } from '../analysis/tableau10';

/**
 * Tableau 10 without its blue (index 0), close to the main line's colour, and its orange
 * (index 1), close to the moving average's, which comes last in the palette instead.
 */
const TABLEAU = schemeTableau10.slice(2);
const ORANGE = schemeTableau10[1];

/**
 * Eleven more colours for the lines of a split series, which draws up to 20: HCL hues from 300°
 * round to 210° in equal steps at one chroma and lightness. The hues between 210° and 300° are
 * left out because the main line's blue (about 265°) lies there.
 */
const SPLIT_EXTRA = Array.from({ length: 11 }, (_, k) => hcl(300 + k * 27, 60, 58).formatHex());

const PALETTE = [...TABLEAU, ...SPLIT_EXTRA, ORANGE];

/**
 * Colour of a further series drawn beside the main one, by series index. The main series keeps
 * the theme's `--chart-line`. Series 0 to 7 get Tableau 10 colours, which stay apart on light
 * and dark backgrounds, series 8 to 18 the colours above, series 19 Tableau's orange, and later
 * indexes repeat them.
 */
export function extraSeriesColour(series: number): string {
	return PALETTE[series % PALETTE.length];
}
