/**
 * Tableau 10, the categorical palette of d3-scale-chromatic's `schemeTableau10` (3.1.1), whose
 * colours stay apart on light and dark backgrounds. A unit test compares it with the package.
 *
 * Written out here because d3-scale-chromatic 3.1 ships as one prebuilt module whose scheme and
 * ramp definitions run when it loads. A bundle that imports this one list keeps all of them, which
 * cost 16 KB minified (6 KB gzipped) in the dashboard and again in the analysis-suite worker.
 */
export const schemeTableau10: readonly string[] = [
	'#4e79a7',
	'#f28e2c',
	'#e15759',
	'#76b7b2',
	'#59a14f',
	'#edc949',
	'#af7aa1',
	'#ff9da7',
	'#9c755f',
	'#bab0ab'
];
